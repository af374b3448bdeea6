import type { Ledger, Milestone } from './ledger.js';

/** Which blockers count as precedence: hard only, or hard and soft ("or after M04"). */
export type EdgeMode = 'hard' | 'hard+soft';

export interface Edge {
  from: string;
  to: string;
  soft: boolean;
}

/** Blocker → blocked edges between defined milestones. */
export function edgesOf(ledger: Ledger, mode: EdgeMode): Edge[] {
  const defined = new Set(ledger.milestones.map((m) => m.id));
  const out: Edge[] = [];
  for (const m of ledger.milestones) {
    for (const b of m.blockers) if (defined.has(b)) out.push({ from: b, to: m.id, soft: false });
    if (mode === 'hard+soft') for (const b of m.soft) if (defined.has(b)) out.push({ from: b, to: m.id, soft: true });
  }
  return out;
}

/** Every cycle found by depth-first search, each as the ids along it (first id repeated at the end). */
export function findCycles(ids: string[], edges: Edge[]): string[][] {
  const succ = successors(edges);
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const dfs = (id: string) => {
    state.set(id, 'active');
    stack.push(id);
    for (const next of succ.get(id) ?? []) {
      if (state.get(next) === 'active') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) dfs(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of ids) if (!state.has(id)) dfs(id);
  return cycles;
}

/** A path from → … → to along edges, or undefined. */
export function pathBetween(from: string, to: string, edges: Edge[]): Edge[] | undefined {
  const succ = new Map<string, Edge[]>();
  for (const e of edges) succ.set(e.from, [...(succ.get(e.from) ?? []), e]);
  const prev = new Map<string, Edge>();
  const queue = [from];
  const visited = new Set([from]);
  while (queue.length) {
    const id = queue.shift()!;
    if (id === to) break;
    for (const e of succ.get(id) ?? []) {
      if (visited.has(e.to)) continue;
      visited.add(e.to);
      prev.set(e.to, e);
      queue.push(e.to);
    }
  }
  if (!prev.has(to)) return undefined;
  const path: Edge[] = [];
  for (let at = to; at !== from; at = prev.get(at)!.from) path.unshift(prev.get(at)!);
  return path;
}

/**
 * Longest chain of effort ending with each milestone's own effort ("bottom level"): the list
 * scheduler's priority. Assumes no cycle (plan check reports cycles first).
 */
export function bottomLevels(milestones: Milestone[], edges: Edge[]): Map<string, number> {
  const succ = successors(edges);
  const effort = new Map(milestones.map((m) => [m.id, m.effort ?? 0]));
  const memo = new Map<string, number>();
  const level = (id: string, depth: number): number => {
    if (memo.has(id)) return memo.get(id)!;
    if (depth > milestones.length) return 0; // a cycle: reported elsewhere, do not recurse forever
    const rest = Math.max(0, ...(succ.get(id) ?? []).map((s) => level(s, depth + 1)));
    const v = (effort.get(id) ?? 0) + rest;
    memo.set(id, v);
    return v;
  };
  for (const m of milestones) level(m.id, 0);
  return memo;
}

/** The critical path: the chain of milestones with the largest total effort. */
export function criticalPath(milestones: Milestone[], edges: Edge[]): { ids: string[]; hours: number } {
  const levels = bottomLevels(milestones, edges);
  const succ = successors(edges);
  const preds = new Set(edges.map((e) => e.to));
  const best = milestones.filter((m) => !preds.has(m.id)).sort((a, b) => levels.get(b.id)! - levels.get(a.id)! || (a.id < b.id ? -1 : 1))[0];
  if (!best) return { ids: [], hours: 0 };
  const ids = [best.id];
  const hours = levels.get(best.id)!;
  let at = best.id;
  for (let guard = 0; guard < milestones.length; guard++) {
    const next = (succ.get(at) ?? []).sort((a, b) => levels.get(b)! - levels.get(a)! || (a < b ? -1 : 1))[0];
    if (!next) break;
    ids.push(next);
    at = next;
  }
  return { ids, hours };
}

function successors(edges: Edge[]): Map<string, string[]> {
  const succ = new Map<string, string[]>();
  for (const e of edges) succ.set(e.from, [...(succ.get(e.from) ?? []), e.to]);
  return succ;
}
