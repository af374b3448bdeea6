import { atOrAbove } from '../core/engine.js';
import { precommitFindings } from '../program/audit-api.js';
import { CONTRIBUTING_MARKER, hooksFor } from '../precommit/generate.js';
import { CONTRIBUTING, PRECOMMIT_CONFIG, preCommitFiles } from '../precommit/init-generator.js';
import type { Recipe } from './recipe.js';
import { changeTo, readText, verdict } from './recipe.js';

/** M13: pre-commit configured for what the repository contains, documented in CONTRIBUTING.md. */
export const m13: Recipe = {
  id: 'M13',
  title: 'Pre-commit configuration',
  deliverables: [PRECOMMIT_CONFIG],
  async apply(ctx) {
    const { files, notes } = preCommitFiles(ctx.repo);
    return { changes: files.flatMap((f) => changeTo(ctx.repo, f.path, f.content)), notes };
  },
  // `pre-commit run --all-files` needs pre-commit and the hooks' toolchains; what groundwork can
  // check offline is that the configuration is valid (strictly), frozen, covers what the repository
  // contains, and that contributors are told how to install it.
  async verify(ctx) {
    const config = readText(ctx.repo, PRECOMMIT_CONFIG);
    // Tags an existing configuration already used are low findings: reported by check-precommit, not blocking here.
    const blocking = atOrAbove(precommitFindings(ctx.repo, PRECOMMIT_CONFIG), 'medium');
    const expected = hooksFor(ctx.repo.files()).flatMap((s) => s.hooks.map((h) => h.id));
    const missing = expected.filter((id) => !new RegExp(`id:\\s*${id}\\b`).test(config ?? ''));
    return verdict([
      { name: `${PRECOMMIT_CONFIG} exists`, passed: config !== undefined },
      { name: 'groundwork check-precommit finds nothing at medium or above', passed: config !== undefined && blocking.length === 0, detail: blocking.length ? `${blocking.length} finding(s)` : undefined },
      { name: 'hooks for what the repository contains', passed: config !== undefined && missing.length === 0, detail: missing.length ? `missing ${missing.join(', ')}` : undefined },
      { name: `${CONTRIBUTING} explains the setup`, passed: (readText(ctx.repo, CONTRIBUTING) ?? '').includes(CONTRIBUTING_MARKER) || /pre-commit install/.test(readText(ctx.repo, CONTRIBUTING) ?? '') },
    ]);
  },
};
