import { loadConfig } from '../../config/config.js';
import { ALL_RULES } from '../../rules/index.js';
import { Repository } from '../../services/repository.js';
import { checkWorkflows } from '../../workflows/check.js';
import { workflowReport } from '../../workflows/report.js';
import { emitReport } from '../emit.js';
import type { CliIO } from '../io.js';
import { boolOpt, intOpt, REPORTING_OPTIONS, stringOpt, type Command } from '../options.js';
import { targetsArg } from '../targets.js';
import { ruleIdsOpt } from '../rule-option.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Find every place in the workflows and local actions where a real failure would not fail the run (M03).',
  usage: 'check [DIR | FILE…] [--format text|json|sarif|github|markdown] [--out FILE] [--rule ID]… [--schema]',
  options: [
    ...REPORTING_OPTIONS,
    { name: 'rule', type: 'string', multiple: true, value: 'ID', description: 'only this rule (repeatable)' },
    { name: 'schema', type: 'boolean', description: "also validate workflows against GitHub's schema (@actions/workflow-parser)" },
    {
      name: 'jobs',
      type: 'string',
      short: 'j',
      value: 'N',
      description: 'worker threads for large trees (default: one per core on machines with 4 or more; 1 = none)',
    },
  ],
  async run(args, io: CliIO) {
    const { dir, files } = targetsArg(args, 'check', io.cwd);
    const repo = Repository.open(dir);
    const config = loadConfig(
      repo.root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const only = ruleIdsOpt(args, 'check');
    const result = await checkWorkflows({ repo, config, schema: boolOpt(args, 'schema'), only, files, jobs: intOpt(args, 'jobs') });
    return emitReport(workflowReport(result), args, io, config.failOn);
  },
};
