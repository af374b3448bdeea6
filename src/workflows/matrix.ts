import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { deref, mapOf, seqOf, valueOf } from '../sources/yaml-source.js';
import type { Job } from '../sources/workflow.js';

/** One combination of a job's matrix, as the runner expands it. */
export type MatrixRow = Record<string, unknown>;

const MAX_ROWS = 512;

/**
 * A matrix value with the type the runner gives it. Workflows are parsed with the failsafe schema (all
 * strings), but the runner resolves plain scalars as YAML 1.2 core does: `allow_failures: true` is a
 * boolean, so `matrix.allow_failures == true` holds, and `3.10` is the number 3.1.
 */
function typed(value: unknown, style: string | undefined): unknown {
  if (typeof value !== 'string') return value;
  if (style !== 'PLAIN') return value;
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  if (/^(null|Null|NULL|~)$/.test(value)) return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value);
  return value;
}

function toJs(doc: Document, node: unknown): unknown {
  const n = deref(doc, node);
  if (isScalar(n)) return n.value === null || n.value === undefined ? null : typed(n.value, n.type);
  if (isSeq(n)) return n.items.map((i) => toJs(doc, i));
  if (isMap(n))
    return Object.fromEntries(
      n.items.filter((p) => isScalar(deref(doc, p.key))).map((p) => [String((deref(doc, p.key) as { value: unknown }).value), toJs(doc, p.value)]),
    );
  return null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether a row's value is what an `exclude` entry names. An exclusion "only has to be a partial
 * match", down into object values: `{ os: { name: Windows }, builder: configure }` drops every
 * Windows row whose builder is configure (zlib), whatever else its `os` object holds.
 */
function excludes(value: unknown, pattern: unknown): boolean {
  if (isObject(pattern) && isObject(value)) return Object.entries(pattern).every(([k, v]) => excludes(value[k], v));
  return same(value, pattern);
}

/**
 * The rows of a written-out `strategy.matrix`: the product of its keys, then `include` (an entry
 * extends every row it does not contradict, or is a row of its own) and `exclude`, as GitHub
 * documents. Undefined when the matrix is computed at run time (`${{ fromJSON(…) }}`) or absent.
 */
export function matrixRows(doc: Document, job: Job): MatrixRow[] | undefined {
  const matrix = mapOf(doc, valueOf(doc, valueOf(doc, job.map, 'strategy'), 'matrix'));
  if (!matrix) return undefined;
  let rows: MatrixRow[] = [{}];
  let include: MatrixRow[] = [];
  let exclude: MatrixRow[] = [];
  for (const pair of matrix.items) {
    const key = deref(doc, pair.key);
    if (!isScalar(key)) return undefined;
    const name = String(key.value);
    const value = deref(doc, pair.value);
    if (name === 'include' || name === 'exclude') {
      const list = seqOf(doc, value);
      if (!list) return undefined;
      const entries = list.items.map((i) => toJs(doc, i)).filter((e): e is MatrixRow => Boolean(e) && typeof e === 'object' && !Array.isArray(e));
      if (name === 'include') include = entries;
      else exclude = entries;
      continue;
    }
    if (!isSeq(value)) return undefined;
    const values = value.items.map((i) => toJs(doc, i));
    rows = rows.flatMap((r) => values.map((v) => ({ ...r, [name]: v })));
    if (rows.length > MAX_ROWS) return undefined;
  }
  const base = new Set(Object.keys(rows[0] ?? {}));
  if (base.size === 0) rows = [];
  rows = rows.filter((r) => !exclude.some((e) => Object.entries(e).every(([k, v]) => excludes(r[k], v))));
  // An include extends the rows of the product it agrees with; rows made by includes are not extended
  // by later ones (an include-only matrix is one job per entry).
  const product = [...rows];
  for (const entry of include) {
    const matching = product.filter((r) => Object.entries(entry).every(([k, v]) => !base.has(k) || same(r[k], v)));
    if (matching.length) for (const r of matching) Object.assign(r, entry);
    else rows.push({ ...entry });
  }
  return rows;
}

function toData(v: unknown): data.ExpressionData {
  if (v === null || v === undefined) return new data.Null();
  if (typeof v === 'string') return new data.StringData(v);
  if (typeof v === 'number') return new data.NumberData(v);
  if (typeof v === 'boolean') return new data.BooleanData(v);
  if (Array.isArray(v)) return new data.Array(...v.map(toData));
  const d = new data.Dictionary();
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) d.add(k, toData(x));
  return d;
}

