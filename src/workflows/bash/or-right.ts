import { commandName, descendants, listParts, type ScriptNode } from '../../sources/shell-script.js';
import { STATUS_READ } from './captured-use.js';
import { exitStatus, functionBodies, statementsOf } from './statements.js';

const NOOP_NAMES = new Set(['true', ':', 'echo', 'printf']);

/** The body of the function `name` that the script defines (its last definition before `at`), if any. */
function functionBody(at: ScriptNode, name: string): ScriptNode | undefined {
  let root = at;
  while (root.parent) root = root.parent;
  return functionBodies(descendants(root), name)
    .filter((b) => b.start < at.start)
    .pop();
}

/** What `a || RIGHT` does when `a` fails, from RIGHT. */
export function orRightKind(right: ScriptNode): 'noop' | 'exit-nonzero' | 'capture' | 'skip' | 'fallback' {
  // `|| [ $? -eq 1 ]`, `|| rc=$?`: the status is looked at. `|| echo "changed=true" >> $GITHUB_OUTPUT`,
  // `|| touch failed.marker`: the failure is recorded for later steps.
  if (STATUS_READ.test(right.text)) return 'capture';
  if (/::set-output|GITHUB_OUTPUT|GITHUB_ENV/.test(right.text) || /^\(?\s*touch\b/.test(right.text.trim())) return 'capture';
  let n = right;
  while (n.type === 'compound_statement' || n.type === 'subshell' || n.type === 'redirected_statement') {
    if (n.type === 'redirected_statement') {
      n = n.children.find((c) => c.field === 'body') ?? n;
      if (n.type === 'redirected_statement') break;
      continue;
    }
    const stmts = statementsOf(n);
    if (stmts.length === 0) return 'noop';
    // `{ echo …; exit 1; }`: the last statement decides.
    n = stmts[stmts.length - 1]!;
  }
  if (n.type === 'list') {
    const parts = listParts(n);
    if (parts) return orRightKind(parts.right) === 'exit-nonzero' ? 'exit-nonzero' : 'fallback';
  }
  const exit = exitStatus(n);
  if (exit !== undefined) {
    if (exit === 0) return 'noop';
    return 'exit-nonzero';
  }
  if (n.type === 'variable_assignment' || n.type === 'variable_assignments' || n.type === 'declaration_command') {
    const value = n.type === 'variable_assignment' ? (n.children.find((c) => c.field === 'value')?.text ?? '') : n.text.replace(/^[^=]*=/, '');
    return /^["']?(\$\?|\$\{\?\}|\d+|true|false|yes|no|1)["']?$/.test(value) ? 'capture' : 'fallback';
  }
  if (n.type === 'command') {
    const name = commandName(n);
    if (name && NOOP_NAMES.has(name)) return 'noop';
    if (name === 'continue' || name === 'break') return 'skip';
    // `|| fail_closed "bad sha"`, a function of the script whose body ends in `exit 1`.
    const body = name ? functionBody(n, name) : undefined;
    if (body && body !== right) {
      const stmts = statementsOf(body);
      const last = stmts[stmts.length - 1];
      const exit = last ? exitStatus(last) : undefined;
      if (exit !== undefined && exit !== 0 && exit !== 'last') return 'exit-nonzero';
    }
  }
  return 'fallback';
}

/**
 * Whether `a && RIGHT` fails whenever `a` succeeds: RIGHT is `exit N` (N > 0), `false`, or a block
 * whose last statement is one (`{ echo "should have failed"; exit 1; }`). Not `{ make install || exit
 * 1; }` (fails only sometimes), nor a bare `exit` (which is 0 after a success).
 */
export function failsAlways(right: ScriptNode): boolean {
  let n = right;
  while (n.type === 'compound_statement' || n.type === 'subshell') {
    const stmts = statementsOf(n);
    const last = stmts[stmts.length - 1];
    if (!last) return false;
    n = last;
  }
  const e = exitStatus(n);
  return typeof e === 'number' && e > 0;
}
