import type { Fix, TextEdit } from './finding.js';

export interface ApplyResult {
  text: string;
  applied: Fix[];
  /** Fixes left for a later pass because they overlap an applied one. */
  deferred: Fix[];
  /** Fixes whose result no longer parses, with the parser's message. */
  rejected: { fix: Fix; reason: string }[];
}

/**
 * Returns an error message when the text does not parse (or no longer means what the original did
 * outside `edits`, given in the original text's offsets), undefined when it is good.
 */
export type Validator = (text: string, edits: readonly TextEdit[]) => string | undefined;

const byStart = (a: TextEdit, b: TextEdit) => a.start - b.start || a.end - b.end;

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two inserts at one point would be order-dependent, so they count as overlapping too.
  return a.start < b.end && b.start < a.end ? true : a.start === b.start && (a.start === a.end || b.start === b.end);
}

/**
 * Applies disjoint edits in one left-to-right pass. Slicing the whole text once per edit would
 * copy it N times: a fix run over a workflow with thousands of steps took seconds that way.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort(byStart);
  const parts: string[] = [];
  let at = 0;
  for (const e of ordered) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * The edits taken so far, kept sorted by start, so a new edit is checked against its neighbours
 * only. Taken edits never overlap one another, so their ends are sorted too.
 */
class TakenEdits {
  private readonly edits: TextEdit[] = [];

  /** Index of the first taken edit whose start is at or after `start`. */
  private lowerBound(start: number): number {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.edits[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  clashes(e: TextEdit): boolean {
    const i = this.lowerBound(e.start);
    // Neighbours on the left can reach over e.start; those on the right may start inside e or at it.
    if (i > 0 && overlaps(this.edits[i - 1]!, e)) return true;
    for (let j = i; j < this.edits.length && this.edits[j]!.start <= e.end; j++) if (overlaps(this.edits[j]!, e)) return true;
    return false;
  }

  add(e: TextEdit): void {
    this.edits.splice(this.lowerBound(e.start), 0, e);
  }
}

/**
 * Applies the non-overlapping subset of `fixes` to `text` (ESLint's source-code-fixer model) and
 * checks the result with `validate`. When the combined result does not parse, fixes are tried one
 * at a time so a single bad fix is dropped, not the whole batch.
 */
export function applyFixes(text: string, fixes: readonly Fix[], validate?: Validator): ApplyResult {
  const sorted = fixes.filter((f) => f.edits.length > 0).map((fix) => ({ fix, edits: [...fix.edits].sort(byStart) }));
  sorted.sort((a, b) => a.edits[0]!.start - b.edits[0]!.start);
  const accepted: Fix[] = [];
  const deferred: Fix[] = [];
  const taken = new TakenEdits();
  for (const { fix, edits } of sorted) {
    const internalOverlap = edits.some((e, i) => i > 0 && overlaps(edits[i - 1]!, e));
    if (internalOverlap || edits.some((e) => taken.clashes(e))) {
      deferred.push(fix);
      continue;
    }
    accepted.push(fix);
    for (const e of edits) taken.add(e);
  }
  const allEdits = accepted.flatMap((f) => f.edits);
  const all = applyTextEdits(text, allEdits);
  if (!validate || validate(all, allEdits) === undefined) return { text: all, applied: accepted, deferred, rejected: [] };

  // Fall back to one fix at a time; later fixes are shifted by earlier accepted ones.
  const rejected: { fix: Fix; reason: string }[] = [];
  const applied: Fix[] = [];
  let current = text;
  const kept: TextEdit[] = [];
  for (const fix of accepted) {
    const edits = [...kept, ...fix.edits];
    const candidate = applyTextEdits(text, edits);
    const reason = validate(candidate, edits);
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
