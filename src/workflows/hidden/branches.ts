import type { ScriptNode } from '../../sources/shell-script.js';
import type { HiddenFailure } from './types.js';

/**
 * Whether a site offset lies in another branch of an `if` around the hidden command: `if [ "$pre" ];
 * then run_tests.sh || echo warn; else run_tests.sh; fi` runs one or the other, never both.
 */
export function otherBranch(h: HiddenFailure, offset: number): boolean {
  if (!h.node || !h.view) return false;
  const view = h.view;
  const branchOf = (ifNode: ScriptNode, at: (n: ScriptNode) => boolean) => {
    const c = ifNode.children.find(at);
    if (!c) return undefined;
    return c.type === 'elif_clause' || c.type === 'else_clause' ? c.start : c.field === 'condition' ? -1 : ifNode.start;
  };
  for (let p = h.node.parent; p; p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const start = view.toSite(p.start);
    const end = view.toSite(p.end);
    if (offset < start || offset >= end) continue;
    const mine = branchOf(p, (c) => h.node!.start >= c.start && h.node!.end <= c.end);
    const theirs = branchOf(p, (c) => offset >= view.toSite(c.start) && offset < view.toSite(c.end));
    return mine !== undefined && theirs !== undefined && mine !== -1 && theirs !== -1 && mine !== theirs;
  }
  return false;
}