/** An `if:` or `${{ … }}` value without its `${{ }}`: the expression itself. */
export function expressionBody(value: string): string {
  return value
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
}

/** Contexts an expression may use for `evaluate` to give an answer: anything else is not known statically. */
const KNOWN = /^(matrix|runner)$/;

/**
 * Evaluates a GitHub expression (`${{ … }}` or a bare `if:` condition) for one matrix row, with
 * GitHub's own expression library. Undefined when it reads anything other than `matrix` and
 * `runner.os` (an event, an input, a step's output): those are not known before the run.
 */
export function evaluate(expression: string, row: MatrixRow, runnerOs?: string): data.ExpressionData | undefined {
  const expr = parsedExpression(expression);
  if (!expr) return undefined;
  try {
    const context = new data.Dictionary();
    context.add('matrix', rowData(row));
    const runner = new data.Dictionary();
    if (runnerOs) runner.add('os', new data.StringData(runnerOs));
    context.add('runner', runner);
    return new Evaluator(expr, context).evaluate();
  } catch {
    return undefined;
  }
}

/** Parsed once per text: a step's condition is evaluated on every row of its job's matrix. Null when it cannot be evaluated before the run. */
type Expr = ReturnType<Parser['parse']>;
const parsed = new Map<string, Expr | null>();

function parsedExpression(expression: string): Expr | null {
  let expr = parsed.get(expression);
  if (expr !== undefined) return expr;
  expr = null;
  const body = expressionBody(expression);
  const known = [...body.matchAll(/(?<![\w.'])([A-Za-z_][\w-]*)\s*(?=[.[])/g)].every(
    (m) => KNOWN.test(m[1]!) || /^(contains|startsWith|endsWith|format|join|toJSON|fromJSON|hashFiles|success|always|cancelled|failure)$/.test(m[1]!),
  );
  if (known && !/\b(success|always|cancelled|failure|hashFiles)\s*\(/.test(body)) {
    try {
      expr = new Parser(new Lexer(body).lex().tokens, ['matrix', 'runner'], []).parse();
    } catch {
      expr = null;
    }
  }
  if (parsed.size > 10_000) parsed.clear(); // a long batch run does not keep every expression it saw
  parsed.set(expression, expr);
  return expr;
}

/** A row as expression data, made once per row. */
const rowsAsData = new WeakMap<MatrixRow, data.ExpressionData>();

function rowData(row: MatrixRow): data.ExpressionData {
  let d = rowsAsData.get(row);
  if (!d) rowsAsData.set(row, (d = toData(row)));
  return d;
}

/**
 * The operands of an expression's top-level `&&` (`matrix.x == true && steps.t.outputs.rc == 8` → two),
 * outside parentheses and string literals: one false operand makes the whole false, whatever the others.
 * With a top-level `||` the whole is one operand: `&&` binds tighter, so `a && b || c` is true with c
 * whatever a is.
 */
export function conjuncts(expression: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && c === '|' && expression[i + 1] === '|') return [expression.trim()];
    else if (depth === 0 && c === '&' && expression[i + 1] === '&') {
      out.push(expression.slice(from, i).trim());
      from = i + 2;
      i++;
    }
  }
  out.push(expression.slice(from).trim());
  return out;
}

/** The labels a `runs-on` gives for one row: a string, a list, or an expression evaluated on the row. */
export function runsOnFor(text: string, row: MatrixRow): string[] | undefined {
  if (!text.includes('${{'))
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  // `${{ matrix.os }}` alone, or in a list with literals (`[self-hosted, ${{ matrix.arch }}]`).
  const parts = text.split(',').map((s) => s.trim());
  const out: string[] = [];
  for (const p of parts) {
    if (!p.includes('${{')) {
      out.push(p);
      continue;
    }
    const v = evaluate(p, row);
    if (!v) return undefined;
    if (v.kind === data.Kind.Array) out.push(...(v as data.Array).values().map((x) => x.coerceString()));
    else out.push(v.coerceString());
  }
  return out;
}
