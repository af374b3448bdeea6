import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../core/finding.js';
import { ScalarMap } from './scalar-map.js';
import type { SourceFile } from './source-file.js';

/** More aliases than this in one file is treated as an alias bomb (billion laughs), not parsed further. */
export const MAX_ALIASES = 1000;

export interface YamlProblem {
  message: string;
  span: Span;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  problems: YamlProblem[];
}

/** Parses YAML keeping source ranges; syntax errors and alias bombs become problems with spans. */
export function parseYaml(file: SourceFile): ParsedYaml {
  const doc = parseDocument(file.text, { keepSourceTokens: true, uniqueKeys: false, strict: false, prettyErrors: false, lineCounter: new LineCounter() });
  const problems: YamlProblem[] = doc.errors.map((e) => ({ message: e.message.split('\n')[0]!, span: { start: e.pos[0], end: e.pos[1] } }));
  let aliases = 0;
  let firstAlias: Span | undefined;
  visit(doc, {
    Alias(_, node) {
      aliases++;
      firstAlias ??= spanOf(node);
      if (aliases > MAX_ALIASES) return visit.BREAK;
      return undefined;
    },
  });
  if (aliases > MAX_ALIASES) {
    problems.push({ message: `more than ${MAX_ALIASES} YAML aliases: refused as a possible alias bomb`, span: firstAlias ?? { start: 0, end: 0 } });
  }
  return { doc, problems };
}

export function spanOf(node: Node | Pair | null | undefined): Span {
  if (!node) return { start: 0, end: 0 };
  if (isPair(node)) {
    const k = node.key as Node | null;
    const v = node.value as Node | null;
    return { start: k?.range?.[0] ?? v?.range?.[0] ?? 0, end: v?.range?.[1] ?? k?.range?.[1] ?? 0 };
  }
  const r = node.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** Follows an alias to its anchored node, once (never recursively expanding). */
export function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

export function pairOf(doc: Document, map: unknown, key: string): Pair | undefined {
  const m = deref(doc, map);
  if (!isMap(m)) return undefined;
  for (const item of m.items) {
    const k = deref(doc, item.key);
    if (isScalar(k) && String(k.value) === key) return item;
  }
  return undefined;
}

export function valueOf(doc: Document, map: unknown, key: string): unknown {
  const p = pairOf(doc, map, key);
  return p ? deref(doc, p.value) : undefined;
}

export function mapOf(doc: Document, node: unknown): YAMLMap | undefined {
  const n = deref(doc, node);
  return isMap(n) ? n : undefined;
}

export function seqOf(doc: Document, node: unknown): YAMLSeq | undefined {
  const n = deref(doc, node);
  return isSeq(n) ? n : undefined;
}

/** A scalar value with its place in the file. */
export interface Str {
  value: string;
  span: Span;
  node: Scalar;
  /** Maps offsets in `value` back to the file. */
  map: ScalarMap;
}

export function strOf(doc: Document, node: unknown, file: SourceFile): Str | undefined {
  const n = deref(doc, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  return { value: String(n.value), span: spanOf(n), node: n, map: ScalarMap.of(n, file.text) };
}

export function strAt(doc: Document, map: unknown, key: string, file: SourceFile): Str | undefined {
  return strOf(doc, valueOf(doc, map, key), file);
}

/** Key → string value of a flat mapping such as `with:` or `env:`. */
export function strMap(doc: Document, node: unknown, file: SourceFile): Map<string, Str> {
  const out = new Map<string, Str>();
  const m = mapOf(doc, node);
  if (!m) return out;
  for (const item of m.items) {
    const k = deref(doc, item.key);
    if (!isScalar(k)) continue;
    const v = strOf(doc, item.value, file);
    if (v) out.set(String(k.value), v);
  }
  return out;
}

export function keyNames(doc: Document, node: unknown): string[] {
  const m = mapOf(doc, node);
  if (!m) return [];
  return m.items.map((i) => deref(doc, i.key)).filter(isScalar).map((k) => String(k.value));
}
