import type { Decision } from './decide.js';
import type { PinReference } from './reference.js';
import { versionFromComment } from './uses-ref.js';

/** One line of `pin --update`'s summary: an action moved from one release to another, in `refs` references. */
export interface ActionMove {
  action: string;
  from: string;
  to: string;
  refs: number;
}

/**
 * What `pin --update` moved, per action and release, like the title of a Dependabot pull request
 * (`actions/checkout v6.0.1 → v7.0.0, 12 refs`). A reference whose commit did not change is not a move.
 */
export function actionMoves(decided: ReadonlyMap<PinReference, { decision: Decision }>): ActionMove[] {
  const moves = new Map<string, ActionMove>();
  for (const [r, { decision }] of decided) {
    if (!decision.sha || decision.sha === r.uses.ref) continue;
    const from = versionFromComment(r.comment?.text) ?? r.uses.ref;
    const to = decision.comment ?? decision.sha.slice(0, 12);
    const key = `${r.uses.action}\0${from}\0${to}`;
    const move = moves.get(key) ?? { action: r.uses.action, from, to, refs: 0 };
    move.refs++;
    moves.set(key, move);
  }
  return [...moves.values()].sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : a.from < b.from ? -1 : 1));
}

export function moveLine(m: ActionMove): string {
  return `${m.action} ${m.from} → ${m.to}, ${m.refs} ref${m.refs === 1 ? '' : 's'}`;
}
