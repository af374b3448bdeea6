import { checkWorkflows, type CheckResult } from '../workflows/check.js';
import type { RecipeContext } from './recipe.js';

/** `groundwork check` on the repository (or a copy at `dir`), in-process: the recipes of M03, M04 and M05 read it. */
export function workflowCheck(ctx: RecipeContext): Promise<CheckResult> {
  return checkWorkflows({ repo: ctx.repo, config: ctx.config });
}
