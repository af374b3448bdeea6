import { commandWords, type ScriptNode } from '../../sources/shell-script.js';
import { pipeFedByEcho } from '../bash/consumers.js';
import { branchesOf, exitsNonZero } from '../bash/values.js';
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
    const b = n.type === 'if_statement' ? branchesOf(n) : undefined;
    if (b) return !exitsNonZero(b.whenTrue) && !exitsNonZero(b.whenFalse);
  }
  return false;
}
