import { existsSync } from 'node:fs';
import { parseLedger } from '../program/ledger-file.js';
import { DEFAULT_LEDGER_PATH, emptyClaims, LEDGER_FORMAT, type Ledger } from '../program/ledger.js';
import { DEFAULT_AUDIT_PACK, renderRefactorMd } from '../program/render.js';
import { computeStatus, type MilestoneStatus } from '../program/status.js';
import type { Recipe, RecipeContext, VerifyCheck } from './recipe.js';
import { changeTo, readText, verdict } from './recipe.js';

export const REFACTOR_MD = 'REFACTOR.md';

export function ledgerPathOf(ctx: RecipeContext, explicit?: string): string {
  return explicit ?? ctx.config.section<{ ledger: string }>('plan').ledger ?? DEFAULT_LEDGER_PATH;
}

export function loadLedgerFrom(ctx: RecipeContext, path: string): Ledger | undefined {
  const text = readText(ctx.repo, path);
  return text === undefined ? undefined : parseLedger(text, path);
}

/** What "REFACTOR.md is populated" means: the audit pack link, a row per milestone, the policy sections. */
export function refactorMdChecks(text: string | undefined, ledger: Ledger | undefined, auditPack: string): VerifyCheck[] {
  const t = text ?? '';
  const missingRows = (ledger?.milestones ?? []).filter((m) => !new RegExp(`^\\| ${m.id} \\|`, 'm').test(t)).map((m) => m.id);
  return [
    { name: `${REFACTOR_MD} exists`, passed: text !== undefined },
    { name: 'links the audit pack', passed: t.includes(`](${auditPack})`), detail: auditPack },
    {
      name: 'has a milestone table with every ledger milestone',
      passed: /^## Milestones/m.test(t) && missingRows.length === 0,
      detail: missingRows.length ? `missing ${missingRows.join(', ')}` : undefined,
    },
    { name: 'states the deprecation policy', passed: /^## Deprecation policy/m.test(t) },
  ];
}

/**
 * REFACTOR.md with the status of every milestone. The row of the milestone that delivers
 * REFACTOR.md itself is judged on the document being written, so one render is already final.
 */
export async function renderProgramDoc(
  ctx: RecipeContext,
  ledgerPath: string,
  verifier: Parameters<typeof computeStatus>[1]['verifyRecipe'],
): Promise<{ text: string; statuses: MilestoneStatus[] }> {
  const ledger = loadLedgerFrom(ctx, ledgerPath) ?? { format: LEDGER_FORMAT, title: 'Refactoring program', milestones: [], claims: emptyClaims() };
  const auditPack = ctx.config.section<{ auditPack: string }>('plan').auditPack ?? DEFAULT_AUDIT_PACK;
  const self = ledger.milestones.find((m) => m.deliverables.includes(REFACTOR_MD) && m.verification?.kind === 'recipe');
  const statuses = await computeStatus(ledger, {
    root: ctx.repo.root,
    env: ctx.env,
    runCommands: ctx.allow.commands,
    verifyRecipe: (id, dir) =>
      id === self?.id
        ? Promise.resolve({ passed: false, checks: [{ name: 'judged on the rendered document', passed: false }], manual: [] })
        : (verifier?.(id, dir) ?? Promise.resolve(undefined)),
  });
  const existing = readText(ctx.repo, REFACTOR_MD);
  const draft = renderRefactorMd({ ledger, statuses, existing, auditPack, ledgerPath });
  if (!self) return { text: draft, statuses };
  const checks = refactorMdChecks(draft, ledger, auditPack);
  const i = statuses.findIndex((s) => s.id === self.id);
  const blockersDone = self.blockers.every((b) => ['done', 'attested'].includes(statuses.find((s) => s.id === b)?.status ?? ''));
  statuses[i] = {
    ...statuses[i]!,
    status: checks.every((c) => c.passed) ? 'done' : 'not-done',
    reason: checks.every((c) => c.passed)
      ? `this document: ${checks.map((c) => c.name).join(', ')}${blockersDone ? '' : ' (written before its blockers are done)'}`
      : 'this document is incomplete',
  };
  return { text: renderRefactorMd({ ledger, statuses, existing, auditPack, ledgerPath }), statuses };
}

/** M02: REFACTOR.md rendered from the ledger (`groundwork plan render`). */
export const m02: Recipe = {
  id: 'M02',
  title: 'Populate REFACTOR.md',
  deliverables: [REFACTOR_MD],
  async apply(ctx) {
    const ledgerPath = ledgerPathOf(ctx);
    const { recipeVerifier } = await import('./context.js');
    const notes = existsSync(ctx.repo.abs(ledgerPath))
      ? []
      : [`no ledger at ${ledgerPath}: run 'groundwork plan import FILE.md' first for the milestone table`];
    const { text } = await renderProgramDoc(ctx, ledgerPath, recipeVerifier({ env: ctx.env, allow: ctx.allow }));
    return { changes: changeTo(ctx.repo, REFACTOR_MD, text), notes };
  },
  async verify(ctx) {
    const ledgerPath = ledgerPathOf(ctx);
    const auditPack = ctx.config.section<{ auditPack: string }>('plan').auditPack ?? DEFAULT_AUDIT_PACK;
    return verdict(refactorMdChecks(readText(ctx.repo, REFACTOR_MD), loadLedgerFrom(ctx, ledgerPath), auditPack));
  },
};
