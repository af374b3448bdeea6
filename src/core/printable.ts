/**
 * Control characters a repository's text may carry (a step name, a file name, a message quoting
 * either): C0 controls but tab, DEL, C1 controls, the Unicode line and paragraph separators and
 * the bidirectional overrides that make text read differently from what it is ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\x1b': '\\e' };

function escape(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text safe to print on one line of a terminal or a CI log: every control character shown as an
 * escape (`\e`, `\n`, `\x07`, `\u202e`), so a step name cannot move the cursor, recolour the log
 * or start a line of its own such as `::error ::…` that GitHub would read as a command.
 */
export function printable(s: string): string {
  return s.replace(UNSAFE, escape);
}

/** Like printable, but keeps line breaks, which the caller escapes its own way (GitHub's %0A). */
export function printableKeepingBreaks(s: string): string {
  return s.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\r' ? ch : escape(ch)));
}
