import type { Confidence } from '../../core/finding.js';
import type { ScriptSite, WorkflowAnalysis } from '../analysis.js';
import { CRITICAL_ROLES, QUIET_ROLES, roleNote, type Severity } from '../roles/role.js';
import { hiddenFailures } from './index.js';
import type { HiddenFailure, HiddenHow } from './types.js';

/** All hidden failures behind one mask: one `|| true`, one pipe, one `set +e`, one shell. */
export interface MaskGroup {
  key: string;
  site: ScriptSite;
  items: HiddenFailure[];
  /** The one that decides severity and the message. */
  worst: HiddenFailure;
  severity: Severity;
  confidence: Confidence;
}

const RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };
/** Roles in rising order of what a reader most needs to hear about first. */
const LEAD = ['release', 'build', 'verify', 'lint', 'test'];

/**
 * Whether a hidden failure is worth a finding: not caught elsewhere, and not a probe, log dump or
 * cleanup, nor a helper queried for a value in an argument (`--prefix=$(brew --prefix x)`), unless
 * what it hides is critical or its value decides something.
 */
export function reportable(h: HiddenFailure): boolean {
  if (h.handled) return false;
  if (h.escalation) return true;
  if (QUIET_ROLES.has(h.role.role)) return false;
  if (h.how === 'substitution-arg' && !CRITICAL_ROLES.has(h.role.role)) return false;
  return true;
}

/** Hidden failures of the given kinds, reportable ones only, grouped by mask within each site. */
export function maskGroups(a: WorkflowAnalysis, kinds: ReadonlySet<HiddenHow>): MaskGroup[] {
  const out: MaskGroup[] = [];
  for (const [site, hidden] of hiddenFailures(a)) {
    const groups = new Map<string, HiddenFailure[]>();
    for (const h of hidden) {
      if (!kinds.has(h.how) || !reportable(h)) continue;
      groups.set(h.maskKey, [...(groups.get(h.maskKey) ?? []), h]);
    }
    for (const [key, items] of groups) {
      // Of equal severity, the message leads with a test, then a check, then a build; of equal role,
      // with a command whose own name says so (`make -j4 install`) over one that takes the step's
      // (`which gcc` in "Build sherpa-onnx").
      const worst = items.reduce((w, h) => {
        const [a, b] = [RANK[h.severity] - RANK[w.severity], LEAD.indexOf(h.role.role) - LEAD.indexOf(w.role.role)];
        return a > 0 || (a === 0 && b > 0) || (a === 0 && b === 0 && h.known && !w.known) ? h : w;
      });
      out.push({ key, site, items, worst, severity: worst.severity, confidence: worst.confidence });
    }
  }
  return out;
}

/** The command, for the start of a message: `` `pytest -x` ``. */
export function commandOf(h: HiddenFailure): string {
  return `\`${h.text}\``;
}

/** The end of a message: the role and what makes it matter more (` (role: test, from command `pytest`); its output …`). */
export function whyItMatters(h: HiddenFailure): string {
  const saved = h.unusedSave ? `; its status is saved (\`${h.unusedSave}\`), but nothing after it fails the script on that status` : '';
  return ` ${roleNote(h.role)}${saved}${h.escalation ? `; ${h.escalation}` : ''}${h.caught ? `; ${h.caught}` : ''}`;
}

/** ` and 2 more commands` when a mask hides several. */
export function andMore(g: MaskGroup): string {
  const n = g.items.length - 1;
  return n > 0 ? ` (and ${n} more command${n === 1 ? '' : 's'})` : '';
}
