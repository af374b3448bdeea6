import { buildInventory } from '../sbom/inventory.js';
import { DEFAULT_SBOM_PATH, DEFAULT_VERSIONS_PATH, renderSbom } from '../sbom/render.js';
import { sbomOptionsFrom } from '../sbom/settings.js';
import type { Recipe, RecipeContext } from './recipe.js';
import { changeTo, fileCheck, readText, verdict } from './recipe.js';

const SBOM = DEFAULT_SBOM_PATH;
const VERSIONS = DEFAULT_VERSIONS_PATH;

function inventoryOf(ctx: RecipeContext) {
  return buildInventory(ctx.repo.root, sbomOptionsFrom(ctx.config));
}

/** M08: the vendored dependencies as CycloneDX and as a human-readable table (`groundwork sbom --write`). */
export const m08: Recipe = {
  id: 'M08',
  title: 'SBOM of vendored dependencies',
  deliverables: [SBOM, VERSIONS],
  async apply(ctx) {
    // Timestamps come from the commit, so the same tree gives the same files.
    const inv = await inventoryOf(ctx);
    return {
      changes: [...changeTo(ctx.repo, SBOM, renderSbom('cyclonedx', inv)), ...changeTo(ctx.repo, VERSIONS, renderSbom('markdown', inv))],
      notes: inv.notes,
    };
  },
  // "Validates with the SBOM schema, 50+ entries": a CycloneDX document whose components are those
  // groundwork finds in the tree now (50+ is PyTorch's count, not a property of an SBOM).
  async verify(ctx) {
    const text = readText(ctx.repo, SBOM);
    let committed: number | undefined;
    try {
      const doc = JSON.parse(text ?? '') as { bomFormat?: string; components?: unknown[] };
      committed = doc.bomFormat === 'CycloneDX' ? (doc.components ?? []).length : undefined;
    } catch {
      committed = undefined;
    }
    // Counted in the document groundwork would write now, so both sides are counted the same way.
    const current = ((JSON.parse(renderSbom('cyclonedx', await inventoryOf(ctx))) as { components?: unknown[] }).components ?? []).length;
    return verdict([
      fileCheck(ctx.repo, VERSIONS),
      { name: `${SBOM} is CycloneDX JSON`, passed: committed !== undefined, detail: text === undefined ? 'missing' : undefined },
      { name: 'its components match the tree now', passed: committed === current, detail: `committed ${committed ?? '?'}, now ${current}` },
    ]);
  },
};
