/**
 * Word-bigram multisets of licence texts, compared with the Dice coefficient (as askalono does).
 * A bigram is one number (two word ids) and the multiset is those numbers sorted, so two texts are
 * compared by one merge, without hashing strings.
 */
export interface Bigrams {
  /** Bigram keys, ascending; a repeated bigram appears once per occurrence. */
  keys: Float64Array;
  total: number;
}

const SPELLING: [RegExp, string][] = [
  [/\blicen[cs]e(s|d)?\b/g, 'license$1'],
  [/\bauthori[sz]ed\b/g, 'authorized'],
  [/\bcopyright holders?\b/g, 'copyright holder'],
  [/\bnon[- ]?infringement\b/g, 'noninfringement'],
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
  return t.match(/[a-z0-9]+/g) ?? [];
}

/** Word ids shared by every text this process compares; 2^26 of them keep two ids exact in one double. */
const wordIds = new Map<string, number>();
const ID_SPACE = 2 ** 26;

function wordId(w: string): number {
  let id = wordIds.get(w);
  if (id === undefined) {
    id = wordIds.size;
    wordIds.set(w, id);
  }
  return id;
}

export function bigrams(words: readonly string[]): Bigrams {
  const keys = new Float64Array(Math.max(0, words.length - 1));
  let prev = words.length ? wordId(words[0]!) : 0;
  for (let i = 1; i < words.length; i++) {
    const cur = wordId(words[i]!);
    keys[i - 1] = prev * ID_SPACE + cur;
    prev = cur;
  }
  keys.sort();
  return { keys, total: keys.length };
}

/** 2·|A∩B| / (|A|+|B|) over multisets; 0 for two empty texts. */
export function dice(a: Bigrams, b: Bigrams): number {
  if (a.total + b.total === 0) return 0;
  const x = a.keys;
  const y = b.keys;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    if (p === q) {
      shared++;
      i++;
      j++;
    } else if (p < q) i++;
    else j++;
  }
  return (2 * shared) / (a.total + b.total);
}

/** The best Dice two texts of these sizes could reach: lets the matcher skip hopeless candidates. */
export function diceCeiling(a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * Math.min(a, b)) / (a + b);
}
