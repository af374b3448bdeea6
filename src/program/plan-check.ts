import { findingAt } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { planCycle } from '../rules/plan-cycle.js';
import { planParallelConflict } from '../rules/plan-parallel-conflict.js';
import { planSequenceConflict } from '../rules/plan-sequence-conflict.js';
import { planSoftBlocker } from '../rules/plan-soft-blocker.js';
import { planTableMismatch } from '../rules/plan-table-mismatch.js';
import { planTotalMismatch } from '../rules/plan-total-mismatch.js';
import { planUndefinedMilestone } from '../rules/plan-undefined-milestone.js';
import { planVerificationCannotFail } from '../rules/plan-verification-cannot-fail.js';
import { planVerificationInverted } from '../rules/plan-verification-inverted.js';
import { edgesOf, findCycles, pathBetween, type Edge } from './graph.js';
import { totalEffort, type Ledger, type Milestone } from './ledger.js';
import { analyseVerification, type ReadFile } from './verification-analysis.js';

export interface PlanCheckInput {
  ledger: Ledger;
  /** The file findings are reported against: the source document when there is one, else the ledger. */
  file: string;
  /** Lines of that file, for the source line shown under each finding. */
  sourceLines?: string[];
  /** Reads repository files, to judge verifications against the files they run. */
  read: ReadFile;
}

/**
 * Lints a plan: undefined milestones, cycles, parallel sets that contradict the blockers, blockers
 * hidden in prose, totals and tables that disagree with the sections, a sequence that runs a
 * milestone before its blocker, and verifications that cannot fail or invert their exit code.
 */
export function checkPlan(input: PlanCheckInput): Finding[] {
  const { ledger } = input;
  const at = (meta: RuleMeta, line: number | undefined, message: string): Finding =>
    findingAt(meta, input.file, { line: line ?? 1 }, message, { sourceLine: line ? input.sourceLines?.[line - 1] : undefined });
  const defined = new Set(ledger.milestones.map((m) => m.id));
  const out: Finding[] = [];
  out.push(...undefinedMilestones(ledger, defined, at));
  const edges = edgesOf(ledger, 'hard+soft');
  for (const cycle of findCycles(
    ledger.milestones.map((m) => m.id),
    edges,
  )) {
    const first = ledger.milestones.find((m) => m.id === cycle[0]);
    out.push(at(planCycle, first?.lines.blockers ?? first?.lines.section, `blockers form a cycle: ${cycle.join(' → ')}; none of them can start`));
  }
  for (const claim of ledger.claims.parallel) {
    const ids = claim.ids.filter((id) => defined.has(id));
    const conflicts: string[] = [];
    for (const a of ids) {
      for (const b of ids) {
        const path = a === b ? undefined : pathBetween(a, b, edges);
        if (path) conflicts.push(`${b} waits for ${a} (${describePath(path)})`);
      }
    }
    const undefinedIds = claim.ids.filter((id) => !defined.has(id));
    if (conflicts.length) {
      const extra = undefinedIds.length ? `; it also names undefined ${undefinedIds.join(', ')}` : '';
      out.push(at(planParallelConflict, claim.line, `"${claim.text}" says these run in parallel, but ${conflicts.join('; ')}${extra}`));
    }
  }
  for (const m of ledger.milestones) {
    if (m.soft.length) {
      out.push(
        at(
          planSoftBlocker,
          m.lines.blockers,
          `${m.id}'s blockers say ${m.blockers.length ? m.blockers.join(', ') : 'none'}, but the prose adds ${m.soft.join(', ')} ("or after"); ${m.table ? `the summary table says ${m.table.blockers.join(', ') || 'None'}; ` : ''}state it as a blocker or drop it`,
        ),
      );
    }
    out.push(...tableMismatches(m, at));
    for (const flaw of analyseVerification(m, input.read)) {
      out.push({
        ...at(flaw.kind === 'inverted' ? planVerificationInverted : planVerificationCannotFail, flaw.line ?? m.lines.verification, `${m.id}: ${flaw.reason}`),
        confidence: flaw.confidence,
      });
    }
  }
  const total = ledger.claims.totalHours;
  const sum = totalEffort(ledger);
  if (total && Math.abs(total.value - sum) > 1e-9) {
    out.push(
      at(planTotalMismatch, total.line, `the stated total is ${total.value} hours but the ${ledger.milestones.length} milestones add up to ${sum} hours`),
    );
  }
  out.push(...sequenceConflicts(ledger, edges, at));
  return out;
}

