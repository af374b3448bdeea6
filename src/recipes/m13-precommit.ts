import { atOrAbove } from '../core/engine.js';
import { precommitFindings } from '../program/audit-api.js';
import { contributingPath } from '../precommit/contributing.js';
import { CONTRIBUTING_MARKER, hooksFor } from '../precommit/generate.js';
import { PRECOMMIT_CONFIG, preCommitFiles } from '../precommit/init-generator.js';
import { covered, detectTooling, EQUIVALENT_HOOKS } from '../precommit/tooling.js';
import { sbomOptionsFrom } from '../sbom/settings.js';
import type { Recipe } from './recipe.js';
import { changeTo, readText, verdict } from './recipe.js';
import { own } from '../core/own.js';

/** M13: pre-commit configured for what the repository contains and the tooling it uses, documented in its contributing guide. */
export const m13: Recipe = {
  id: 'M13',
  title: 'Pre-commit configuration',
  deliverables: [PRECOMMIT_CONFIG],
  async apply(ctx) {
    const { files, notes } = await preCommitFiles(ctx.repo, sbomOptionsFrom(ctx.config));
    return { changes: files.flatMap((f) => changeTo(ctx.repo, f.path, f.content)), notes };
  },
  // `pre-commit run --all-files` needs pre-commit and the hooks' toolchains; what groundwork can
  // check offline is that the configuration is valid (strictly), frozen, does every kind of check
  // the repository needs (by any of the hooks that do it), and that contributors are told how to install it.
  async verify(ctx) {
    const config = readText(ctx.repo, PRECOMMIT_CONFIG);
    // Tags an existing configuration already used are low findings: reported by check-precommit, not blocking here.
    const blocking = atOrAbove(precommitFindings(ctx.repo, PRECOMMIT_CONFIG), 'medium');
    const files = ctx.repo.files();
    const ids = new Set([...(config ?? '').matchAll(/\bid:\s*([\w.-]+)/g)].map((m) => m[1]!));
    const tooling = detectTooling(files, (p) => readText(ctx.repo, p), ids);
    const expected = hooksFor(
      files,
      detectTooling(files, (p) => readText(ctx.repo, p)),
    ).flatMap((s) => s.hooks);
    const missing = expected
      .filter((h) => !covered(h.group ?? h.id, tooling) && !ids.has(h.id))
      .map((h) => `${h.id} (or ${(own(EQUIVALENT_HOOKS, h.group ?? h.id) ?? []).join(', ')})`);
    const guide = contributingPath(files);
    const text = readText(ctx.repo, guide) ?? '';
    return verdict([
      { name: `${PRECOMMIT_CONFIG} exists`, passed: config !== undefined },
      {
        name: 'groundwork check-precommit finds nothing at medium or above',
        passed: config !== undefined && blocking.length === 0,
        detail: blocking.length ? `${blocking.length} finding(s)` : undefined,
      },
      {
        name: 'hooks for what the repository contains',
        passed: config !== undefined && missing.length === 0,
        detail: missing.length ? `missing ${missing.join('; ')}` : undefined,
      },
      { name: `${guide} explains the setup`, passed: text.includes(CONTRIBUTING_MARKER) || /groundwork:pre-commit|pre-commit install/.test(text) },
    ]);
  },
};
