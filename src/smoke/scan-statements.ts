import { NAME, OP, STRING, type PythonLexer } from './lexer.js';

/** Python's hard keywords: never a binding target. */
export const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);

/** First token index in [from, to) at bracket depth 0 that is the operator `op`; -1 if none. */
export function findTopLevelOp(L: PythonLexer, from: number, to: number, op: string): number {
  const base = L.depth[from]!;
  for (let i = from; i < to; i++) if (L.depth[i] === base && L.isOp(i, op)) return i;
  return -1;
}

/** Indices of the depth-0 single `=` tokens of a statement. */
export function assignmentOps(L: PythonLexer, from: number, to: number): number[] {
  const base = L.depth[from]!;
  const out: number[] = [];
  for (let i = from; i < to; i++) if (L.depth[i] === base && L.isOp(i, '=')) out.push(i);
  return out;
}

/** `x += …` and friends at depth 0: the index of the operator, or -1. */
export function augmentedOp(L: PythonLexer, from: number, to: number): number {
  const base = L.depth[from]!;
  for (let i = from; i < to; i++) {
    if (L.depth[i] !== base || L.kind[i] !== OP) continue;
    const len = L.end[i]! - L.start[i]!;
    if (len < 2 || L.text.charCodeAt(L.end[i]! - 1) !== 61) continue;
    const t = L.tokenText(i);
    if (t !== '==' && t !== '!=' && t !== '<=' && t !== '>=' && t !== ':=') return i;
  }
  return -1;
}

/**
 * Names bound by an assignment target such as `a`, `a, (b, *c)`, `[d, e]`: names inside
 * subscripts and calls, and attribute chains, bind nothing at module scope.
 */
export function targetNames(L: PythonLexer, from: number, to: number): string[] {
  const out: string[] = [];
  const groups: boolean[] = [];
  for (let i = from; i < to; i++) {
    if (L.kind[i] === OP) {
      const c = L.text.charCodeAt(L.start[i]!);
      if (c === 40 || c === 91 || c === 123) {
        const prev = i > from ? i - 1 : -1;
        const subscript =
          prev >= 0 && ((L.kind[prev] === NAME && !KEYWORDS.has(L.tokenText(prev))) || L.isOp(prev, ')') || L.isOp(prev, ']') || L.kind[prev] === STRING);
        groups.push(c !== 123 && !subscript && (groups.length === 0 || groups[groups.length - 1]!));
      } else if (c === 41 || c === 93 || c === 125) groups.pop();
      continue;
    }
    if (L.kind[i] !== NAME || (groups.length > 0 && !groups[groups.length - 1])) continue;
    if (i > from && L.isOp(i - 1, '.')) continue;
    if (i + 1 < to && (L.isOp(i + 1, '.') || L.isOp(i + 1, '(') || L.isOp(i + 1, '['))) continue;
    const name = L.tokenText(i);
    if (!KEYWORDS.has(name)) out.push(name);
  }
  return out;
}

/** Whether `if` tokens in [from, to) are exactly `TYPE_CHECKING` or `name.TYPE_CHECKING`. */
export function isTypeCheckingTest(L: PythonLexer, from: number, to: number): boolean {
  if (to - from === 1) return L.isName(from, 'TYPE_CHECKING');
  return to - from === 3 && L.kind[from] === NAME && L.isOp(from + 1, '.') && L.isName(from + 2, 'TYPE_CHECKING');
}

/**
 * Whether an except clause (tokens after `except`, before the colon) catches a failed import:
 * ImportError or a base class, a bare except, or a module-level name bound to one of them.
 */
export function catchesImportError(L: PythonLexer, from: number, to: number, aliases: ReadonlySet<string> = new Set()): boolean {
  let i = from;
  if (L.isOp(i, '*')) i++;
  if (i >= to) return true;
  for (; i < to; i++) {
    if (L.isName(i, 'as')) break;
    if (L.kind[i] !== NAME || L.isOp(i + 1, '.')) continue;
    const name = L.tokenText(i);
    if (IMPORT_ERRORS.has(name) || aliases.has(name)) return true;
  }
  return false;
}

/** Whether tokens [from, to) name ImportError or ModuleNotFoundError (the value of an alias such as `E = X if c else ImportError`). */
export function mentionsImportError(L: PythonLexer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (L.isName(i, 'ImportError') || L.isName(i, 'ModuleNotFoundError')) return true;
  return false;
}

/** `with pytest.raises(…)`, `with self.assertRaises(…)`, `with raises(…)`: the body is expected to fail. */
export function expectsFailure(L: PythonLexer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (L.kind[i] !== NAME || !L.isOp(i + 1, '(')) continue;
    const name = L.tokenText(i);
    if (name === 'raises' || name.startsWith('assertRaises')) return true;
  }
  return false;
}

const PATH_TESTS = new Set(['exists', 'lexists', 'isfile', 'isdir', 'is_file', 'is_dir']);

/** An if test such as `os.path.isfile(p)` or `Path(p).exists()` (not a negated one): the body needs a file that may be absent. */
export function testsPathExists(L: PythonLexer, from: number, to: number): boolean {
  if (L.isName(from, 'not')) return false;
  for (let i = from; i < to; i++) if (L.kind[i] === NAME && L.isOp(i + 1, '(') && PATH_TESTS.has(L.tokenText(i)) && i > from && L.isOp(i - 1, '.')) return true;
  return false;
}

