import type { Recipe } from './recipe.js';
import { delegatedFailure, fileCheck, verdict } from './recipe.js';
import { captureWrites } from './sandbox.js';

const TEST = 'test/test_import_smoke.py';

/** M01: the import smoke test, written and checked by `groundwork smoke`. */
export const m01: Recipe = {
  id: 'M01',
  title: 'Import smoke test',
  deliverables: [TEST],
  async apply(ctx) {
    const result = await captureWrites(ctx, [TEST], ['smoke', ctx.repo.root, '--write-test', TEST]);
    if (result.run.code > 1) throw delegatedFailure('smoke', result.run);
    return { changes: result.changes, notes: ['add a CI job that runs the test before the build (the seed: "runs before build, <1 second")'] };
  },
  // The seed's `python test/test_import_smoke.py` cannot fail on a pytest-style module; the smoke
  // check itself does, and the generated test must exist.
  async verify(ctx) {
    const run = await ctx.cli(['smoke', ctx.repo.root, '--format', 'json']);
    return verdict([fileCheck(ctx.repo, TEST), { name: 'groundwork smoke passes', passed: run.code === 0, detail: run.code === 0 ? undefined : `exit ${run.code}` }]);
  },
};
