/**
 * Compiles a Python regular expression (pre-commit's `files` / `exclude`) with JavaScript's engine
 * after translating the syntax Node 20 lacks. Returns the error text when the pattern does not
 * compile, undefined when it does.
 */
export function pythonRegexError(pattern: string): string | undefined {
  const translated = translatePythonRegex(pattern);
  try {
    new RegExp(translated.source, translated.flags);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

/** Python anchors and their exact JavaScript equivalents (`^`/`$` would also match at line ends under `m`). */
const ANCHORS: Record<string, string> = { A: '(?<![\\s\\S])', Z: '(?![\\s\\S])' };

/**
 * Python's syntax in JavaScript's, read token by token so escapes stay escapes (`\\A` is a
 * backslash and an A, not an anchor): leading global flags (`(?x)` verbose: spaces and `#` comments
 * removed), `(?P<n>…)`, `(?P=n)`, `(?#…)`, `\A`, `\Z`, and Python 3.11's scoped flags `(?i:…)`,
 * atomic groups `(?>…)` and possessive quantifiers (`a*+`). JavaScript on Node 20 has none of the
 * last three: they become plain groups and quantifiers, which compile exactly when Python's do and
 * match at least what Python matches — the translation decides validity, it is not a matcher.
 */
export function translatePythonRegex(pattern: string): { source: string; flags: string } {
  let src = pattern;
  let flags = '';
  const lead = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    if (lead[1]!.includes('x')) src = stripVerbose(src);
  }
  let out = '';
  for (let i = 0; i < src.length; ) {
    const tok = tokenAt(src, i);
    if (tok.kind === 'escape') out += ANCHORS[tok.text[1] ?? ''] ?? tok.text;
    // A `]` first in a class is a member in Python; JavaScript reads `[]` as an empty class.
    else if (tok.kind === 'class') out += tok.text.replace(/^\[(\^?)\]/, '[$1\\]');
    else {
      const rest = src.slice(i);
      const comment = /^\(\?#[^)]*\)/.exec(rest);
      const named = /^\(\?P<(\w+)>/.exec(rest);
      const backref = /^\(\?P=(\w+)\)/.exec(rest);
      const scoped = /^\(\?[aiLmsux]*(?:-[imsx]+)?:/.exec(rest) ?? /^\(\?>/.exec(rest);
      const group = comment ?? named ?? backref ?? scoped;
      if (group) {
        out += named ? `(?<${named[1]}>` : backref ? `\\k<${backref[1]}>` : scoped ? '(?:' : '';
        i += group[0].length;
        continue;
      }
      out += tok.text;
      // A possessive quantifier: the `+` after a quantifier is dropped.
      if (/[*+?}]/.test(tok.text) && src[i + 1] === '+' && isQuantifierEnd(src, i)) i++;
    }
    i += tok.text.length;
  }
  return { source: out, flags };
}

/** Whether the `*`, `+`, `?` or `}` at `i` ends a quantifier (not a lazy `?` after one, not a literal brace). */
function isQuantifierEnd(src: string, i: number): boolean {
  const ch = src[i]!;
  if (ch === '}') return /\{\d*(,\d*)?$/.test(src.slice(0, i));
  if (ch === '?' && i > 0 && /[*+?}]/.test(src[i - 1]!) && src[i - 2] !== '\\') return false; // `a??`, `a*?` is lazy
  return !(i > 0 && src[i - 1] === '(');
}

/** The token of a pattern at `i`: an escape (`\x`), a whole character class (`[…]`), or one character. */
function tokenAt(src: string, i: number): { kind: 'escape' | 'class' | 'char'; text: string } {
  if (src[i] === '\\') return { kind: 'escape', text: src.slice(i, i + 2) };
  if (src[i] === '[') {
    let j = i + 1;
    if (src[j] === '^') j++;
    if (src[j] === ']') j++; // a `]` first is a member, not the end
    while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
    return { kind: 'class', text: src.slice(i, j + 1) };
  }
  return { kind: 'char', text: src[i]! };
}

/** Verbose mode: unescaped whitespace and `#…` comments outside character classes are not part of the pattern. */
function stripVerbose(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const tok = tokenAt(src, i);
    if (tok.kind === 'char' && /\s/.test(tok.text)) i++;
    else if (tok.kind === 'char' && tok.text === '#') while (i < src.length && src[i] !== '\n') i++;
    else {
      out += tok.text;
      i += tok.text.length;
    }
  }
  return out;
}
