import type { InitGenerator } from '../init/generator.js';
import { repositoryPins } from '../recipes/action-pins.js';
import { DEPS_WORKFLOW_PATH, depsAuditWorkflow } from './workflow.js';

/** `groundwork init deps-audit`: the monthly workflow of M09. */
export const depsAuditGenerator: InitGenerator = {
  name: 'deps-audit',
  summary: `monthly ${DEPS_WORKFLOW_PATH} running groundwork deps`,
  async generate(repo) {
    // init writes with Repository.writeAtomic, which makes the folder once the path is known to stay
    // inside the repository (a --dry-run makes none)
    return {
      files: [{ path: DEPS_WORKFLOW_PATH, content: depsAuditWorkflow(undefined, repositoryPins(repo)) }],
      notes: ['set deps.maxAge in groundwork.yml to change the age limit (default 730d)'],
    };
  },
};
