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
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    const rest = src.slice(i);
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      out += !inClass && ANCHORS[next] ? ANCHORS[next] : ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A `]` right after `[` or `[^` is a literal member, not the end of the class.
      const lit = /^\[\^?\]/.exec(rest);
      if (lit) {
        out += `${lit[0].includes('^') ? '^' : ''}\\]`;
        i += lit[0].length - 1;
      }
      continue;
    }
    const comment = /^\(\?#[^)]*\)/.exec(rest);
    const named = /^\(\?P<(\w+)>/.exec(rest);
    const backref = /^\(\?P=(\w+)\)/.exec(rest);
    const scoped = /^\(\?[aiLmsux]*(?:-[imsx]+)?:/.exec(rest);
    if (comment) out += '';
    else if (named) out += `(?<${named[1]}>`;
    else if (backref) out += `\\k<${backref[1]}>`;
    else if (scoped || rest.startsWith('(?>')) out += '(?:';
    else {
      out += ch;
      // A possessive quantifier: the `+` after a quantifier is dropped.
      if (/[*+?}]/.test(ch) && src[i + 1] === '+' && isQuantifierEnd(src, i)) i++;
      continue;
    }
    i += (comment ?? named ?? backref ?? scoped)?.[0].length ?? 3;
    i--;
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

/** Verbose mode: unescaped whitespace and `#…` comments outside character classes are not part of the pattern. */
function stripVerbose(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      out += ch + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    out += ch;
  }
  return out;
}
