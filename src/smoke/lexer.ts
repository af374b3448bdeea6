import { afterLineBreak, commentEnd, isDigit, isNameChar, isNameStart, wordAt, type WordTable } from './python-chars.js';
import { isFormatPrefix, isRawPrefix, isStringPrefix, skipString, type Problem } from './string-literal.js';

export const NAME = 1;
export const NUMBER = 2;
export const STRING = 3;
export const OP = 4;

/**
 * The per-token arrays, shared by every lexer of a thread: files are scanned one at a time, start
 * to end, and four typed arrays allocated per file cost more than the whole scan of a small file.
 * A lexer that grows them leaves the bigger ones for the next.
 */
const tokenArrays = { kind: new Uint8Array(256), start: new Int32Array(256), end: new Int32Array(256), depth: new Uint16Array(256) };

/**
 * A Python tokenizer that yields one logical line at a time into reused arrays. It knows only
 * what import extraction needs: names, strings (every prefix, triple quotes, PEP 701 f-strings),
 * brackets, operators, comments and line joining. Numbers are tokens but never read.
 * It never throws: malformed input becomes a problem and the scan goes on.
 */
export class PythonLexer {
  /** Per-token arrays for the current logical line; only the first `count` entries are valid. */
  kind = tokenArrays.kind;
  start = tokenArrays.start;
  end = tokenArrays.end;
  depth = tokenArrays.depth;
  count = 0;
  /** Indentation column of the current logical line (tabs to multiples of 8). */
  indent = 0;
  /** Offset of the first character of the current logical line, after its indentation. */
  lineStart = 0;
  readonly problems: Problem[] = [];
  /** A line was left for the tokenizer because of a call that matters there (see isMarkedCall). */
  markedCall = false;
  private pos = 0;
  /** The column `measureIndentation` found last. */
  private column = 0;
  private bracketDepth = 0;
  private readonly openers: number[] = [];

