import {
  commandName,
  commandWords,
  descendants,
  findAncestor,
  listParts,
  pipelineStages,
  unquote,
  type ParsedScript,
  type ScriptNode,
} from '../../sources/shell-script.js';
import { resolveCommand } from '../roles/tools.js';
import { failsOnEmptyInput } from './consumers.js';
import { exitStatus, statementsOf } from './statements.js';

/**
 * What becomes of a value whose producer failed unnoticed (`X=$(cmd | jq …)` with `cmd` failing):
 * a later check fails on the empty value (`if [ -z "$X" ]; then exit 1`: fail-closed, the failure is
 * caught there), a check passes on it (`if [ "$COUNT" -gt 23 ]; then exit 1` with COUNT=0:
 * fail-open, the failure is hidden twice), an empty value is replaced by a default and published
 * (`[ -z "$X" ] && X='*'; echo "files=$X" >> $GITHUB_OUTPUT`), or it is only data for later commands.
 */
export type ValueFate =
  | { kind: 'fail-closed'; at: ScriptNode; variable: string }
  | { kind: 'fail-open'; at: ScriptNode; variable: string; empty: string }
  | { kind: 'defaulted'; at: ScriptNode; variable: string; published?: ScriptNode }
  /** `nonEmpty`: why the value is never empty, even when the producer fails (`… | jq -Rsc '[…]'` prints `[]`). */
  | { kind: 'data'; variable: string; published?: ScriptNode; nonEmpty?: string };

/** The `$( … )` a command runs in, and the whole word it is part of (`"files=$(…)"`, `X=$(…)`'s value). */
function substitutionWord(node: ScriptNode): { substitution: ScriptNode; word: ScriptNode } | undefined {
  const substitution = findAncestor(node, 'command_substitution');
  if (!substitution) return undefined;
  let word: ScriptNode = substitution;
  while (word.parent && (word.parent.type === 'string' || word.parent.type === 'concatenation')) word = word.parent;
  return { substitution, word };
}

/** The variable a command's output is assigned to (`X=$(cmd …)`, `export X="$(a | cmd)"`), with the substitution. */
export function assignedFrom(node: ScriptNode): { variable: string; substitution: ScriptNode; assignment: ScriptNode } | undefined {
  const w = substitutionWord(node);
  if (!w) return undefined;
  const sub = w.substitution;
  const assignment = w.word.parent;
  if (assignment?.type !== 'variable_assignment') return undefined;
  const variable = assignment.children.find((c) => c.field === 'name')?.text;
  return variable ? { variable, substitution: sub, assignment } : undefined;
}

/** What the producer's failure leaves in the variable: '' or, for a counter (`grep -c`, `wc -l`), 0. */
function emptyValueOf(substitution: ScriptNode): string {
  // `$(node check.js || echo "ERROR")`: on a failure the value is what the fallback prints.
  const list = descendants(substitution).find((n) => n.type === 'list' && listParts(n)?.op === '||');
  const parts = list ? listParts(list) : undefined;
  const right = parts?.right;
  if (right?.type === 'command' && commandName(right) === 'echo') {
    const words = commandWords(right).slice(1);
    if (words.length && !words[0]!.startsWith('-')) return words.join(' ');
  }
  // `$(clinfo -l | grep -c Device || true)`: `true` prints nothing, so the value is what the pipe printed.
  const noop = right?.type === 'command' && /^(true|:)$/.test(commandName(right) ?? '');
  const scope = noop && parts ? parts.left : substitution;
  const last = [...descendants(scope)].reverse().find((n) => n.type === 'command');
  const r = last ? resolveCommand(commandWords(last)) : undefined;
  if (!r) return '';
  const args = r.words.slice(1);
  if ((r.program === 'grep' || r.program === 'egrep') && args.some((a) => /^-[a-zA-Z]*c/.test(a) || a === '--count')) return '0';
  if (r.program === 'wc') return '0';
  return '';
}

const refersTo = (node: ScriptNode, v: string) => new RegExp(`\\$\\{?${v}\\b`).test(node.text);

type Tri = boolean | undefined;

