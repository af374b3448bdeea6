import { severityRank, type Finding, type Severity } from './finding.js';

/** `groundwork fix` changes findings at or above this severity only (its --fail-on default). */
export const FIX_MIN_SEVERITY: Severity = 'medium';

/**
 * Whether `groundwork fix` would apply this finding's fix: a safe fix on a high or medium finding,
 * the same filter the fix command uses (src/workflows/fix.ts). Reporters mark only these
 * `[fixable]`; a low finding that carries a fix, or an unsafe fix, is never changed by `fix`.
 */
export function isFixable(f: Pick<Finding, 'fix' | 'severity'>): boolean {
  return f.fix !== undefined && f.fix.safety === 'safe' && f.fix.edits.length > 0 && severityRank(f.severity) >= severityRank(FIX_MIN_SEVERITY);
}
