import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { TextEdit } from '../core/finding.js';

/**
 * Why the fixed document does not mean what the original meant outside the edited bytes, or
 * undefined when it does. A fix is text edits, so a text that still parses can still say something
 * else: deleting the line of `continue-on-error: &x true` leaves `*x` elsewhere pointing at nothing,
 * and changing that value changes every `*x` with it. The two documents are walked together; a value
 * may differ only where an edit touches its bytes (or, for an added or removed key, its mapping).
 */
export function unintendedChange(before: Document, beforeText: string, after: Document, edits: readonly TextEdit[]): string | undefined {
  const lineOf = (offset: number) => beforeText.slice(0, offset).split('\n').length;
  const touched = (node: { range?: [number, number, number] | null } | null | undefined): boolean => {
    const r = node?.range;
    if (!r) return false;
    // From the start of the node's line, so a line inserted above a mapping's first key counts.
    const start = beforeText.lastIndexOf('\n', r[0] - 1) + 1;
    return edits.some((e) => (e.start === e.end ? e.start >= start && e.start <= r[1] : e.start < r[1] && start < e.end));
  };
  const json = (doc: Document, node: unknown): string | undefined => {
    try {
      return JSON.stringify(isNode(node) ? node.toJS(doc) : (node ?? null));
    } catch {
      return undefined; // too many aliases to expand: never "equal"
    }
  };

  function walk(b: unknown, a: unknown, path: string): string | undefined {
    if (isAlias(b) || isAlias(a)) {
      // What an alias means is decided where its anchor is: any change there that this alias did
      // not ask for is a change elsewhere in the file.
      const same = deepEqual(before, b, after, a);
      if (same || touched(b as Node)) return undefined;
      const at = (b as Node).range ? ` (line ${lineOf((b as Node).range![0])})` : '';
      return `${path}${at} would change meaning: ${isAlias(b) ? `it aliases *${b.source}, whose anchored value the fix edits` : 'it is no longer the alias it was'}`;
    }
    if (isMap(b) && isMap(a)) {
      const keyOf = (k: unknown) => String(isScalar(k) ? k.value : k);
      const after = new Map(a.items.map((p) => [keyOf(p.key), p]));
      for (const pb of b.items) {
        const k = keyOf(pb.key);
        const pa = after.get(k);
        after.delete(k);
        if (!pa) {
          if (!touched(pb.key as Node) && !touched(pb.value as Node)) return `${path}.${k} would disappear, though no edit touches it`;
          continue;
        }
        const why = walk(pb.value, pa.value, `${path}.${k}`);
        if (why) return why;
      }
      if (after.size > 0 && !touched(b)) return `${path}.${[...after.keys()][0]} would appear, though no edit touches ${path}`;
      return undefined;
    }
    if (isSeq(b) && isSeq(a)) {
      if (b.items.length !== a.items.length) return touched(b) ? undefined : `${path} would change length, though no edit touches it`;
      for (let i = 0; i < b.items.length; i++) {
        const why = walk(b.items[i], a.items[i], `${path}[${i}]`);
        if (why) return why;
      }
      return undefined;
    }
    if (isScalar(b) && isScalar(a))
      return b.value === a.value || touched(b)
        ? undefined
        : `${path} would change from ${JSON.stringify(b.value)} to ${JSON.stringify(a.value)}, though no edit touches it`;
    if (isPair(b) || isPair(a)) return undefined;
    // A node of another kind: only where the edits were.
    return b === a || (b === null && a === null) || touched(b as Node) ? undefined : `${path} would change kind, though no edit touches it`;
  }

  function deepEqual(db: Document, b: unknown, da: Document, a: unknown): boolean {
    const x = json(db, b);
    return x !== undefined && x === json(da, a);
  }

  return walk(before.contents, after.contents, '$');
}
