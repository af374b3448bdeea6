import type { Recipe } from './recipe.js';
import { delegatedFailure, fileCheck, readText, verdict } from './recipe.js';
import { captureWrites } from './sandbox.js';

const SBOM = 'docs/refactor/SBOM.json';
const VERSIONS = 'docs/refactor/THIRD_PARTY_VERSIONS.md';

/** M08: the vendored dependencies as CycloneDX and as a human-readable table (`groundwork sbom`). */
export const m08: Recipe = {
  id: 'M08',
  title: 'SBOM of vendored dependencies',
  deliverables: [SBOM, VERSIONS],
  async apply(ctx) {
    const result = await captureWrites(ctx, [SBOM, VERSIONS], ['sbom', ctx.repo.root, '--write']);
    if (result.run.code > 1) throw delegatedFailure('sbom', result.run);
    return { changes: result.changes, notes: [] };
  },
  // "Validates with the SBOM schema, 50+ entries": a CycloneDX document whose components are those
  // `groundwork sbom` finds in the tree now (50+ is PyTorch's count, not a property of an SBOM).
  async verify(ctx) {
    const text = readText(ctx.repo, SBOM);
    let committed: number | undefined;
    try {
      const doc = JSON.parse(text ?? '') as { bomFormat?: string; components?: unknown[] };
      committed = doc.bomFormat === 'CycloneDX' ? (doc.components ?? []).length : undefined;
    } catch {
      committed = undefined;
    }
    const run = await ctx.cli(['sbom', ctx.repo.root]);
    let current: number | undefined;
    try {
      current = ((JSON.parse(run.stdout) as { components?: unknown[] }).components ?? []).length;
    } catch {
      current = undefined;
    }
    return verdict([
      fileCheck(ctx.repo, VERSIONS),
      { name: `${SBOM} is CycloneDX JSON`, passed: committed !== undefined, detail: text === undefined ? 'missing' : undefined },
      { name: 'its components match the tree now', passed: committed !== undefined && committed === current, detail: `committed ${committed ?? '?'}, now ${current ?? '?'}` },
    ]);
  },
};
