import { bottomLevels, criticalPath, edgesOf, type EdgeMode } from './graph.js';
import { applicableLedger, type Ledger } from './ledger.js';

export interface ScheduledTask {
  id: string;
  title: string;
  /** 1-based person (lane). */
  person: number;
  start: number;
  end: number;
}

export interface Schedule {
  people: number;
  edgeMode: EdgeMode;
  tasks: ScheduledTask[];
  makespan: number;
  /** max(critical path, total / people rounded up to the efforts' gcd): no schedule can be shorter. */
  lowerBound: number;
  criticalPath: { ids: string[]; hours: number };
  totalHours: number;
  /** Milestones the document says to start with, started first. */
  pinned: string[];
  /** Makespan of the same list schedule without the pinned starts, to show what honouring them costs. */
  unpinnedMakespan: number;
  /** Milestones that could not be placed (a cycle, or waiting on an undefined milestone only). */
  unscheduled: string[];
}

export interface ScheduleOptions {
  people: number;
  /** Whether soft blockers ("or after M04") order the work too; default yes. */
  edgeMode?: EdgeMode;
}

/**
 * List scheduling: whenever someone is free, they take the ready milestone with the longest
 * remaining chain of effort (its "bottom level"), pinned starts first. Non-preemptive; ties go to
 * the lower id so the result is deterministic.
 */
export function schedulePlan(whole: Ledger, opts: ScheduleOptions): Schedule {
  // Milestones that do not apply to the repository take no one's time.
  const ledger = applicableLedger(whole);
  const edgeMode = opts.edgeMode ?? 'hard+soft';
  const edges = edgesOf(ledger, edgeMode);
  const pinned = ledger.claims.start.map((s) => s.id).filter((id) => ledger.milestones.some((m) => m.id === id));
  const withPins = listSchedule(ledger, opts.people, edgeMode, pinned);
  const withoutPins = listSchedule(ledger, opts.people, edgeMode, []);
  const cp = criticalPath(ledger.milestones, edges);
  const total = ledger.milestones.reduce((s, m) => s + (m.effort ?? 0), 0);
  // With integer efforts every start and end is a multiple of their gcd, so is the makespan.
  const integral = ledger.milestones.every((m) => Number.isInteger(m.effort ?? 0));
  const g = integral ? ledger.milestones.reduce((acc, m) => gcd(acc, m.effort ?? 0), 0) || 1 : 1;
  const share = integral ? Math.ceil(total / opts.people / g) * g : total / opts.people;
  return {
    people: opts.people,
    edgeMode,
    tasks: withPins.tasks,
    makespan: withPins.makespan,
    lowerBound: Math.max(cp.hours, share),
    criticalPath: cp,
    totalHours: total,
    pinned,
    unpinnedMakespan: withoutPins.makespan,
    unscheduled: withPins.unscheduled,
  };
}

function listSchedule(
  ledger: Ledger,
  people: number,
  edgeMode: EdgeMode,
  pinned: string[],
): { tasks: ScheduledTask[]; makespan: number; unscheduled: string[] } {
  const edges = edgesOf(ledger, edgeMode);
  const level = bottomLevels(ledger.milestones, edges);
  const byId = new Map(ledger.milestones.map((m) => [m.id, m]));
  const waiting = new Map(ledger.milestones.map((m) => [m.id, 0]));
  const succ = new Map<string, string[]>();
  for (const e of edges) {
    waiting.set(e.to, waiting.get(e.to)! + 1);
    succ.set(e.from, [...(succ.get(e.from) ?? []), e.to]);
  }
  const rank = (id: string) => {
    const p = pinned.indexOf(id);
    return p >= 0 ? -1e12 + p : -(level.get(id) ?? 0);
  };
  const before = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  // Ready milestones, best first; kept sorted by binary insertion.
  const ready: string[] = [];
  const push = (id: string) => {
    let lo = 0;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(ready[mid]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, id);
  };
  for (const [id, n] of waiting) if (n === 0) push(id);
  const idle = Array.from({ length: people }, (_, i) => i);
  const running: { end: number; id: string; person: number }[] = [];
  const tasks: ScheduledTask[] = [];
  let t = 0;
  for (;;) {
    idle.sort((a, b) => a - b);
    while (ready.length && idle.length) {
      const id = ready.shift()!;
      const person = idle.shift()!;
      const m = byId.get(id)!;
      const end = t + (m.effort ?? 0);
      tasks.push({ id, title: m.title, person: person + 1, start: t, end });
      running.push({ end, id, person });
    }
    if (!running.length) break; // done, or what is left waits on a cycle
    running.sort((a, b) => a.end - b.end || a.person - b.person);
    t = running[0]!.end;
    while (running.length && running[0]!.end === t) {
      const done = running.shift()!;
      idle.push(done.person);
      for (const next of succ.get(done.id) ?? []) {
        const n = waiting.get(next)! - 1;
        waiting.set(next, n);
        if (n === 0) push(next);
      }
    }
  }
  const placed = new Set(tasks.map((x) => x.id));
  return {
    tasks,
    makespan: Math.max(0, ...tasks.map((x) => x.end)),
    unscheduled: ledger.milestones
      .map((m) => m.id)
      .filter((id) => !placed.has(id))
      .sort(),
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
