import { isAlias, isNode, visit, type Document } from 'yaml';
import type { Fix } from '../core/finding.js';
import { mayHaveAliases } from '../sources/yaml-source.js';

/** Byte ranges of the anchored nodes that an alias elsewhere repeats (`&x` … `*x`, `<<: *x`). */
export function sharedRanges(doc: Document, text: string): [number, number][] {
  // Most workflows have no aliases at all: skip the walk.
  if (!mayHaveAliases(text)) return [];
  const aliased = new Set<string>();
  visit(doc, { Alias: (_k, node) => void aliased.add(node.source) });
  if (aliased.size === 0) return [];
  const out: [number, number][] = [];
  visit(doc, {
    Node: (_k, node) => {
      if (isNode(node) && !isAlias(node) && node.anchor && aliased.has(node.anchor) && node.range) out.push([node.range[0], node.range[1]]);
    },
  });
  return out;
}

/**
 * A fix that edits inside a shared anchored node changes every alias of it too, which its finding
 * did not ask for: it stays in the report as an unsafe fix, which `fix` never applies and reporters
 * do not mark [fixable].
 */
export function guardShared(fix: Fix | undefined, shared: readonly [number, number][]): Fix | undefined {
  if (!fix || shared.length === 0 || fix.safety !== 'safe') return fix;
  const inside = fix.edits.some((e) => shared.some(([s, end]) => e.start < end && s < Math.max(e.end, e.start + 1)));
  return inside ? { ...fix, safety: 'unsafe', title: `${fix.title} (not applied: the value is anchored, and its aliases would change with it)` } : fix;
}