  constructor(readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** Advances to the next non-blank logical line and reads its tokens; false at the end of the file. */
  nextLine(): boolean {
    while (this.nextLineStart()) {
      this.readTokens();
      if (this.count > 0) return true;
    }
    return false;
  }

  /**
   * Moves to the first character of the next non-blank logical line and sets `indent` and
   * `lineStart`, reading no token: the caller then calls `readLine` or `skimLine`.
   */
  nextLineStart(): boolean {
    const text = this.text;
    const n = text.length;
    this.count = 0;
    for (;;) {
      if (this.pos >= n) return this.finish();
      const p = this.measureIndentation(this.pos);
      this.pos = p;
      const c = text.charCodeAt(p);
      if (p >= n) return this.finish();
      if (c === 10 || c === 13 || c === 35) {
        this.skipRestOfLine();
        continue;
      }
      this.indent = this.column;
      this.lineStart = p;
      return true;
    }
  }

  /** Reads the tokens of the logical line `nextLineStart` stopped at (possibly none, after a lone `\`). */
  readLine(): void {
    this.readTokens();
  }

  /** The name the current logical line starts with when it is one of `words`, '' for another name, undefined for none (see wordAt). */
  leadingWord(words: WordTable): string | undefined {
    return wordAt(this.text, this.pos, words);
  }

  /**
   * Passes over the current logical line without making tokens, keeping the bracket depth and
   * reporting bad strings and brackets exactly as `readLine` would. The line is left unread (the
   * answer is false) when it must be tokenized after all: a `;` outside brackets (another
   * statement may follow), the offset `limit` inside it, or, for a compound statement header,
   * anything but a comment after its colon (a body on the same line) or no colon at all, and with
   * `refuseWalrus`, a `:=` (which binds a name at module level).
   */
  skimLine(limit = Infinity, header = false, refuseWalrus = false): boolean {
    const text = this.text;
    const n = text.length;
    const from = this.pos;
    const problems = this.problems.length;
    const plain = header ? PLAIN_HEADER_RUN : PLAIN_RUN;
    let colon = -1;
    let p = from;
    while (p < n) {
      plain.lastIndex = p;
      if (plain.test(text)) p = plain.lastIndex;
      if (p >= n) break;
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) {
        p = afterLineBreak(text, p);
        if (this.bracketDepth === 0) break;
      } else if (c === 35) {
        p = commentEnd(text, p);
      } else if (c === 92) {
        const next = text.charCodeAt(p + 1);
        if (colon >= 0) return this.unskim(from, problems);
        p += next === 10 ? 2 : next === 13 ? (text.charCodeAt(p + 2) === 10 ? 3 : 2) : 1;
      } else if (c === 34 || c === 39) {
        if (colon >= 0) return this.unskim(from, problems);
        // The prefix is the name right before the quote, as readTokens would have read it. After a
        // dot it may be the tail of a number (`1.f"`), which only the tokenizer tells apart.
        let b = p;
        while (b > from && isNameChar(text.charCodeAt(b - 1))) b--;
        if (b < p && text.charCodeAt(b - 1) === 46) return this.unskim(from, problems);
        const prefixed = b < p && p - b <= 2 && isStringPrefix(text, b, p);
        p = skipString(text, this.problems, p, prefixed && isFormatPrefix(text, b, p), 0, prefixed && isRawPrefix(text, b, p));
      } else if (c === 59) {
        if (this.bracketDepth === 0) return this.unskim(from, problems);
        p++;
      } else if (c === 58) {
        if (this.bracketDepth === 0 && text.charCodeAt(p + 1) !== 61) {
          if (colon >= 0) return this.unskim(from, problems);
          colon = p;
          p++;
          while (p < n && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 12)) p++;
          const after = text.charCodeAt(p);
          if (p < n && after !== 10 && after !== 13 && after !== 35) return this.unskim(from, problems);
        } else if (text.charCodeAt(p + 1) === 61) {
          if (refuseWalrus) return this.unskim(from, problems);
          p += 2;
        } else p++;
      } else if (c === 40 || c === 91 || c === 123) {
        if (c !== 123 && p > from && isMarkedCall(text, p)) {
          this.markedCall = true;
          return this.unskim(from, problems);
        }
        this.openBracket(p++);
      } else {
        this.closeBracket(p++);
      }
    }
    if (p > limit || (header && colon < 0)) return this.unskim(from, problems);
    this.pos = p;
    return true;
  }

  /**
   * After a skimmed line, passes over the lines that follow at the same indentation for as long as
   * they could be skimmed too: a run of ordinary statements in one body needs no block changes,
   * so one loop here saves a round trip through the scanner per line. Stops at the start of the
   * first other line: another indentation, one starting with a word of `stopWords` or a `\\`, or
   * one that `skimLine(limit)` refuses.
   */
  skimFollowing(limit: number, stopWords: WordTable): void {
    const text = this.text;
    const n = text.length;
    const indent = this.indent;
    for (;;) {
      const lineFrom = this.pos;
      const p = this.measureIndentation(lineFrom);
      if (p >= n) return;
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13 || c === 35) {
        this.pos = p;
        this.skipRestOfLine();
        continue;
      }
      // A decorator ends the run too: it may mark the definition below it (a skipped test).
      if (this.column !== indent || c === 92 || c === 64 || wordAt(text, p, stopWords)) {
        this.pos = lineFrom;
        return;
      }
      this.pos = p;
      this.lineStart = p;
      if (!this.skimLine(limit)) {
        this.pos = lineFrom;
        return;
      }
    }
  }

  /**
   * Passes the indentation that starts at p and returns where it ends; its column (tabs to
   * multiples of 8, a form feed back to 0) is left in `column`, to spare the hot loops an object.
   */
  private measureIndentation(p: number): number {
    const text = this.text;
    let col = 0;
    for (; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === 32) col++;
      else if (c === 9) col = (col & ~7) + 8;
      else if (c === 12) col = 0;
      else break;
    }
    this.column = col;
    return p;
  }

  private openBracket(at: number): void {
    this.bracketDepth++;
    this.openers.push(at);
  }

  /** A closing bracket: ends the innermost open one, or is a problem when none is open. */
  private closeBracket(at: number): void {
    if (this.bracketDepth === 0) this.problems.push({ offset: at, message: `unmatched '${this.text[at]}'` });
    else {
      this.bracketDepth--;
      this.openers.pop();
    }
  }

  /** Undoes a skim: back to the start of the line, with the problems it found forgotten. */
  private unskim(from: number, problems: number): false {
    this.pos = from;
    this.problems.length = problems;
    this.bracketDepth = 0;
    this.openers.length = 0;
    return false;
  }

  private finish(): boolean {
    if (this.bracketDepth > 0) {
      const at = this.openers[this.openers.length - 1]!;
      this.problems.push({ offset: at, message: `'${this.text[at]}' was never closed` });
      this.bracketDepth = 0;
      this.openers.length = 0;
    }
    return false;
  }

  private skipRestOfLine(): void {
    const nl = this.text.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.text.length : nl + 1;
  }

  private push(kind: number, start: number, end: number): void {
    const i = this.count;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.depth[i] = Math.min(this.bracketDepth, 65535);
    this.count = i + 1;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const k = new Uint8Array(size);
    k.set(this.kind);
    const s = new Int32Array(size);
    s.set(this.start);
    const e = new Int32Array(size);
    e.set(this.end);
    const d = new Uint16Array(size);
    d.set(this.depth);
    this.kind = tokenArrays.kind = k;
    this.start = tokenArrays.start = s;
    this.end = tokenArrays.end = e;
    this.depth = tokenArrays.depth = d;
  }

  private readTokens(): void {
    const text = this.text;
    const n = text.length;
    let p = this.pos;
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 32 || c === 9 || c === 12) {
        p++;
      } else if (c === 10 || c === 13) {
        p = afterLineBreak(text, p);
        if (this.bracketDepth === 0) break;
      } else if (c === 35) {
        p = commentEnd(text, p);
      } else if (c === 92) {
        // A backslash joins the next physical line; anywhere else it is a stray character.
        const next = text.charCodeAt(p + 1);
        if (next === 10) p += 2;
        else if (next === 13) p += text.charCodeAt(p + 2) === 10 ? 3 : 2;
        else {
          this.push(OP, p, p + 1);
          p++;
        }
      } else if (isNameStart(c)) {
        let q = p + 1;
        while (q < n && isNameChar(text.charCodeAt(q))) q++;
        const quote = text.charCodeAt(q);
        if ((quote === 34 || quote === 39) && q - p <= 2 && isStringPrefix(text, p, q)) {
          const end = skipString(text, this.problems, q, isFormatPrefix(text, p, q), 0, isRawPrefix(text, p, q));
          this.push(STRING, p, end);
          p = end;
        } else {
          this.push(NAME, p, q);
          p = q;
        }
      } else if (c === 34 || c === 39) {
        const end = skipString(text, this.problems, p, false, 0);
        this.push(STRING, p, end);
        p = end;
      } else if ((c >= 48 && c <= 57) || (c === 46 && isDigit(text.charCodeAt(p + 1)))) {
        let q = p + 1;
        while (q < n && (isNameChar(text.charCodeAt(q)) || text.charCodeAt(q) === 46)) q++;
        this.push(NUMBER, p, q);
        p = q;
      } else if (c === 40 || c === 91 || c === 123) {
        this.push(OP, p, p + 1);
        this.openBracket(p++);
      } else if (c === 41 || c === 93 || c === 125) {
        this.closeBracket(p);
        this.push(OP, p, p + 1);
        p++;
      } else {
        const len = operatorLength(text, p);
        this.push(OP, p, p + len);
        p += len;
      }
    }
    this.pos = p;
  }

  /** Text of token i. */
  tokenText(i: number): string {
    return this.text.slice(this.start[i], this.end[i]);
  }

  isName(i: number, word: string): boolean {
    return i < this.count && this.kind[i] === NAME && this.end[i]! - this.start[i]! === word.length && this.text.startsWith(word, this.start[i]);
  }

  isOp(i: number, op: string): boolean {
    return i < this.count && this.kind[i] === OP && this.end[i]! - this.start[i]! === op.length && this.text.startsWith(op, this.start[i]);
  }

  /** The value of a plain string token (no f/b prefix, no escapes); undefined otherwise. */
  stringValue(i: number): string | undefined {
    if (i >= this.count || this.kind[i] !== STRING) return undefined;
    const raw = this.tokenText(i);
    let p = 0;
    while (p < raw.length && raw[p] !== '"' && raw[p] !== "'") p++;
    const prefix = raw.slice(0, p).toLowerCase();
    if (prefix.includes('f') || prefix.includes('b') || prefix.includes('t')) return undefined;
    const q = raw[p]!;
    const triple = raw.startsWith(q.repeat(3), p) && raw.length >= p + 6;
    const body = triple ? raw.slice(p + 3, -3) : raw.slice(p + 1, -1);
    if (body.includes('\\') || !raw.endsWith(q)) return undefined;
    return body;
  }
}

