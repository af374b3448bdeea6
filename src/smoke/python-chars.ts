/** Character classes and line structure of Python source, by UTF-16 code unit. */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && c !== 0xa0 && c !== 0xfeff);
}

export function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/** The offset after the line break (`\n`, `\r\n` or `\r`) at p. */
export function afterLineBreak(text: string, p: number): number {
  return p + (text.charCodeAt(p) === 13 && text.charCodeAt(p + 1) === 10 ? 2 : 1);
}

/** Where the comment starting at p ends: at its line break (before a `\r\n`), or at the end of the text. */
export function commentEnd(text: string, p: number): number {
  const nl = text.indexOf('\n', p);
  if (nl < 0) return text.length;
  return text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** Words grouped by length, for `wordAt`. */
export type WordTable = readonly (readonly string[])[];

export function wordTable(words: Iterable<string>): WordTable {
  const table: string[][] = [];
  for (const w of words) (table[w.length] ??= []).push(w);
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}

/**
 * The name starting at p when it is one of `words` (the table's own string), '' for any other
 * name, undefined when no name starts there. Compared in place: cutting the first name of every
 * line out of the text cost an allocation per line, and the garbage collector's time with it.
 */
export function wordAt(text: string, p: number, words: WordTable): string | undefined {
  if (!isNameStart(text.charCodeAt(p))) return undefined;
  let q = p + 1;
  while (q < text.length && isNameChar(text.charCodeAt(q))) q++;
  const candidates = words[q - p];
  if (candidates === undefined) return '';
  for (let i = 0; i < candidates.length; i++) if (text.startsWith(candidates[i]!, p)) return candidates[i];
  return '';
}
