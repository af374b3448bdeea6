/**
 * Where Python string literals end: every prefix, triple quotes, PEP 701 f-strings whose fields
 * hold nested strings. Bad literals become problems, never exceptions.
 */
import { isNameChar } from './python-chars.js';

export interface Problem {
  offset: number;
  message: string;
}

const MAX_FSTRING_NESTING = 50;

/** Skips a string literal whose opening quote is at `q`; returns the offset after its end. */
export function skipString(text: string, problems: Problem[], q: number, format: boolean, nesting: number, raw = false): number {
  const n = text.length;
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  if (triple && !format) return skipPlainTriple(text, problems, q);
  let p = q + (triple ? 3 : 1);
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === 92) {
      const next = text.charCodeAt(p + 1);
      // In an f-string a backslash never hides a brace, and `\N{NAME}` is one escape.
      if (format && (next === 123 || next === 125)) p++;
      else if (format && !raw && next === 78 && text.charCodeAt(p + 2) === 123) p = Math.max(p + 3, text.indexOf('}', p) + 1);
      // A backslash before CRLF continues the line like one before LF (Python reads CRLF as one newline).
      else p += next === 13 && text.charCodeAt(p + 2) === 10 ? 3 : 2;
    } else if (c === quote) {
      if (!triple) return p + 1;
      if (text.charCodeAt(p + 1) === quote && text.charCodeAt(p + 2) === quote) return p + 3;
      p++;
    } else if ((c === 10 || c === 13) && !triple) {
      problems.push({ offset: q, message: 'unterminated string literal' });
      return p;
    } else if (format && c === 123) {
      if (text.charCodeAt(p + 1) === 123) p += 2;
      else p = skipReplacementField(text, problems, p + 1, nesting + 1);
    } else p++;
  }
  problems.push({ offset: q, message: triple ? 'unterminated triple-quoted string literal' : 'unterminated string literal' });
  return n;
}

/** A triple-quoted string without fields (most docstrings): jump from quote to quote. */
function skipPlainTriple(text: string, problems: Problem[], q: number): number {
  const quote = text[q]!;
  for (let p = q + 3; ; ) {
    const at = text.indexOf(quote, p);
    if (at < 0) break;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0 && text.charCodeAt(at + 1) === text.charCodeAt(at) && text.charCodeAt(at + 2) === text.charCodeAt(at)) return at + 3;
    p = at + 1;
  }
  problems.push({ offset: q, message: 'unterminated triple-quoted string literal' });
  return text.length;
}

/** Skips the code of an f-string `{…}` field (strings may nest, PEP 701) and its format spec. */
function skipReplacementField(text: string, problems: Problem[], start: number, nesting: number): number {
  const n = text.length;
  if (nesting > MAX_FSTRING_NESTING) {
    problems.push({ offset: start, message: 'f-strings nested too deeply' });
    const close = text.indexOf('}', start);
    return close < 0 ? n : close + 1;
  }
  let depth = 0;
  let p = start;
  while (p < n) {
    const c = text.charCodeAt(p);
    if (c === 34 || c === 39) {
      let b = p;
      while (b > start && isNameChar(text.charCodeAt(b - 1))) b--;
      const prefixed = b < p && isStringPrefix(text, b, p);
      p = skipString(text, problems, p, prefixed && isFormatPrefix(text, b, p), nesting, prefixed && isRawPrefix(text, b, p));
    } else if (c === 40 || c === 91 || c === 123) {
      depth++;
      p++;
    } else if (c === 41 || c === 93) {
      depth--;
      p++;
    } else if (c === 125) {
      if (depth === 0) return p + 1;
      depth--;
      p++;
    } else if (c === 58 && depth === 0 && text.charCodeAt(p + 1) !== 61) {
      return skipFormatSpec(text, problems, p + 1, nesting);
    } else p++;
  }
  return n;
}

function skipFormatSpec(text: string, problems: Problem[], start: number, nesting: number): number {
  for (let p = start; p < text.length; ) {
    const c = text.charCodeAt(p);
    if (c === 125) return p + 1;
    if (c === 123) p = skipReplacementField(text, problems, p + 1, nesting + 1);
    else if (c === 10 || c === 34 || c === 39)
      return p; // let the enclosing string decide
    else p++;
  }
  return text.length;
}

/** r, u, b, f, t and their two-letter combinations, any case. */
export function isStringPrefix(text: string, p: number, q: number): boolean {
  const s = text.slice(p, q).toLowerCase();
  return s === 'r' || s === 'u' || s === 'b' || s === 'f' || s === 't' || s === 'br' || s === 'rb' || s === 'fr' || s === 'rf' || s === 'tr' || s === 'rt';
}

export function isRawPrefix(text: string, p: number, q: number): boolean {
  return text.slice(p, q).toLowerCase().includes('r');
}

export function isFormatPrefix(text: string, p: number, q: number): boolean {
  const s = text.slice(p, q).toLowerCase();
  return s.includes('f') || s.includes('t');
}
