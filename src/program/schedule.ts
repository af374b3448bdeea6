import { bottomLevels, criticalPath, edgesOf, type EdgeMode } from './graph.js';
import type { Ledger } from './ledger.js';

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
export function schedulePlan(ledger: Ledger, opts: ScheduleOptions): Schedule {
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

function listSchedule(ledger: Ledger, people: number, edgeMode: EdgeMode, pinned: string[]): { tasks: ScheduledTask[]; makespan: number; unscheduled: string[] } {
  const edges = edgesOf(ledger, edgeMode);
  const level = bottomLevels(ledger.milestones, edges);
  const preds = new Map<string, string[]>();
  for (const e of edges) preds.set(e.to, [...(preds.get(e.to) ?? []), e.from]);
  const byId = new Map(ledger.milestones.map((m) => [m.id, m]));
  const rank = (id: string) => {
    const p = pinned.indexOf(id);
    return p >= 0 ? -1e9 + p : -(level.get(id) ?? 0);
  };
  const free = Array.from({ length: people }, () => 0);
  const end = new Map<string, number>();
  const remaining = new Set(ledger.milestones.map((m) => m.id));
  const tasks: ScheduledTask[] = [];
  while (remaining.size) {
    const person = free.indexOf(Math.min(...free));
    const t = free[person]!;
    const ready = [...remaining].filter((id) => (preds.get(id) ?? []).every((p) => end.has(p) && end.get(p)! <= t));
    if (ready.length === 0) {
      const later = [...end.values()].filter((e) => e > t);
      if (later.length === 0) break; // nothing running will unblock anything: a cycle
      free[person] = Math.min(...later);
      continue;
    }
    ready.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    const id = ready[0]!;
    const m = byId.get(id)!;
    const finish = t + (m.effort ?? 0);
    tasks.push({ id, title: m.title, person: person + 1, start: t, end: finish });
    end.set(id, finish);
    free[person] = finish;
    remaining.delete(id);
  }
  return { tasks, makespan: Math.max(0, ...tasks.map((x) => x.end)), unscheduled: [...remaining].sort() };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
