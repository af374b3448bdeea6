import { ALL_RULES } from '../rules/index.js';
import type { Report } from '../reporters/index.js';
import { VERSION } from '../version.js';
import { checkWorkflows, type CheckResult } from '../workflows/check.js';
import type { RecipeContext } from './recipe.js';

/** `groundwork check` on the repository (or a copy at `dir`), in-process: the recipes of M03, M04 and M05 read it. */
export function workflowCheck(ctx: RecipeContext): Promise<CheckResult> {
  return checkWorkflows({ repo: ctx.repo, config: ctx.config });
}

/** The M03 findings document's report: what `groundwork check --format markdown` prints. */
export function workflowReport(result: CheckResult): Report {
  const notes = result.files.length === 0 ? ['no workflows (.github/workflows/*.yml) or local actions (action.yml) found'] : [];
  return {
    version: VERSION,
    findings: result.findings,
    allowed: result.allowed,
    rules: ALL_RULES,
    notes,
    title: 'M03 findings: CI failures that do not fail the run',
  };
}
