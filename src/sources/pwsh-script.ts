/**
 * A small reader of PowerShell scripts: statements, the blocks they open (`if (…) { … } else { … }`,
 * `ForEach-Object { … }`, `try { … } catch { … }`) and their place in the text. It knows comments
 * (`#`, `<# … #>`), strings ('…', "…", here-strings), backtick line continuations and lines that go
 * on after `|`; enough to tell which native programs a script runs, in what order, and which
 * statements look at `$LASTEXITCODE`. There is no PowerShell grammar on npm with a wasm build.
 */
export interface PwshStatement {
  start: number;
  end: number;
  /** The statement without its blocks' contents. */
  head: string;
  blocks: PwshBlock[];
}

export interface PwshBlock {
  /** The keyword or command the block belongs to (`if`, `else`, `foreach-object`, `try`, `&`). */
  owner: string;
  statements: PwshStatement[];
  start: number;
  end: number;
}

class Reader {
  constructor(
    readonly s: string,
    public i = 0,
  ) {}

  /** Skips a comment, string or here-string starting at i; returns whether it did. */
  skipAtom(): boolean {
    const { s } = this;
    const c = s[this.i];
    if (c === '<' && s[this.i + 1] === '#') {
      const end = s.indexOf('#>', this.i + 2);
      this.i = end < 0 ? s.length : end + 2;
      return true;
    }
    if (c === '#') {
      const nl = s.indexOf('\n', this.i);
      this.i = nl < 0 ? s.length : nl;
      return true;
    }
    if (c === '@' && (s[this.i + 1] === '"' || s[this.i + 1] === "'") && /^\r?\n/.test(s.slice(this.i + 2, this.i + 4))) {
      const close = new RegExp(`\\n${s[this.i + 1]}@`, 'g');
      close.lastIndex = this.i + 2;
      const m = close.exec(s);
      this.i = m ? m.index + 3 : s.length;
      return true;
    }
    // `@{ Key = value … }` is a hashtable literal, a value: its lines are not statements.
    if (c === '@' && s[this.i + 1] === '{') {
      this.i = this.skipSubexpression(this.i + 1, '{', '}');
      return true;
    }
    if (c === "'") {
      let j = this.i + 1;
      while (j < s.length) {
        if (s[j] === "'" && s[j + 1] === "'") j += 2;
        else if (s[j] === "'") break;
        else j++;
      }
      this.i = Math.min(j + 1, s.length);
      return true;
    }
    if (c === '"') {
      let j = this.i + 1;
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '`') j += 2;
        else if (s[j] === '$' && s[j + 1] === '(') j = this.skipSubexpression(j + 1);
        else j++;
      }
      this.i = Math.min(j + 1, s.length);
      return true;
    }
    return false;
  }

  /** From an opening `(` (or `{`), past its closing one, across nested strings (`"$(tool "$x")"`). */
  skipSubexpression(open: number, openChar = '(', closeChar = ')'): number {
    const { s } = this;
    let depth = 0;
    let j = open;
    while (j < s.length) {
      const c = s[j]!;
      if (c === openChar) depth++;
      else if (c === closeChar) {
        depth--;
        if (depth === 0) return j + 1;
      } else if (c === '"' || c === "'") {
        const saved = this.i;
        this.i = j;
        this.skipAtom();
        j = this.i;
        this.i = saved;
        continue;
      }
      j++;
    }
    return j;
  }
}

