import { commandName, descendants, listParts, type ScriptNode } from '../../sources/shell-script.js';
import { exitStatus } from '../bash/statements.js';
import { setEffect } from '../bash/options.js';

const LOOPS: ReadonlySet<string> = new Set(['for_statement', 'c_style_for_statement', 'while_statement']);

/**
 * A bounded retry loop: `for attempt in 1 2 3; do [ "$attempt" = 3 ] && exit 1; cmd && break; sleep 5; done`.
 * A failing attempt skips `break` and the loop tries again; once the attempts run out the loop's own
 * verdict fails the step: an `exit N` (N > 0, or a variable) in the loop's body or in the statement
 * right after the loop. Returns that verdict. Without one, the last attempt's failure is lost (the loop
 * ends with `sleep`'s status), and the command stays a finding.
 */
export function retryLoopVerdict(command: ScriptNode, errexit = false): ScriptNode | undefined {
  // Climb the `&&` chain whose last element is `break`: `a && b && break`.
  let list: ScriptNode | undefined;
  const start = command.parent?.type === 'redirected_statement' ? command.parent : command;
  for (let cur = start; cur.parent?.type === 'list'; cur = cur.parent) {
    const parts = listParts(cur.parent);
    if (parts?.op !== '&&') return undefined;
    list = cur.parent;
    if (leavesLoop(parts.right)) break;
  }
  const right = list && listParts(list)?.right;
  if (!list || !right || !leavesLoop(right) || right.start < command.end) return undefined;
  let loop = list.parent;
  while (loop && !LOOPS.has(loop.type)) loop = loop.parent;
  if (!loop) return undefined;
  // `cmd && return 0` in a function's loop (`retry() { for i in …; do … && return 0; [ $i -eq $max ] &&
  // return 1; …; done }`): the function's `return 1` is the verdict, when the script calls the function
  // where its status counts (a plain statement, not a condition or the left of `||`).
  const fn = commandName(right) === 'return' ? enclosingFunction(loop) : undefined;
  if (commandName(right) === 'return' && !(fn && calledPlainly(loop, fn, errexit))) return undefined;
  const fails = (n: ScriptNode) => descendants(n).find((d) => d !== right && (failingExit(d) || (fn !== undefined && failingReturn(d))));
  const inBody = fails(loop);
  if (inBody) return inBody;
  // The statement after the loop (`$success || exit 1`), past comments.
  const siblings = loop.parent?.children ?? [];
  const next = siblings.slice(siblings.indexOf(loop) + 1).find((n) => n.type !== 'comment' && n.type !== ';' && n.type !== '\n');
  return next ? fails(next) : undefined;
}

function failingExit(n: ScriptNode): boolean {
  if (commandName(n) !== 'exit') return false;
  const e = exitStatus(n);
  return e === 'var' || (typeof e === 'number' && e > 0);
}

/** `break`, or `return 0` in a function: the attempt worked and the loop is left. */
function leavesLoop(n: ScriptNode): boolean {
  const name = commandName(n);
  return name === 'break' || (name === 'return' && exitStatus(n) === 0);
}

function failingReturn(n: ScriptNode): boolean {
  if (commandName(n) !== 'return') return false;
  const e = exitStatus(n);
  return e === 'var' || (typeof e === 'number' && e > 0);
}

/** The name of the function whose body holds `node`. */
function enclosingFunction(node: ScriptNode): string | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p.children.find((c) => c.type === 'word' || c.field === 'name')?.text;
  return undefined;
}

/**
 * Whether the script calls the function as a statement of its own where its status counts: the
 * script's last statement, or a top-level statement while errexit is on there (the shell's `-e`, then
 * each `set -e`/`set +e` before the call).
 */
function calledPlainly(inside: ScriptNode, name: string, errexit: boolean): boolean {
  let root = inside;
  while (root.parent) root = root.parent;
  const statements = root.children.filter((c) => c.type !== 'comment' && c.type !== ';' && c.type !== '\n');
  let on = errexit;
  return statements.some((st, i) => {
    const cmd = st.type === 'redirected_statement' ? st.children.find((c) => c.field === 'body') : st;
    const set = cmd ? setEffect(cmd) : undefined;
    if (set?.errexit !== undefined) on = set.errexit;
    return cmd?.type === 'command' && commandName(cmd) === name && (on || i === statements.length - 1);
  });
}
