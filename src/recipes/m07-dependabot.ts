import type { Recipe } from './recipe.js';
import { delegatedFailure, readText, verdict } from './recipe.js';
import { changesFromInit } from './sandbox.js';

const CONFIG = '.github/dependabot.yml';

/** M07: Dependabot keeps the pinned actions current (`groundwork init dependabot`). */
export const m07: Recipe = {
  id: 'M07',
  title: 'Dependabot for GitHub Actions',
  deliverables: [CONFIG],
  async apply(ctx) {
    const result = await changesFromInit(ctx, 'dependabot');
    if (result.run.code !== 0) throw delegatedFailure('init dependabot', result.run);
    return { changes: result.changes, notes: [] };
  },
  async verify(ctx) {
    const text = readText(ctx.repo, CONFIG) ?? '';
    return verdict([{ name: `${CONFIG} updates github-actions`, passed: /package-ecosystem:\s*["']?github-actions/.test(text), detail: text ? undefined : 'missing' }]);
  },
};