/** A test operand's value with the variable empty, or undefined when it depends on anything else. */
function operandValue(node: ScriptNode, v: string, empty: string): string | undefined {
  const text = unquote(node.text.trim());
  if (text === `$${v}` || text === `\${${v}}`) return empty;
  if (/\$|`/.test(text)) return undefined;
  return text;
}

function evalTest(expr: ScriptNode, v: string, empty: string): Tri {
  if (expr.type === 'test_command') {
    const inner = expr.children.filter((c) => c.type !== '[' && c.type !== ']' && c.type !== '[[' && c.type !== ']]');
    return inner.length === 1 ? evalTest(inner[0]!, v, empty) : undefined;
  }
  if (expr.type === 'parenthesized_expression') {
    const inner = expr.children.filter((c) => c.type !== '(' && c.type !== ')');
    return inner.length === 1 ? evalTest(inner[0]!, v, empty) : undefined;
  }
  if (expr.type === 'unary_expression') {
    const op = expr.children.find((c) => c.field === 'operator' || c.type === 'test_operator' || c.type === '!');
    const operand = expr.children.find((c) => c !== op);
    if (!op || !operand) return undefined;
    if (op.type === '!') {
      const r = evalTest(operand, v, empty);
      return r === undefined ? undefined : !r;
    }
    const value = operandValue(operand, v, empty);
    if (value === undefined) return undefined;
    if (op.text === '-z') return value === '';
    if (op.text === '-n') return value !== '';
    return undefined;
  }
  if (expr.type === 'binary_expression') {
    const left = expr.children.find((c) => c.field === 'left');
    const right = expr.children.find((c) => c.field === 'right');
    const op = expr.children.find((c) => c.field === 'operator');
    if (!left || !right || !op) return undefined;
    if (op.text === '&&' || op.text === '||' || op.text === '-a' || op.text === '-o') {
      const a = evalTest(left, v, empty);
      const b = evalTest(right, v, empty);
      return op.text === '&&' || op.text === '-a' ? and(a, b) : or(a, b);
    }
    const l = operandValue(left, v, empty);
    const r = operandValue(right, v, empty);
    if (l === undefined || r === undefined) return undefined;
    switch (op.text) {
      case '=':
      case '==':
        return l === r;
      case '!=':
        return l !== r;
      case '-eq':
      case '-ne':
      case '-gt':
      case '-ge':
      case '-lt':
      case '-le': {
        if (l === '' || r === '' || !/^-?\d+$/.test(l) || !/^-?\d+$/.test(r)) return false; // `[` fails on a non-number
        const a = Number(l);
        const b = Number(r);
        return { '-eq': a === b, '-ne': a !== b, '-gt': a > b, '-ge': a >= b, '-lt': a < b, '-le': a <= b }[op.text];
      }
      default:
        return undefined;
    }
  }
  // `[ "$output" ]`, `[[ $x ]]`: a lone operand is true when it is not empty.
  if (['string', 'word', 'simple_expansion', 'expansion', 'concatenation'].includes(expr.type)) {
    const value = operandValue(expr, v, empty);
    return value === undefined ? undefined : value !== '';
  }
  return undefined;
}

const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === undefined || b === undefined ? undefined : true);
const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === undefined || b === undefined ? undefined : false);

/** A condition's truth with the variable empty: tests, `!`, lists, and `echo "$X" | grep …`. */
function evalCondition(cond: ScriptNode, v: string, empty: string): Tri {
  if (cond.type === 'test_command') return evalTest(cond, v, empty);
  if (cond.type === 'negated_command') {
    const inner = cond.children.find((c) => c.type !== '!');
    const r = inner ? evalCondition(inner, v, empty) : undefined;
    return r === undefined ? undefined : !r;
  }
  if (cond.type === 'list') {
    const parts = listParts(cond);
    if (!parts) return undefined;
    const a = evalCondition(parts.left, v, empty);
    const b = evalCondition(parts.right, v, empty);
    return parts.op === '&&' ? and(a, b) : or(a, b);
  }
  if (cond.type === 'redirected_statement') {
    const body = cond.children.find((c) => c.field === 'body');
    return body ? evalCondition(body, v, empty) : undefined;
  }
  if (cond.type === 'pipeline') {
    const stages = pipelineStages(cond);
    const negated = stages[0]?.type === 'negated_command';
    const first = negated ? stages[0]!.children.find((c) => c.type !== '!') : stages[0];
    const last = stages[stages.length - 1]!;
    const lastCmd = last.type === 'command' ? last : last.children.find((c) => c.type === 'command');
    if (!first || !lastCmd || !/^(echo|printf)$/.test(commandName(first) ?? '') || !refersTo(first, v) || empty !== '') return undefined;
    if (!failsOnEmptyInput(lastCmd)) return undefined;
    return negated; // the reader fails on the empty value; `!` turns that into true
  }
  if (cond.type === 'command') {
    const name = commandName(cond);
    if (name === 'test') return undefined;
  }
  return undefined;
}

/** Whether the statements of a branch end the script with a failure (`exit 1`, `false`, `{ …; exit 1; }`). */
export function exitsNonZero(stmts: readonly ScriptNode[]): boolean {
  return stmts.some((s) => {
    const e = exitStatus(s);
    if (e !== undefined && e !== 0 && e !== 'last') return true;
    if (s.type === 'compound_statement') return exitsNonZero(statementsOf(s));
    // `echo "$out" && exit 1`: a print, then the exit.
    const parts = s.type === 'list' ? listParts(s) : undefined;
    if (parts?.op === '&&' && parts.left.type === 'command' && /^(echo|printf)$/.test(commandName(parts.left) ?? '')) return exitsNonZero([parts.right]);
    return false;
  });
}

function assigns(stmts: readonly ScriptNode[], v: string): boolean {
  return stmts.some(
    (s) =>
      descendants(s).some((n) => n.type === 'variable_assignment' && n.children.find((c) => c.field === 'name')?.text === v) ||
      /GITHUB_OUTPUT|GITHUB_ENV/.test(s.text),
  );
}

interface Branches {
  cond: ScriptNode;
  whenTrue: ScriptNode[];
  whenFalse: ScriptNode[];
  at: ScriptNode;
}

/** `if C; then A; else B; fi`, `C && A`, `C || B` as a condition and two branches. */
export function branchesOf(stmt: ScriptNode): Branches | undefined {
  if (stmt.type === 'if_statement') {
    const conds = stmt.children.filter((c) => c.field === 'condition' && c.type !== ';' && c.type !== '\n');
    if (conds.length !== 1) return undefined;
    const elseClause = stmt.children.find((c) => c.type === 'else_clause' || c.type === 'elif_clause');
    return { cond: conds[0]!, whenTrue: statementsOf(stmt), whenFalse: elseClause ? statementsOf(elseClause) : [], at: stmt };
  }
  const parts = listParts(stmt);
  if (parts && (parts.left.type === 'test_command' || parts.left.type === 'pipeline' || parts.left.type === 'negated_command')) {
    return parts.op === '&&'
      ? { cond: parts.left, whenTrue: [parts.right], whenFalse: [], at: stmt }
      : { cond: parts.left, whenTrue: [], whenFalse: [parts.right], at: stmt };
  }
  return undefined;
}

/** Follows the value of a variable assigned from a failed producer through the rest of the script. */
export function valueFate(parsed: ParsedScript, producer: ScriptNode): ValueFate | undefined {
  const a = assignedFrom(producer);
  if (!a) return undefined;
  const { variable: v } = a;
  const empty = emptyValueOf(a.substitution);
  const nonEmpty = printsOnNoInput(a.substitution);
  let published: ScriptNode | undefined;
  for (const node of parsed.nodes) {
    if (node.start < a.assignment.end) continue;
    if (
      !published &&
      node.type === 'redirected_statement' &&
      /GITHUB_OUTPUT|GITHUB_ENV/.test(node.children.find((c) => c.field === 'redirect')?.text ?? '') &&
      refersTo(node, v)
    )
      published = node;
    if (node.type === 'expansion' && new RegExp(`^\\$\\{${v}:?[-=]`).test(node.text)) return { kind: 'defaulted', at: node, variable: v, published };
    const b = nonEmpty ? undefined : branchesOf(node);
    if (!b || !refersTo(b.cond, v)) continue;
    const truth = evalCondition(b.cond, v, empty);
    if (truth === undefined) continue;
    const taken = truth ? b.whenTrue : b.whenFalse;
    const other = truth ? b.whenFalse : b.whenTrue;
    if (exitsNonZero(taken)) return { kind: 'fail-closed', at: b.at, variable: v };
    if (exitsNonZero(other)) return { kind: 'fail-open', at: b.at, variable: v, empty };
    if (assigns(taken, v)) return { kind: 'defaulted', at: b.at, variable: v, published: published ?? laterPublish(parsed, b.at, v) };
  }
  return { kind: 'data', variable: v, published, nonEmpty };
}

/**
 * Why a substitution's value is never empty: its last command prints even when what it reads is
 * nothing. `jq -s` (slurp) runs its filter once on `[]` (or `""` with -R) and `jq -n` on `null`, so
 * `$(git diff … | jq -Rsc '[split("\n")[] | select(. != "")]')` is `[]` after a failed diff.
 */
function printsOnNoInput(substitution: ScriptNode): string | undefined {
  const last = [...descendants(substitution)].reverse().find((n) => n.type === 'command');
  const r = last ? resolveCommand(commandWords(last)) : undefined;
  if (r?.program !== 'jq') return undefined;
  // Options, and the first other word: the filter. (`--arg n -s` gives `-s` as a value, not slurp.)
  let flag: string | undefined;
  let filter: string | undefined;
  const words = r.words.slice(1);
  for (let i = 0; i < words.length && filter === undefined; i++) {
    const w = words[i]!;
    if (/^--(arg|argjson|slurpfile|rawfile)$/.test(w)) i += 2;
    else if (/^(-f|--from-file|-L|--indent|--tab)$/.test(w)) i += w === '--tab' ? 0 : 1;
    else if (/^-[a-zA-Z]*[sn][a-zA-Z]*$/.test(w) || w === '--slurp' || w === '--null-input') flag = w;
    else if (!w.startsWith('-')) filter = w;
  }
  // Only a filter that builds one array out of everything (`[split("\n")[] | select(. != "")]`,
  // `[inputs]`) prints whatever it reads: `.[].version`, `// empty` or a raw empty string print nothing.
  return flag && filter && /^\s*\[[\s\S]*\]\s*$/.test(filter) ? `\`jq ${flag} '${filter.trim()}'\` prints an array even when it reads nothing` : undefined;
}

function laterPublish(parsed: ParsedScript, after: ScriptNode, v: string): ScriptNode | undefined {
  return parsed.nodes.find(
    (n) => n.start >= after.start && n.type === 'redirected_statement' && /GITHUB_OUTPUT|GITHUB_ENV/.test(n.text) && (refersTo(n, v) || /=\*/.test(n.text)),
  );
}

/**
 * The output a command's printed value is published as without a variable between
 * (`echo "files=$(gh api … | jq …)" >> "$GITHUB_OUTPUT"`, `echo "::set-output name=files::$(…)"`):
 * the name, and the statement that publishes it.
 */
export function publishedDirectly(node: ScriptNode): { name: string; statement: ScriptNode; env?: boolean } | undefined {
  const w = substitutionWord(node);
  if (!w) return undefined;
  const { substitution: sub, word } = w;
  const command = word.parent;
  if (command?.type !== 'command' || !/^(echo|printf)$/.test(commandName(command) ?? '')) return undefined;
  // The text of the argument before the substitution: `files=` or `::set-output name=files::`.
  const before = word.text.slice(0, sub.start - word.start).replace(/^["']/, '');
  // Fixed text after it (`TAG=$(…)-${GITHUB_SHA::7}`) keeps the value from ever being empty.
  if (word.text.slice(sub.end - word.start).replace(/["']$/, '') !== '') return undefined;
  const setOutput = /::set-output name=([\w-]+)::$/.exec(before);
  if (setOutput) return { name: setOutput[1]!, statement: command };
  const statement = command.parent?.type === 'redirected_statement' ? command.parent : undefined;
  const redirect =
    statement?.children
      .filter((c) => c.field === 'redirect')
      .map((c) => c.text)
      .join(' ') ?? '';
  const m = /^([A-Za-z_][\w-]*)=$/.exec(before);
  if (m && statement && /GITHUB_OUTPUT/.test(redirect)) return { name: m[1]!, statement };
  // `echo "PROJECT_VERSION=$(…)" >> $GITHUB_ENV`: an environment variable of the job's later steps.
  if (m && statement && /GITHUB_ENV/.test(redirect)) return { name: m[1]!, statement, env: true };
  // `echo "go=$(…)" | tee -a "$GITHUB_OUTPUT"`: tee appends what echo prints.
  const pipe = command.parent?.type === 'pipeline' ? command.parent : undefined;
  const tee = pipe?.children.find((c) => c !== command && c.type === 'command' && commandName(c) === 'tee');
  return m && pipe && tee && /GITHUB_OUTPUT/.test(tee.text) ? { name: m[1]!, statement: pipe } : undefined;
}

/**
 * The first test of `variable` in a script whose branches part on an empty value: what runs when it
 * is empty and what runs otherwise. For a value that comes into the script from outside
 * (`$CHANGED_FILES` that an earlier step wrote to $GITHUB_ENV).
 */
export function emptyValueBranch(parsed: ParsedScript, v: string): { at: ScriptNode; whenEmpty: ScriptNode[]; otherwise: ScriptNode[] } | undefined {
  for (const node of parsed.nodes) {
    const b = branchesOf(node);
    if (!b || !refersTo(b.cond, v)) continue;
    const truth = evalCondition(b.cond, v, '');
    if (truth === undefined) continue;
    return truth ? { at: b.at, whenEmpty: b.whenTrue, otherwise: b.whenFalse } : { at: b.at, whenEmpty: b.whenFalse, otherwise: b.whenTrue };
  }
  return undefined;
}

/** A command whose output the shell evaluates or sources to set its environment (`eval "$(pixi shell-hook)"`, `source <(…)`). */
export function evaluatedByShell(node: ScriptNode): boolean {
  const sub = findAncestor(node, 'command_substitution') ?? findAncestor(node, 'process_substitution');
  const host = sub && findAncestor(sub, 'command');
  return host !== undefined && /^(eval|source|\.)$/.test(commandName(host) ?? '');
}
