import type { Fix, TextEdit } from './finding.js';

export interface ApplyResult {
  text: string;
  applied: Fix[];
  /** Fixes left for a later pass because they overlap an applied one. */
  deferred: Fix[];
  /** Fixes whose result no longer parses, with the parser's message. */
  rejected: { fix: Fix; reason: string }[];
}

/** Returns an error message when the text does not parse, undefined when it does. */
export type Validator = (text: string) => string | undefined;

function sortedEdits(fix: Fix): TextEdit[] {
  return [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two inserts at one point would be order-dependent, so they count as overlapping too.
  return a.start < b.end && b.start < a.end ? true : a.start === b.start && (a.start === a.end || b.start === b.end);
}

/** Applies edits that are already sorted and disjoint, from the end so offsets stay valid. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of ordered) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * Applies the non-overlapping subset of `fixes` to `text` (ESLint's source-code-fixer model) and
 * checks the result with `validate`. When the combined result does not parse, fixes are tried one
 * at a time so a single bad fix is dropped, not the whole batch.
 */
export function applyFixes(text: string, fixes: readonly Fix[], validate?: Validator): ApplyResult {
  const ordered = [...fixes].sort((a, b) => sortedEdits(a)[0]!.start - sortedEdits(b)[0]!.start);
  const accepted: Fix[] = [];
  const deferred: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const fix of ordered) {
    if (fix.edits.length === 0) continue;
    const edits = sortedEdits(fix);
    const internalOverlap = edits.some((e, i) => i > 0 && overlaps(edits[i - 1]!, e));
    if (internalOverlap || edits.some((e) => taken.some((t) => overlaps(t, e)))) {
      deferred.push(fix);
      continue;
    }
    accepted.push(fix);
    taken.push(...edits);
  }
  const all = applyTextEdits(text, accepted.flatMap((f) => f.edits));
  if (!validate || validate(all) === undefined) return { text: all, applied: accepted, deferred, rejected: [] };

  // Fall back to one fix at a time; later fixes are shifted by earlier accepted ones.
  const rejected: { fix: Fix; reason: string }[] = [];
  const applied: Fix[] = [];
  let current = text;
  const kept: TextEdit[] = [];
  for (const fix of accepted) {
    const candidate = applyTextEdits(text, [...kept, ...fix.edits]);
    const reason = validate(candidate);
    if (reason === undefined) {
      kept.push(...fix.edits);
      applied.push(fix);
      current = candidate;
    } else {
      rejected.push({ fix, reason });
    }
  }
  return { text: current, applied, deferred, rejected };
}
