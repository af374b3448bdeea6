import { commandName, descendants, listParts, type ScriptNode } from '../../sources/shell-script.js';
import { exitStatus } from '../bash/statements.js';

const LOOPS: ReadonlySet<string> = new Set(['for_statement', 'c_style_for_statement', 'while_statement']);

/**
 * A bounded retry loop: `for attempt in 1 2 3; do [ "$attempt" = 3 ] && exit 1; cmd && break; sleep 5; done`.
 * A failing attempt skips `break` and the loop tries again; once the attempts run out the loop's own
 * verdict fails the step: an `exit N` (N > 0, or a variable) in the loop's body or in the statement
 * right after the loop. Returns that verdict. Without one, the last attempt's failure is lost (the loop
 * ends with `sleep`'s status), and the command stays a finding.
 */
export function retryLoopVerdict(command: ScriptNode): ScriptNode | undefined {
  // Climb the `&&` chain whose last element is `break`: `a && b && break`.
  let list: ScriptNode | undefined;
  const start = command.parent?.type === 'redirected_statement' ? command.parent : command;
  for (let cur = start; cur.parent?.type === 'list'; cur = cur.parent) {
    const parts = listParts(cur.parent);
    if (parts?.op !== '&&') return undefined;
    list = cur.parent;
    if (commandName(parts.right) === 'break') break;
  }
  const right = list && listParts(list)?.right;
  if (!list || !right || commandName(right) !== 'break' || right.start < command.end) return undefined;
  let loop = list.parent;
  while (loop && !LOOPS.has(loop.type)) loop = loop.parent;
  if (!loop) return undefined;
  const fails = (n: ScriptNode) => descendants(n).find((d) => d !== right && failingExit(d));
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
