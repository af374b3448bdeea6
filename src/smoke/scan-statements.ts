import { NAME, OP, STRING, type PythonLexer } from './lexer.js';

/** Python's hard keywords: never a binding target. */
export const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
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
        const subscript = prev >= 0 && ((L.kind[prev] === NAME && !KEYWORDS.has(L.tokenText(prev))) || L.isOp(prev, ')') || L.isOp(prev, ']') || L.kind[prev] === STRING);
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

/** Whether an except clause (tokens after `except`, before the colon) catches a failed import. */
export function catchesImportError(L: PythonLexer, from: number, to: number): boolean {
  let i = from;
  if (L.isOp(i, '*')) i++;
  if (i >= to) return true;
  for (; i < to; i++) {
    if (L.isName(i, 'as')) break;
    if (L.kind[i] === NAME && IMPORT_ERRORS.has(L.tokenText(i)) && !L.isOp(i + 1, '.')) return true;
  }
  return false;
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

/** The module named by a `sys.modules[…]` key starting at token i (`"a.b"`, `__name__ + ".x"`, `f"{__name__}.x"`). */
export function moduleKey(L: PythonLexer, i: number): { name: string; next: number } | undefined {
  if (L.kind[i] === STRING) {
    const v = L.stringValue(i);
    if (v !== undefined) return { name: v, next: i + 1 };
    const m = /^[fF]["'](\{__name__\})?([\w.]+)["']$/.exec(L.tokenText(i));
    if (m?.[1]) return { name: m[2]!, next: i + 1 };
    return undefined;
  }
  if (L.isName(i, '__name__') && L.isOp(i + 1, '+')) {
    const v = L.stringValue(i + 2);
    if (v !== undefined && v.startsWith('.')) return { name: v, next: i + 3 };
  }
  if (L.isName(i, '__name__')) return { name: '', next: i + 1 };
  return undefined;
}
