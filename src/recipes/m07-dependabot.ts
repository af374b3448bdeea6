import { dependabotInit } from '../pin/dependabot-init.js';
import type { Recipe } from './recipe.js';
import { changesFor, noWorkflows, readText, verdict } from './recipe.js';

const CONFIG = '.github/dependabot.yml';

/** M07: Dependabot keeps the pinned actions current (`groundwork init dependabot`). */
export const m07: Recipe = {
  id: 'M07',
  title: 'Dependabot for GitHub Actions',
  deliverables: [CONFIG],
  async notApplicable(ctx) {
    return noWorkflows(ctx);
  },
  async apply(ctx) {
    const { files, notes } = await dependabotInit.generate(ctx.repo);
    return { changes: changesFor(ctx.repo, files), notes: notes ?? [] };
  },
  async verify(ctx) {
    const text = readText(ctx.repo, CONFIG) ?? '';
    return verdict([
      { name: `${CONFIG} updates github-actions`, passed: /package-ecosystem:\s*["']?github-actions/.test(text), detail: text ? undefined : 'missing' },
    ]);
  },
};
