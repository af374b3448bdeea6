import type { Recipe } from './recipe.js';

/** One recipe per seed action, loaded on demand. */
export const RECIPES: Record<string, () => Promise<Recipe>> = {
  M01: async () => (await import('./m01-smoke.js')).m01,
  M02: async () => (await import('./m02-refactor-md.js')).m02,
  M03: async () => (await import('./m03-audit.js')).m03,
  M04: async () => (await import('./m04-fix.js')).m04,
  M05: async () => (await import('./m05-actionlint.js')).m05,
  M06: async () => (await import('./m06-pin.js')).m06,
  M07: async () => (await import('./m07-dependabot.js')).m07,
  M08: async () => (await import('./m08-sbom.js')).m08,
  M09: async () => (await import('./m09-deps-audit.js')).m09,
  M11: async () => (await import('./m11/recipe.js')).m11,
  M13: async () => (await import('./m13-precommit.js')).m13,
};

export function hasRecipe(id: string): boolean {
  return Object.hasOwn(RECIPES, id);
}

export async function loadRecipe(id: string): Promise<Recipe | undefined> {
  return hasRecipe(id) ? RECIPES[id]!() : undefined;
}
