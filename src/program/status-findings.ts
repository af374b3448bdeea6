import { findingAt } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { planVerificationCannotFail } from '../rules/plan-verification-cannot-fail.js';
import { planVerificationInverted } from '../rules/plan-verification-inverted.js';
import { planVerificationNotRed } from '../rules/plan-verification-not-red.js';
import type { Ledger } from './ledger.js';
import type { MilestoneStatus } from './status.js';

/**
 * The flaws of the ledger's verifications, as findings on the line of the plan that states them:
 * why a flagged milestone is not counted, or why the recipe's verification stands in.
 */
export function planFlawFindings(ledger: Ledger, statuses: MilestoneStatus[], file: string, sourceLines?: string[]): Finding[] {
  const out: Finding[] = [];
  for (const s of statuses) {
    const m = ledger.milestones.find((x) => x.id === s.id)!;
    for (const flaw of s.flaws) {
      const meta = flaw.kind === 'inverted' ? planVerificationInverted : s.baseline?.passed && !flaw.line ? planVerificationNotRed : planVerificationCannotFail;
      const line = flaw.line ?? m.lines.verification ?? m.lines.section;
      out.push(findingAt(meta, file, { line: line ?? 1 }, `${s.id}: ${flaw.reason}`, { sourceLine: line && sourceLines ? sourceLines[line - 1] : undefined }));
    }
  }
  return out;
}

/**
 * Splits plan findings into the repository's own and the source document's flaws. A flaw of the
 * document the ledger was imported from (an undefined milestone, a verification that cannot fail)
 * is the document's: `plan check` reports it once, and it is not counted against the repository
 * on every status and audit. A verification that already passed at the baseline is about the
 * repository's history, so it stays the repository's.
 */
export function splitSourceFlaws(findings: readonly Finding[], ledgerPath: string): { own: Finding[]; source: Finding[] } {
  const own: Finding[] = [];
  const source: Finding[] = [];
  for (const f of findings) (f.file === ledgerPath || f.ruleId === planVerificationNotRed.id ? own : source).push(f);
  return { own, source };
}

/** The one line that says the source document's flaws exist without counting them. */
export function sourceFlawNote(count: number, file: string): string | undefined {
  return count ? `${file} has ${count} flaw(s) of its own, not counted against this repository: \`groundwork plan check\` lists them` : undefined;
}
