import { commandName, type ScriptNode } from '../../sources/shell-script.js';

/**
 * `! (report | tee summary | grep ':x:')`: the pipe asks whether the output holds a marker, and `!`
 * fails the step when it does. A stage before the search that fails (under pipefail, or printing
 * nothing without it) makes the pipe fail, which `!` turns into success. Only when the last stage
 * is a search: `! pytest should_fail | tee log` asserts that the first stage fails.
 */
export function negatedSearch(stages: readonly ScriptNode[], cur: ScriptNode): boolean {
  const last = stages[stages.length - 1];
  if (!last || last === cur) return false;
  const name = last.type === 'command' ? commandName(last) : undefined;
  return name !== undefined && /^([ef]?grep|rg|ag|ack|findstr|select-string)$/i.test(name);
}

/** The pipeline is the status of a negation around it: `! ( a | b )`, `! { a | b; }`. */
export function negatedWhole(pipeline: ScriptNode): boolean {
  let n = pipeline;
  for (;;) {
    const p = n.parent;
    if (!p) return false;
    if (p.type === 'negated_command') return true;
    if (p.type === 'redirected_statement') {
      n = p;
      continue;
    }
    if (p.type !== 'subshell' && p.type !== 'compound_statement') return false;
    const statements = p.children.filter((c) => c.type !== '(' && c.type !== ')' && c.type !== '{' && c.type !== '}' && c.type !== ';' && c.type !== 'comment');
    if (statements[statements.length - 1] !== n) return false;
    n = p;
  }
}
