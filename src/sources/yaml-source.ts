import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Span } from '../core/finding.js';
import { ScalarMap } from './scalar-map.js';
import { joinFlowCollection, UNDER_INDENTED_FLOW } from './flow-join.js';
import type { SourceFile } from './source-file.js';

/**
 * A document whose aliases would expand to more nodes than this is refused as an alias bomb
 * ("billion laughs"); the tree itself is never expanded, but consumers such as the schema check
 * may expand it.
 */
export const MAX_EXPANDED_NODES = 100_000;

/**
 * Could the text hold an anchor (`&name`) and an alias (`*name`)? Both come after a space, a line
 * start, a flow indicator or the `:` of a JSON-like key (`{"a":&x [1]}`), and YAML's white space
 * is only space and tab, so a name may start with `&` or a no-break space. A bomb needs both; when
 * either is missing the expanded-size walk is skipped. Shell `&&` and globs in scripts only make
 * the test say yes more often than needed (65 of the 1,503 real-world workflows).
 */
const ANCHOR = /(?:^|[ \t\r\n[{,:])&[^ \t\r\n]/;
const ALIAS = /(?:^|[ \t\r\n[{,:])\*[^ \t\r\n]/;

export interface YamlProblem {
  message: string;
  span: Span;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  problems: YamlProblem[];
}

/**
 * Parses YAML keeping source ranges; syntax errors and alias bombs become problems with spans.
 * `failsafe` keeps every scalar a string (no tag resolution per scalar): the workflow models compare
 * text anyway, and it is the cheapest way through the `yaml` composer. Other callers get the usual
 * core schema, where `true` is a boolean.
 */
/** Whether a text can hold an alias: it needs an anchor and an alias token (`&x`, `*x`). Most workflows have neither. */
export function mayHaveAliases(text: string): boolean {
  return ANCHOR.test(text) && ALIAS.test(text);
}

export function parseYaml(file: SourceFile, schema: 'core' | 'failsafe' = 'core'): ParsedYaml {
  const options = { uniqueKeys: false, strict: false, prettyErrors: false, schema } as const;
  let doc = parseDocument(file.text, options);
  // A flow collection that only GitHub's more lenient parser reads: parse it joined onto one line
  // (same offsets), and keep that reading only when it ends clean.
  let joinedDoc = doc;
  for (let text = file.text, tries = 0; tries < 16 && UNDER_INDENTED_FLOW.test(joinedDoc.errors[0]?.message ?? ''); tries++) {
    const joined = joinFlowCollection(text, joinedDoc.errors[0]!.pos[0]);
    const again = joined === undefined ? undefined : parseDocument(joined, options);
    if (!again || again.errors.length >= joinedDoc.errors.length) break;
    [text, joinedDoc] = [joined!, again];
  }
  if (joinedDoc !== doc && joinedDoc.errors.length === 0) doc = joinedDoc;
  const problems: YamlProblem[] = doc.errors.map((e) => ({ message: e.message.split('\n')[0]!, span: { start: e.pos[0], end: e.pos[1] } }));
  if (mayHaveAliases(file.text)) {
    const bomb = aliasBomb(doc);
    if (bomb)
      problems.push({ message: `aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes: refused as a possible alias bomb`, span: bomb });
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
  /** Maps offsets in `value` back to the file (computed on first use). */
  readonly map: ScalarMap;
}

export function strOf(doc: Document, node: unknown, file: SourceFile): Str | undefined {
  const n = deref(doc, node);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  // Most values never need their offsets mapped (only scripts with findings and fixes do): map on first use.
  let map: ScalarMap | undefined;
  return {
    value: String(n.value),
    span: spanOf(n),
    node: n,
    get map() {
      return (map ??= ScalarMap.of(n, file.text));
    },
  };
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
  return m.items
    .map((i) => deref(doc, i.key))
    .filter(isScalar)
    .map((k) => String(k.value));
}

/** The span of the first alias when the document's expanded size passes the limit (memoised, linear). */
function aliasBomb(doc: Document): Span | undefined {
  const sizes = new Map<unknown, number>();
  let first: Span | undefined;
  const size = (node: unknown, depth: number): number => {
    if (depth > 200) return MAX_EXPANDED_NODES + 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let n = 1;
    if (isAlias(node)) {
      first ??= spanOf(node);
      n = size(node.resolve(doc), depth + 1);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items as unknown[]) {
        n += isPair(item) ? size(item.key, depth + 1) + size(item.value, depth + 1) : size(item, depth + 1);
        if (n > MAX_EXPANDED_NODES) break;
      }
    }
    sizes.set(node, n);
    return n;
  };
  return size(doc.contents, 0) > MAX_EXPANDED_NODES ? first : undefined;
}