/** The last name of the dotted name starting at token i (a decorator's or a call's), with the index after it. */
function lastDottedName(L: PythonLexer, i: number, to: number): { name: string; next: number } | undefined {
  const d = dottedName(L, i, to);
  return d && { name: d.name.slice(d.name.lastIndexOf('.') + 1), next: d.next };
}

/** Decorators that say a test never runs or fails on purpose (not conditional skips: those tests run elsewhere). */
const SKIP_DECORATORS = new Set(['skip', 'SKIP', 'xfail', 'XFAIL', 'expectedFailure']);

/** `@pytest.mark.skip`, `@unittest.skip("…")`, `@pytest.mark.xfail(…)`, `@XFAIL`, `@unittest.expectedFailure` (tokens after the `@`). */
export function isSkipDecorator(L: PythonLexer, from: number, to: number): boolean {
  const last = lastDottedName(L, from, to);
  return Boolean(last && SKIP_DECORATORS.has(last.name) && (last.next === to || L.isOp(last.next, '(')));
}

/** A statement that is a call raising a skip: `self.skipTest(…)`, `pytest.skip(…)`, `skip(…)`. */
export function isSkipCall(L: PythonLexer, from: number, to: number): boolean {
  // The closing bracket first: it spares most statements building their dotted name.
  if (!L.isOp(to - 1, ')')) return false;
  const last = lastDottedName(L, from, to);
  if (!last || (last.name !== 'skipTest' && last.name !== 'skip') || !L.isOp(last.next, '(')) return false;
  // The call is the whole statement: nothing at its own depth between its brackets.
  for (let i = last.next + 1; i < to - 1; i++) if (L.depth[i] === L.depth[from]) return false;
  return true;
}

/** The literal strings of a list or tuple display in [from, to), or undefined if it is anything else. */
export function literalStrings(L: PythonLexer, from: number, to: number): string[] | undefined {
  if (from >= to) return undefined;
  const out: string[] = [];
  if (L.kind[from] === STRING && to - from === 1) {
    const v = L.stringValue(from);
    return v === undefined ? undefined : [v];
  }
  if (!L.isOp(from, '[') && !L.isOp(from, '(')) return undefined;
  for (let i = from; i < to; i++) {
    if (L.kind[i] === STRING) {
      const v = L.stringValue(i);
      if (v === undefined) return undefined;
      out.push(v);
    } else if (!(L.isOp(i, ',') || L.isOp(i, '[') || L.isOp(i, ']') || L.isOp(i, '(') || L.isOp(i, ')'))) return undefined;
  }
  return out;
}

/** A dotted name starting at token i: its text and the index after it. */
export function dottedName(L: PythonLexer, i: number, to: number): { name: string; next: number } | undefined {
  if (i >= to || L.kind[i] !== NAME) return undefined;
  const parts = [L.tokenText(i)];
  let j = i + 1;
  while (j + 1 < to && L.isOp(j, '.') && L.kind[j + 1] === NAME) {
    parts.push(L.tokenText(j + 1));
    j += 2;
  }
  return { name: parts.join('.'), next: j };
}

/**
 * The module named by a `sys.modules[…]` key starting at token i: `"a.b"`, `__name__ + ".x"`,
 * `f"{__name__}.x"` (`__spec__.name` for `__name__` too). A key built from a literal prefix and a
 * value (`"pkg.%s" % name`, `"pkg." + name`, `f"pkg.{name}"`, `"pkg.{}".format(name)`) names every
 * module under the prefix: `pkg.*`. The name is '' for the module itself.
 */
export function moduleKey(L: PythonLexer, i: number): { name: string; next: number } | undefined {
  if (L.kind[i] === STRING) {
    const v = L.stringValue(i);
    if (v !== undefined) {
      const formatted = /^([\w.]*\.)(?:%s|\{\w*\})/.exec(v);
      if (formatted && (L.isOp(i + 1, '%') || (L.isOp(i + 1, '.') && L.isName(i + 2, 'format')))) return { name: `${formatted[1]}*`, next: i + 1 };
      if (v.endsWith('.') && L.isOp(i + 1, '+')) return { name: `${v}*`, next: i + 1 };
      return { name: v, next: i + 1 };
    }
    const text = L.tokenText(i);
    const m = /^[fF]["'](\{__(?:name|spec__\.name)__\})?([\w.]+)["']$/.exec(text.replace('{__spec__.name}', '{__spec__.name__}'));
    if (m?.[1]) return { name: m[2]!, next: i + 1 };
    const prefix = /^[fF]["']([\w.]*\.)\{/.exec(text);
    if (prefix) return { name: `${prefix[1]}*`, next: i + 1 };
    return undefined;
  }
  let self = -1;
  if (L.isName(i, '__name__')) self = i + 1;
  else if (L.isName(i, '__spec__') && L.isOp(i + 1, '.') && L.isName(i + 2, 'name')) self = i + 3;
  if (self < 0) return undefined;
  if (L.isOp(self, '+')) {
    const v = L.stringValue(self + 1);
    if (v?.startsWith('.')) return v === '.' ? { name: '.*', next: self + 2 } : { name: v, next: self + 2 };
  }
  return { name: '', next: self };
}
