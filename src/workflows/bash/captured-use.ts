import { commandName, descendants, type ScriptNode } from '../../sources/shell-script.js';
import { isCondition } from './statements.js';

/** `$?`, `${?}`, `${PIPESTATUS[0]}`, `$PIPESTATUS`: a read of the last statuses. */
/** A read of the last status: `$?`, `${?}`, `${PIPESTATUS[0]}`. */
export const STATUS_READ = /\$\?|\$\{\?\}|\bPIPESTATUS\b/;

/**
 * Whether a saved status (`rc=$?`, `exit_code=${PIPESTATUS[0]}`, `if [ $? -ne 0 ]; then …`) can still
 * fail the script: something after the save exits or returns non-zero, fails (`false`, `::error`), or
 * reads the status outside a condition (`[ "$rc" -eq 0 ]` as a statement, `exit "$rc"`, `echo
 * "rc=$rc" >> "$GITHUB_OUTPUT"` for a later step, `./report.sh "$rc"`). A status read only in
 * conditions whose branches never fail (`if [[ $rc -eq 2 ]] && grep -q … log; then exit 0; fi`, a
 * `::warning::`) is lost: the failure passes the step as if the status had never been saved.
 */
export function savedStatusUsed(at: ScriptNode, variable: string | undefined): boolean {
  let root = at;
  while (root.parent) root = root.parent;
  const after = descendants(root).filter((n) => n.start >= at.start);
  for (const n of after) {
    if (n.type === 'command') {
      const name = commandName(n);
      if (name === 'exit' || name === 'return') {
        const arg = n.children.find((c) => c.field === 'argument');
        if (arg?.text.replace(/["']/g, '') !== '0') return true;
      }
      if (name === 'false') return true;
    }
    if (/::error\b|setFailed/.test(n.type === 'command' ? n.text : '')) return true;
  }
  const reads = after.filter((n) => isRead(n, at, variable));
  return reads.some((r) => {
    const test = conditionOf(r);
    return !test || actsOn(test);
  });
}

/** The `if`/`while` whose condition holds this node, if any. */
function conditionOf(node: ScriptNode): ScriptNode | undefined {
  for (let n: ScriptNode | undefined = node; n; n = n.parent) if (isCondition(n)) return n.parent;
  return undefined;
}

const PRINTS = new Set(['echo', 'printf', 'cat', 'true', ':', 'exit']);

/**
 * A construct that does something on the status beyond printing (`echo "BUILD_PREV=1" >>
 * "$GITHUB_ENV"`, a fallback command, a count of failures): the failure is handled there. `exit` is here only as `exit 0`
 * (a failing exit was looked for first).
 */
function actsOn(construct: ScriptNode): boolean {
  return descendants(construct).some((n) => {
    if (inCondition(n)) return false;
    // A write to a file (`>> "$GITHUB_ENV"`, `> failed.txt`) records the status; `2>&1`, `>&2`, `> /dev/null` only print.
    if (n.type === 'file_redirect' && !/^\d*[<>]&\d*-?$|^\d*>>?&?\s*\/dev\/(null|stderr|stdout)$/.test(n.text.replace(/\s+/g, ''))) return true;
    // `failure=$((failure + 1))`: the status is counted, for a verdict later (an exit, an output a later step reads).
    if (n.type === 'variable_assignment') return true;
    if (n.type !== 'command') return false;
    return !PRINTS.has(commandName(n) ?? '');
  });
}

export function isRead(n: ScriptNode, at: ScriptNode, variable: string | undefined): boolean {
  if (n.type !== 'simple_expansion' && n.type !== 'expansion') return false;
  if (variable === undefined) return n.start < at.end && STATUS_READ.test(n.text);
  // The save itself (`rc=$?`) is not a use of `rc`.
  if (n.start < at.end) return false;
  const name = n.text.replace(/^\$\{?#?/, '').replace(/[^\w].*$/s, '');
  return name === variable;
}

function inCondition(node: ScriptNode): boolean {
  return conditionOf(node) !== undefined;
}