/** Characters that never start a string, a comment, a bracket, a `;`, a `\\` or a line end. */
const PLAIN_RUN = /[^'"#\\()[\]{}\n\r;]+/y;
/** The same for a compound statement header, where the first `:` outside brackets also matters. */
const PLAIN_HEADER_RUN = /[^'"#\\()[\]{}\n\r;:]+/y;

/**
 * Whether the `(` or `[` at p follows a call that matters inside a function body: a skip
 * (`skip(`, `self.skipTest(`: what follows never runs) or a write into another module's names
 * (`setattr(`, `vars(mod).update(`, `mod.__dict__.update(` / `mod.__dict__[`). These are found here,
 * on the brackets skimLine visits anyway, rather than by a search of every file's text.
 */
function isMarkedCall(text: string, p: number): boolean {
  let q = p;
  while (q > 0 && isNameChar(text.charCodeAt(q - 1))) q--;
  const len = p - q;
  if (text.charCodeAt(p) === 91) return len === 8 && text.startsWith('__dict__', q);
  if (len === 4) return text.startsWith('skip', q) || text.startsWith('vars', q);
  if (len === 7) return text.startsWith('setattr', q);
  if (len === 8) return text.startsWith('skipTest', q);
  return len === 6 && text.startsWith('update', q) && q >= 9 && text.startsWith('__dict__.', q - 9);
}

/** Length of the operator at p: `**=`, `//=`, `>>=`, `<<=` are three characters, `==`, `->`, `+=` … two. */
function operatorLength(text: string, p: number): number {
  const c = text.charCodeAt(p);
  const d = text.charCodeAt(p + 1);
  if ((c === 42 || c === 47 || c === 62 || c === 60) && d === c) return text.charCodeAt(p + 2) === 61 ? 3 : 2;
  if (d === 61)
    return c === 61 ||
      c === 33 ||
      c === 60 ||
      c === 62 ||
      c === 58 ||
      c === 43 ||
      c === 45 ||
      c === 42 ||
      c === 47 ||
      c === 37 ||
      c === 38 ||
      c === 124 ||
      c === 94 ||
      c === 64
      ? 2
      : 1;
  if ((c === 45 && d === 62) || (c === 60 && d === 62)) return 2;
  return 1;
}
