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
