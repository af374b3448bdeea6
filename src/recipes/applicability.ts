import { loadRecipe } from './index.js';
import type { RecipeContext } from './recipe.js';

/**
 * The milestones among `ids` whose recipe says they do not apply to the repository (M11 without a
 * distributed module, the workflow milestones without workflows), with the reason. Milestones
 * without a recipe are assumed to apply: only a recipe knows what its target is.
 */
export async function notApplicableMilestones(ctx: RecipeContext, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const reason = await (await loadRecipe(id))?.notApplicable?.(ctx);
    if (reason !== undefined) out.set(id, reason);
  }
  return out;
}
