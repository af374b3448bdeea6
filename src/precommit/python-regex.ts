/**
 * Compiles a Python regular expression (pre-commit's `files` / `exclude`) with JavaScript's engine
 * after translating the syntax Node 20 lacks: leading inline flags such as `(?x)` (verbose: spaces
 * and `#` comments removed), `(?P<n>…)`, `(?P=n)`, `(?#…)`, `\A` and `\Z`. Returns the error text
 * when the pattern does not compile, undefined when it does.
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

export function translatePythonRegex(pattern: string): { source: string; flags: string } {
  let src = pattern;
  let flags = '';
  const lead = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]!) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
    if (lead[1]!.includes('x')) src = stripVerbose(src);
  }
  src = src
    .replace(/\(\?#[^)]*\)/g, '')
    .replace(/\(\?P<(\w+)>/g, '(?<$1>')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  return { source: src, flags };
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
