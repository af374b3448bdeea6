import { commandWords, descendants, type ScriptNode } from '../../sources/shell-script.js';
import { pipeFedByEcho } from '../bash/consumers.js';
import { exitStatus } from '../bash/statements.js';
import { textFilter } from '../roles/command-kinds.js';
import { findAncestor, inCondition } from './output-checks.js';

/**
 * A negated search that only picks a branch (lonboard: `if ! echo $VERSION | sed 's/^.//' | grep -q
 * "[A-Za-z]"; then mike deploy …; fi`): a failed producer takes the "no match" branch, and that hides
 * a failure only when the other branch is a verdict that fails (`else exit 1`); the commands of the
 * branch taken still stop the script. A text filter fed by the script's own values (`echo $VERSION |
 * sed`) does not fail for ordinary reasons either.
 */
export function negatedChoice(node: ScriptNode): boolean {
  if (pipeFedByEcho(node) && textFilter(commandWords(node))) return true;
  const pipeline = findAncestor(node, 'pipeline');
  if (!pipeline || !inCondition(pipeline)) return false;
  for (let n = pipeline.parent; n && n.type !== 'program'; n = n.parent) {
    if (n.type === 'while_statement' || n.type === 'until_statement') return true;
    // Any failing exit among its branches (an `elif`, an `else`, an `if` inside one, `echo … >&2 && exit 1`) makes it a verdict.
    if (n.type === 'if_statement') return !descendants(n).some((d) => d.type === 'command' && !insideCondition(d, n) && failingExit(d));
  }
  return false;
}

/** `exit 1`, `exit $rc`, `exit` (the last status), `false`, `return 1`: a statement that can fail the script. */
function failingExit(cmd: ScriptNode): boolean {
  const e = exitStatus(cmd);
  return e !== undefined && e !== 0;
}

/** Whether a command sits in the condition of `stmt` (its own question, not a branch). */
function insideCondition(node: ScriptNode, stmt: ScriptNode): boolean {
  for (let n: ScriptNode | undefined = node; n && n !== stmt; n = n.parent) if (n.field === 'condition' && n.parent === stmt) return true;
  return false;
}
