/** Milestone ids (M01) and ranges (M15-M19, M15–M19) as they appear in prose. */
const ID_OR_RANGE = /\bM(\d{2,4})(?:\s*[-–]\s*M(\d{2,4}))?\b/g;

export function milestoneId(n: number, width = 2): string {
  return `M${String(n).padStart(width, '0')}`;
}

export interface IdMention {
  ids: string[];
  /** The text as written: `M15-M19` for a range. */
  text: string;
  index: number;
}

/** Every id or range in a piece of text, ranges expanded (M15-M19 → M15…M19). */
export function mentions(text: string): IdMention[] {
  const out: IdMention[] = [];
  for (const m of text.matchAll(ID_OR_RANGE)) {
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const width = m[1]!.length;
    const ids: string[] = [];
    // A reversed or absurd range is taken as the two ids it names, not expanded.
    if (to >= from && to - from <= 100) for (let n = from; n <= to; n++) ids.push(milestoneId(n, width));
    else ids.push(milestoneId(from, width), milestoneId(to, width));
    out.push({ ids, text: m[0], index: m.index! });
  }
  return out;
}

export function idsIn(text: string): string[] {
  return [...new Set(mentions(text).flatMap((m) => m.ids))];
}

/** Ids outside and inside parentheses: "M01 (smoke test first)" vs "None (or after M04)". */
export function splitByParentheses(text: string): { outside: string; inside: string } {
  let depth = 0;
  let outside = '';
  let inside = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (depth > 0) inside += ch;
    else outside += ch;
    if (ch === ')' && depth > 0) depth--;
  }
  return { outside, inside };
}