/** Words after which a statement goes on to the next line. */
const CONTINUES = /(\||-and|-or|-not|,|=|\+|\()\s*$/i;
const FOLLOWERS = /^(else|elseif|catch|finally|until|while)\b/i;

function readBlock(r: Reader, close: string | undefined): PwshStatement[] {
  const out: PwshStatement[] = [];
  const { s } = r;
  for (;;) {
    while (r.i < s.length && /[\s;]/.test(s[r.i]!)) r.i++;
    if (r.i >= s.length) return out;
    if (close && s[r.i] === close) {
      r.i++;
      return out;
    }
    // A `}` that closes nothing (a stray brace at the top, or `${{ … }}` left unmasked) is skipped:
    // reading a statement there would stop at once and never move on.
    if (!close && s[r.i] === '}') {
      r.i++;
      continue;
    }
    if (s[r.i] === '#' || (s[r.i] === '<' && s[r.i + 1] === '#')) {
      r.skipAtom();
      continue;
    }
    const before = r.i;
    const statement = readStatement(r);
    if (r.i === before)
      r.i++; // never stand still on text the reader does not know
    else out.push(statement);
  }
}

function readStatement(r: Reader): PwshStatement {
  const { s } = r;
  const start = r.i;
  const blocks: PwshBlock[] = [];
  let head = '';
  let parens = 0;
  while (r.i < s.length) {
    const c = s[r.i]!;
    if (c === '`' && (s[r.i + 1] === '\n' || (s[r.i + 1] === '\r' && s[r.i + 2] === '\n'))) {
      r.i += s[r.i + 1] === '\r' ? 3 : 2;
      head += ' ';
      continue;
    }
    if (c === '`') {
      head += s.slice(r.i, r.i + 2);
      r.i += 2;
      continue;
    }
    const atomStart = r.i;
    if ((c === '"' || c === "'" || c === '#' || c === '@' || c === '<') && r.skipAtom()) {
      if (c !== '#' && c !== '<') head += s.slice(atomStart, r.i);
      continue;
    }
    // `${env:NAME}` is a variable name in braces, not a block.
    if (c === '$' && s[r.i + 1] === '{') {
      const close = s.indexOf('}', r.i + 2);
      const stop = close < 0 ? s.length : close + 1;
      head += s.slice(r.i, stop);
      r.i = stop;
      continue;
    }
    if (c === '(' || c === '[') parens++;
    if (c === ')' || c === ']') parens = Math.max(0, parens - 1);
    if (c === '{' && parens === 0) {
      const owner = ownerOf(head);
      const blockStart = r.i;
      r.i++;
      const statements = readBlock(r, '}');
      blocks.push({ owner, statements, start: blockStart, end: r.i });
      head += '{…}';
      // `} else {` / `}` NL `catch {`: the statement goes on.
      let j = r.i;
      while (j < s.length && /\s/.test(s[j]!)) j++;
      if (FOLLOWERS.test(s.slice(j, j + 8))) {
        head += ' ';
        r.i = j;
      }
      continue;
    }
    if (c === '}' && parens === 0) break; // the enclosing block ends
    if ((c === '\n' || c === ';') && parens === 0) {
      if (c === '\n' && CONTINUES.test(head)) {
        r.i++;
        head += ' ';
        continue;
      }
      break;
    }
    head += c;
    r.i++;
  }
  return { start, end: r.i, head: head.trim(), blocks };
}

/** `if (…) {` → if, `} else {` → else, `… | ForEach-Object {` → foreach-object. */
function ownerOf(head: string): string {
  const tail = head.replace(/\{…\}/g, ' ').trim();
  const m =
    /(\belse\s*if\b|\belseif\b|\belse\b|\bcatch\b|\bfinally\b|\btry\b|\bif\b|\bforeach\b|\bfor\b|\bwhile\b|\bdo\b|\bswitch\b|\bfunction\b|\bfilter\b|foreach-object|%|where-object|\?|&|\.)\s*(\([^)]*\)|\[[^\]]*\]|[\w:-]+)?\s*(\([^)]*\))?\s*$/i.exec(
      tail,
    );
  return (m?.[1] ?? tail.split(/\s+/)[0] ?? '').toLowerCase().replace(/\s+/, '');
}

/**
 * The subexpressions `$( … )` of a statement, outside single-quoted strings and inside double-quoted
 * ones (`echo "CHANGES=$(git status --porcelain)"`), inner ones first: they run before the command
 * around them, in that order.
 */
export function subexpressions(text: string): string[] {
  const out: string[] = [];
  const r = new Reader(text);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '#') {
      r.i = i;
      r.skipAtom();
      i = Math.max(r.i, i + 1);
    } else if (c === '$' && text[i + 1] === '(') {
      const end = r.skipSubexpression(i + 1);
      const inner = text.slice(i + 2, Math.max(i + 2, end - 1));
      out.push(...subexpressions(inner), inner);
      i = end;
    } else i++;
  }
  return out;
}

export function parsePwsh(script: string): PwshStatement[] {
  return readBlock(new Reader(script), undefined);
}

/** Splits a statement head at `|` outside strings, parens and braces. */
export function pipelineElements(head: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (quote) {
      cur += c;
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    if (c === '(' || c === '{' || c === '[') depth++;
    if (c === ')' || c === '}' || c === ']') depth--;
    if (c === '|' && depth === 0 && head[i + 1] !== '|' && head[i - 1] !== '|') {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur.trim());
  return out.filter(Boolean);
}

/** Words of one command (`& "C:\x.exe" -a 'b'` → [&, C:\x.exe, -a, b]). */
export function pwshWords(element: string): string[] {
  const out: string[] = [];
  for (const m of element.matchAll(/"((?:[^"`]|`.)*)"|'((?:[^']|'')*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}
