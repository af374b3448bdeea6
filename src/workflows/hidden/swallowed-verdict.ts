import { commandName, commandWords, descendants, listParts, type ScriptNode } from '../../sources/shell-script.js';
import type { ScriptSite } from '../analysis.js';
import type { Fate } from '../bash/fate.js';
import { statementsOf } from '../bash/statements.js';
import { assertionRole, short } from './command-role.js';
import { inCondition } from './output-checks.js';
import type { HiddenFailure, ScriptView } from './types.js';

/** A check's verdict that its own script throws away: the verdict, the check that decides it, and the mask. */
export interface SwallowedVerdict {
  /** What decides the verdict: the left of the `&&` (`grep -rn "var_dump(" src/`). */
  condition: ScriptNode;
  /** Its command: the search of a pipe (`… | grep X`), else the first command. */
  command: ScriptNode;
  /** `(echo "found"; exit 1)` */
  block: ScriptNode;
}

/**
 * `grep -rn "var_dump(" src/ && (echo "found"; exit 1) || echo "ok"`: `exit 1` ends only the subshell,
 * and the `||` then runs, so the list succeeds whatever the search found: the check can never fail
 * the step. `{ echo "found"; false; } || echo ok` likewise; `{ …; exit 1; }` ends the script, and
 * `&& exit 1 || …` too (the `||` never runs). The engine sees the `exit 1`/`false` as masked by the
 * `||`; this says whether it is the verdict of the `&&` condition before it.
 */
export function swallowedVerdict(node: ScriptNode, fate: Fate): SwallowedVerdict | undefined {
  if (fate.kind !== 'hidden' || fate.how !== 'or-mask') return undefined;
  const words = commandWords(node);
  const name = commandName(node);
  if (!(name === 'false' || (name === 'exit' && /^[1-9]\d*$/.test(words[1] ?? '')))) return undefined;
  // The verdict is the block's own status: its last statement, in a subshell (or a group, for `false`).
  // (`(echo "found" && exit 1)`: the tail of an `&&` chain is the last statement's status too.)
  let last = node;
  while (last.parent?.type === 'list' && listParts(last.parent)?.op === '&&' && last.parent.children[last.parent.children.length - 1] === last)
    last = last.parent;
  const block = last.parent;
  if (!block || !(block.type === 'subshell' || (block.type === 'compound_statement' && name === 'false'))) return undefined;
  const statements = statementsOf(block);
  if (statements[statements.length - 1] !== last) return undefined;
  const and = block.parent;
  const andParts = and ? listParts(and) : undefined;
  if (!and || andParts?.op !== '&&' || andParts.right !== block) return undefined;
  const orParts = and.parent ? listParts(and.parent) : undefined;
  // (In an `if` condition the list is a question, whatever it answers.)
  if (orParts?.op !== '||' || orParts.left !== and || and.parent !== fate.at || inCondition(fate.at)) return undefined;
  const condition = andParts.left;
  const commands = descendants(condition).filter((n) => n.type === 'command');
  const search = condition.type === 'pipeline' ? commands.filter((c) => c.parent === condition).pop() : undefined;
  const command = search ?? commands[0];
  return command ? { condition, command, block } : undefined;
}

/** The hidden failure of a swallowed verdict: the check's, with the role of what it asserts. */
export function verdictFailure(site: ScriptSite, view: ScriptView, v: SwallowedVerdict, viewIndex: number): HiddenFailure {
  const words = commandWords(v.command);
  const mask = v.block.parent!.parent!;
  const text = `${short(v.condition.text)} && ${short(v.block.text)}`;
  const { role, known } = assertionRole(words, site, `\`${short(v.command.text)}\` decides a verdict`);
  return {
    site,
    words,
    text,
    how: 'swallowed-verdict',
    commandRange: { start: view.toSite(v.condition.start), end: view.toSite(v.block.end) },
    maskRange: { start: view.toSite(mask.start), end: view.toSite(mask.end) },
    maskKey: `v${viewIndex}:${mask.start}:swallowed-verdict`,
    node: v.command,
    mask,
    view,
    role,
    known,
    severity: 'low',
    confidence: 'high',
    deliberate: false,
  };
}
