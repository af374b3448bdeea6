import { commandName, descendants, type ScriptNode } from '../../sources/shell-script.js';
import { failsAlways } from './or-right.js';
import { isCondition, nextStatement } from './statements.js';

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
  if (name === undefined || !/^([ef]?grep|rg|ag|ack|findstr|select-string)$/i.test(name)) return false;
  // A failure the search can see is no silent one: the producer's errors sent into the pipe (`make
  // 2>&1 | grep -qi error`, `make |& grep …`), or a search for the failure marks the producer prints
  // on stdout when it fails (`pytest | grep -q FAILED`).
  const producer = stages.find((s) => s.start <= cur.start && cur.end <= s.end);
  const pipeline = last.parent;
  if (producer && /\d?>&\s*1\b|&>/.test(producer.text)) return false;
  if (pipeline && /\|&/.test(pipeline.text.slice(producer ? producer.end - pipeline.start : 0, last.start - pipeline.start))) return false;
  return !/\b(fail(ed|ure|ures|s)?|errors?)\b/i.test(last.text.slice((commandName(last) ?? '').length));
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

/**
 * A search whose match fails the script: `if python -c "…check…" | grep warning; then exit 1; fi`, or
 * `tool | grep -q ERROR && exit 1`. A producer that fails prints nothing (and fails the pipe under
 * pipefail), so the search finds nothing, the failing branch is not taken and the step passes: the
 * mirror of `! tool | grep X`. Not a `while` condition (a loop's question), nor an `if` whose other
 * branches fail as well.
 */
export function failsOnMatch(pipeline: ScriptNode): boolean {
  for (let n: ScriptNode = pipeline; ; ) {
    const up = n.parent;
    if (!up) return false;
    if (up.type === 'list') {
      const kids = up.children;
      const right = kids[kids.length - 1];
      // As the script's last statement the list's status is the script's: no match fails the step.
      const last = up.parent?.type === 'program' && !nextStatement(up);
      return !last && kids[0] === n && kids[1]?.type === '&&' && right !== undefined && failsAlways(right);
    }
    if (isCondition(n)) {
      if (up.type !== 'if_statement' && up.type !== 'elif_clause') return false;
      const kids = up.children;
      const then = kids.findIndex((c) => c.type === 'then');
      const end = kids.findIndex((c, i) => i > then && (c.type === 'else_clause' || c.type === 'elif_clause' || c.type === 'fi'));
      const body = kids.slice(then + 1, end < 0 ? undefined : end);
      // The branches taken when it does not match: the later `elif`s and the `else` (of the whole
      // `if` for an `elif`'s condition, where tree-sitter puts them).
      const others =
        up.type === 'elif_clause'
          ? (up.parent?.children ?? []).filter((c) => (c.type === 'elif_clause' || c.type === 'else_clause') && c.start > up.start)
          : end < 0
            ? []
            : kids.slice(end).filter((c) => c.type === 'else_clause' || c.type === 'elif_clause');
      // The branch itself fails: a failing statement of its own, not one nested in a test of the work
      // the branch goes on to do (`if locale -a | grep -q fr_FR; then <tests, each with its exit 1>; else echo skipping; fi`).
      const nested = (c: ScriptNode) => /^(if|for|while|c_style_for|case)_statement$/.test(c.type);
      // A nested test whose branch only fails is the verdict still, in a branch that does nothing else
      // but print (`echo "warnings found"; if [ "$event" = pull_request ]; then exit 1; fi`).
      const work = body.some((c) => descendants(c).some((d) => d.type === 'command' && !/^(echo|printf|true|:|exit|false|test)$/.test(commandName(d) ?? '')));
      const verdict = body.some((c) => FAILS.test(c.text) && (!nested(c) || !work));
      return then >= 0 && verdict && !others.some((c) => FAILS.test(c.text));
    }
    if (up.type !== 'subshell' && up.type !== 'compound_statement' && up.type !== 'redirected_statement') return false;
    n = up;
  }
}

/** A statement text that fails the script: `exit 1`, `exit $rc`, `false`, an `::error` annotation. */
const FAILS = /\bexit\s+([1-9]|\$)|(^|[\s;&|])false(\s|;|$)|::error/;

/**
 * The negated pipeline (or the `!`, `( … )` or `{ …; }` around it) is an `if` condition whose `then`
 * branch fails the script: an empty search makes the condition true, and that branch runs (`if !
 * objdump … | grep -q simd; then exit 1; fi`). A `then` that only prints passes with nothing checked.
 * A `while` condition is a loop's question.
 */
export function conditionFailsWhenEmpty(pipeline: ScriptNode): boolean {
  for (let n: ScriptNode | undefined = pipeline; n; n = n.parent) {
    if (isCondition(n)) {
      const owner = n.parent;
      if (!owner || (owner.type !== 'if_statement' && owner.type !== 'elif_clause')) return true;
      const kids = owner.children;
      const then = kids.findIndex((c) => c.type === 'then');
      const end = kids.findIndex((c, i) => i > then && (c.type === 'else_clause' || c.type === 'elif_clause' || c.type === 'fi'));
      const body = kids.slice(then + 1, end < 0 ? undefined : end);
      return then >= 0 && body.some((c) => FAILS.test(c.text));
    }
    const up = n.parent?.type;
    if (up !== 'negated_command' && up !== 'subshell' && up !== 'compound_statement' && up !== 'redirected_statement') return false;
  }
  return false;
}
