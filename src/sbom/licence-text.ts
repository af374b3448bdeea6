/** Word-bigram multisets of licence texts, compared with the Dice coefficient (as askalono does). */
export interface Bigrams {
  counts: Map<string, number>;
  total: number;
}

const SPELLING: [RegExp, string][] = [
  [/\blicen[cs]e(s|d)?\b/g, 'license$1'],
  [/\bauthori[sz]ed\b/g, 'authorized'],
  [/\bcopyright holders?\b/g, 'copyright holder'],
  [/\bnon[- ]?infringement\b/g, 'noninfringement'],
  [/\bwhether\b/g, 'whether'],
];

/**
 * Lower-cases, drops copyright lines and template placeholders (`<year>`, `[yyyy]`), unifies
 * spelling, and keeps only words: what differs between two copies of the same licence.
 */
export function normaliseLicenceText(text: string): string[] {
  let t = text
    .split(/\r?\n/)
    .filter((l) => !/^\W*(copyright\b|\(c\)|©|all rights reserved)/i.test(l.trim()))
    .join('\n')
    .toLowerCase()
    .replace(/<[^>\n]{1,60}>/g, ' ')
    .replace(/\[[^\]\n]{1,40}\]/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
  for (const [re, to] of SPELLING) t = t.replace(re, to);
  return t.replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
}

export function bigrams(words: readonly string[]): Bigrams {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < words.length; i++) {
    const k = `${words[i]} ${words[i + 1]}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { counts, total: Math.max(0, words.length - 1) };
}

/** 2·|A∩B| / (|A|+|B|) over multisets; 0 for two empty texts. */
export function dice(a: Bigrams, b: Bigrams): number {
  if (a.total + b.total === 0) return 0;
  const [small, large] = a.counts.size < b.counts.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [k, n] of small.counts) {
    const m = large.counts.get(k);
    if (m) shared += Math.min(n, m);
  }
  return (2 * shared) / (a.total + b.total);
}

/** The best Dice two texts of these sizes could reach: lets the matcher skip hopeless candidates. */
export function diceCeiling(a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * Math.min(a, b)) / (a + b);
}
