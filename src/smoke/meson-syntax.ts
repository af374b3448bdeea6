/**
 * The pieces of meson's language that meson.ts evaluates: tokens, values, and the operations on
 * them (`+`, `/` path joins, flattening argument lists).
 */

import { joinPath as join } from './paths.js';

export type Value = { k: 'str'; v: string } | { k: 'list'; v: Value[] } | { k: 'dict'; v: Map<string, Value> } | { k: 'file'; path: string } | { k: 'unknown' };

export const UNKNOWN: Value = { k: 'unknown' };

export type Token = { t: 'str' | 'id' | 'num' | 'op' | 'nl'; v: string };

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '\n') {
      if (depth === 0 && out.length && out[out.length - 1]!.t !== 'nl') out.push({ t: 'nl', v: '\n' });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === "'") {
      const triple = text.startsWith("'''", i);
      const end = triple ? text.indexOf("'''", i + 3) : findQuote(text, i + 1);
      const stop = end < 0 ? text.length : end;
      out.push({ t: 'str', v: text.slice(i + (triple ? 3 : 1), stop).replace(/\\(.)/g, '$1') });
      i = stop + (triple ? 3 : 1);
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /\w/.test(text[j]!)) j++;
      out.push({ t: 'id', v: text.slice(i, j) });
      i = j;
    } else if (/\d/.test(c)) {
      let j = i + 1;
      while (j < text.length && /\w/.test(text[j]!)) j++;
      out.push({ t: 'num', v: text.slice(i, j) });
      i = j;
    } else {
      const two = text.slice(i, i + 2);
      const op = ['==', '!=', '<=', '>=', '+='].includes(two) ? two : c;
      if (op === '(' || op === '[' || op === '{') depth++;
      else if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1);
      out.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  out.push({ t: 'nl', v: '\n' });
  return out;
}

function findQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'" || text[i] === '\n') return i;
  }
  return -1;
}

export function add(a: Value, b: Value): Value {
  if (a.k === 'str' && b.k === 'str') return { k: 'str', v: a.v + b.v };
  if (a.k === 'list') return { k: 'list', v: [...a.v, ...(b.k === 'list' ? b.v : [b])] };
  if (a.k === 'dict' && b.k === 'dict') return { k: 'dict', v: new Map([...a.v, ...b.v]) };
  return UNKNOWN;
}

export function flatten(values: Value[]): Value[] {
  return values.flatMap((v) => (v.k === 'list' ? flatten(v.v) : [v]));
}

/** A meson path join: `a / b`; an absolute `b` stands alone (taken relative to the repository), climbing out stays at the top. */
export function joinPath(a: string, b: string): string {
  return b.startsWith('/') ? b.replace(/^\/+/, '') : (join(a, b) ?? '');
}

export function dotted(path: string): string {
  return path.split('/').filter(Boolean).join('.');
}