type At = (meta: RuleMeta, line: number | undefined, message: string) => Finding;

/** One finding per undefined id, ranges written together (M15-M19) merged back into one. */
function undefinedMilestones(ledger: Ledger, defined: Set<string>, at: At): Finding[] {
  const missing = ledger.claims.references.filter((r) => !defined.has(r.id));
  for (const m of ledger.milestones) {
    for (const b of [...m.blockers, ...m.soft, ...m.next]) {
      if (!defined.has(b) && !missing.some((r) => r.id === b)) missing.push({ id: b, line: m.lines.blockers ?? m.lines.section ?? 1 });
    }
  }
  const groups: { ids: string[]; line: number }[] = [];
  for (const r of missing) {
    const last = groups[groups.length - 1];
    if (last && last.line === r.line && consecutive(last.ids[last.ids.length - 1]!, r.id)) last.ids.push(r.id);
    else groups.push({ ids: [r.id], line: r.line });
  }
  return groups.map((g) => {
    const name = g.ids.length > 2 ? `${g.ids[0]}–${g.ids[g.ids.length - 1]}` : g.ids.join(', ');
    const what = g.ids.length > 1 ? 'are referenced but never defined' : 'is referenced but never defined';
    return at(planUndefinedMilestone, g.line, `${name} ${what}: no section, no effort, no blockers`);
  });
}

function consecutive(a: string, b: string): boolean {
  return Number(b.slice(1)) === Number(a.slice(1)) + 1;
}

function tableMismatches(m: Milestone, at: At): Finding[] {
  if (!m.table) return [];
  const out: Finding[] = [];
  const t = m.table;
  if (t.effort !== undefined && m.effort !== undefined && t.effort !== m.effort)
    out.push(at(planTableMismatch, t.line, `${m.id}: the table says ${t.effort}h, the section ${m.effort} hours`));
  if (t.priority && m.priority && t.priority !== m.priority)
    out.push(at(planTableMismatch, t.line, `${m.id}: the table says ${t.priority}, the section ${m.priority}`));
  const a = [...t.blockers].sort().join(', ');
  const b = [...m.blockers].sort().join(', ');
  if (a !== b) out.push(at(planTableMismatch, t.line, `${m.id}: the table's blockers are ${a || 'None'}, the section's ${b || 'None'}`));
  return out;
}

function sequenceConflicts(ledger: Ledger, edges: Edge[], at: At): Finding[] {
  const slot = new Map<string, { from: number; to: number; line: number }>();
  for (const s of ledger.claims.sequence) for (const id of s.ids) if (!slot.has(id)) slot.set(id, s);
  const out: Finding[] = [];
  for (const e of edges) {
    const before = slot.get(e.from);
    const after = slot.get(e.to);
    if (before && after && after.to < before.from) {
      out.push(
        at(
          planSequenceConflict,
          after.line,
          `the sequence puts ${e.to} (day ${after.from}${after.to !== after.from ? `-${after.to}` : ''}) before ${e.from} (day ${before.from}${before.to !== before.from ? `-${before.to}` : ''}), but ${e.to} comes after ${e.from}${e.soft ? ' (soft blocker)' : ''}`,
        ),
      );
    }
  }
  return out;
}

function describePath(path: Edge[]): string {
  return path.map((e) => `${e.to} after ${e.from}${e.soft ? ' (soft)' : ''}`).join(', ');
}
