import { commandArgs, commandName, descendants, listParts, type ScriptNode } from '../../sources/shell-script.js';

/** Nodes whose children include statements run one after the other. */
export const BLOCKS: ReadonlySet<string> = new Set([
  'program',
  'compound_statement',
  'subshell',
  'do_group',
  'if_statement',
  'elif_clause',
  'else_clause',
  'case_item',
  'command_substitution',
  'process_substitution',
]);

const STATEMENT_TYPES: ReadonlySet<string> = new Set([
  'command',
  'pipeline',
  'list',
  'negated_command',
  'subshell',
  'compound_statement',
  'if_statement',
  'while_statement',
  'for_statement',
  'c_style_for_statement',
  'case_statement',
  'function_definition',
  'variable_assignment',
  'variable_assignments',
  'declaration_command',
  'unset_command',
  'redirected_statement',
  'test_command',
]);

/** The statements of a block, in order, without keywords, terminators, comments and conditions. */
export function statementsOf(block: ScriptNode): ScriptNode[] {
  return block.children.filter((c) => STATEMENT_TYPES.has(c.type) && c.field !== 'condition' && c.field !== 'value');
}

/** The statement after this one in its block, if any. */
export function nextStatement(node: ScriptNode): ScriptNode | undefined {
  if (!node.parent) return undefined;
  const list = statementsOf(node.parent);
  const i = list.indexOf(node);
  return i >= 0 ? list[i + 1] : undefined;
}

/** Whether a statement runs in the background (`cmd &`). */
export function isBackground(node: ScriptNode): boolean {
  if (!node.parent) return false;
  const siblings = node.parent.children;
  const i = siblings.indexOf(node);
  return siblings[i + 1]?.type === '&';
}

/**
 * A bare `wait` after a background statement: it waits for every job and returns 0 whatever they
 * did, so the job's failure is lost although the script plainly needs its work done. `wait $pid`,
 * `wait %1` and `wait -n` return a job's status, and a script without `wait` started a daemon.
 */
export function bareWaitAfter(stmt: ScriptNode): ScriptNode | undefined {
  let root = stmt;
  while (root.parent) root = root.parent;
  return descendants(root).find((n) => n.start >= stmt.end && n.type === 'command' && commandName(n) === 'wait' && commandArgs(n).every((a) => a === '-f'));
}

/** Whether a node is (inside) a condition of `if`/`while`/`until`/`elif`. */
export function isCondition(node: ScriptNode): boolean {
  return node.field === 'condition';
}

/**
 * Whether bash ignores `-e` for everything inside this node: it sits in a condition, on the left of
 * `&&`/`||`, or under `!` (bash's manual, "The Set Builtin"). The ignoring reaches into compound
 * commands and subshells run there.
 */
export function errexitIgnoredAt(node: ScriptNode): boolean {
  for (let n: ScriptNode = node; n.parent; n = n.parent) {
    if (isCondition(n)) return true;
    if (n.parent.type === 'negated_command') return true;
    const parts = listParts(n.parent);
    if (parts && parts.left === n) return true;
  }
  return false;
}

/** The statement node a command belongs to (its ancestor whose parent is a block). */
export function statementOf(node: ScriptNode): ScriptNode {
  let n = node;
  while (n.parent && !BLOCKS.has(n.parent.type)) n = n.parent;
  return n;
}

/** `exit` / `exit 1` / `exit $rc` / `return 1`: the exit status it gives, 'var' when it is a variable, undefined when not an exit. */
export function exitStatus(node: ScriptNode): number | 'var' | 'last' | undefined {
  let n = node;
  if (n.type === 'redirected_statement') n = n.children.find((c) => c.field === 'body') ?? n;
  if (n.type !== 'command') return undefined;
  const name = commandName(n);
  if (name !== 'exit' && name !== 'return') return name === 'false' ? 1 : undefined;
  const arg = n.children.find((c) => c.field === 'argument');
  if (!arg) return 'last';
  const text = arg.text.replace(/^["']|["']$/g, '');
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '$?' || text === '${?}') return 'last';
  return 'var';
}

/** `exit 0`, or a bare `exit` (which ends the script with the last status, 0 wherever -e let it run). */
export function exitsWithSuccess(node: ScriptNode): boolean {
  const e = exitStatus(node);
  return commandName(node) === 'exit' && (e === 0 || (e === 'last' && !node.children.some((c) => c.field === 'argument')));
}

/**
 * A top-level statement after which the script never goes on, passing on one path: `exit 0`, or a
 * negative test `cmd && exit 1 || exit 0` (kyverno's CLI tests, one per line: the first expected
 * failure ends the script with success, and the lines after it never run).
 */
export function endsScript(node: ScriptNode): boolean {
  if (node.type === 'command') return exitsWithSuccess(node);
  if (node.type !== 'list') return false;
  const parts = listParts(node);
  if (parts?.op !== '||' || parts.right.type !== 'command' || !exitsWithSuccess(parts.right)) return false;
  const left = listParts(parts.left);
  return left?.op === '&&' && left.right.type === 'command' && commandName(left.right) === 'exit';
}

/** The bodies of the definitions of function `name` among these nodes, in document order. */
export function functionBodies(nodes: readonly ScriptNode[], name: string): ScriptNode[] {
  const out: ScriptNode[] = [];
  for (const n of nodes) {
    if (n.type !== 'function_definition' || n.children.find((c) => c.field === 'name')?.text !== name) continue;
    const body = n.children.find((c) => c.field === 'body');
    if (body) out.push(body);
  }
  return out;
}
