import { own } from '../core/own.js';
/**
 * A reader for the Python subset that gclient `DEPS`, Bazel `MODULE.bazel`/`WORKSPACE`/`*.bzl` use to
 * declare dependencies: string, number, list, dict and tuple literals, names, `+` and `%`,
 * `"…".format(…)`, calls. It never executes anything: an expression it cannot evaluate is
 * `undefined`, and a caller treats that as "not stated", never as a guess.
 */
export type PyValue = string | number | boolean | null | PyValue[] | { [k: string]: PyValue } | undefined;

export interface Token {
  kind: 'str' | 'num' | 'name' | 'op';
  text: string;
  /** Value of a string literal. */
  value?: string;
  /** Offset in the source, for line numbers. */
  at: number;
}

/**
 * Tokens of a Python source; comments are dropped, and so are docstrings (a string literal that
 * is a statement of its own), because a declaration quoted in a comment or docstring is not one.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(c) || c === '\\') {
      i++;
      continue;
    }
    const str = /^([rRbBuUfF]{0,2})("""|'''|"|')/.exec(src.slice(i, i + 5));
    if (str && (str[1] === '' || /[a-zA-Z]/.test(c))) {
      const start = i;
      const quote = str[2]!;
      const raw = /r/i.test(str[1]!);
      i += str[0].length;
      let value = '';
      while (i < src.length && !src.startsWith(quote, i)) {
        if (src[i] === '\\' && !raw) {
          const n = src[i + 1];
          value += n === 'n' ? '\n' : n === 't' ? '\t' : n === '\n' ? '' : (n ?? '');
          i += 2;
          continue;
        }
        if (quote.length === 1 && src[i] === '\n') break; // unterminated: stop at the line end
        value += src[i++];
      }
      i += quote.length;
      out.push({ kind: 'str', text: src.slice(start, i), value, at: start });
      continue;
    }
    const num = /^\d[\d_]*(?:\.\d+)?/.exec(src.slice(i, i + 40));
    if (num) {
      out.push({ kind: 'num', text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(src.slice(i, i + 200));
    if (name) {
      out.push({ kind: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = /^(\*\*|==|!=|<=|>=|[-+*/%()[\]{},:=.<>!|&])/.exec(src.slice(i, i + 2));
    out.push({ kind: 'op', text: op ? op[0] : c, at: i });
    i += op ? op[0].length : 1;
  }
  return dropDocstrings(out, src);
}

/** A string literal alone on its line(s), not part of an expression, is a docstring or a comment block. */
function dropDocstrings(tokens: Token[], src: string): Token[] {
  return tokens.filter((t, k) => {
    if (t.kind !== 'str') return true;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const lineStart = src.lastIndexOf('\n', t.at - 1) + 1;
    const startsLine = src.slice(lineStart, t.at).trim() === '';
    const prevOpen = prev && prev.kind === 'op' && ['(', '[', '{', ',', '=', ':', '+', '%'].includes(prev.text);
    const nextJoins =
      next && next.kind === 'op' && ['+', '%', '.', ',', ')', ']', '}', ':'].includes(next.text) && src.slice(t.at + t.text.length, next.at).indexOf('\n') < 0;
    const prevIsKeyword = prev && prev.kind === 'name' && ['return', 'in', 'if', 'else', 'and', 'or', 'not'].includes(prev.text);
    return !(startsLine && !prevOpen && !nextJoins && !prevIsKeyword);
  });
}

export interface Scope {
  /** Names defined in the file or loaded into it. */
  get(name: string): PyValue;
  /** gclient's `Var('x')` and `'{x}'` substitution. */
  vars?: Record<string, PyValue>;
}

/** Evaluates the expression starting at `tokens[pos]`; returns its value and the position after it. */
export function evaluate(tokens: Token[], pos: number, scope: Scope): { value: PyValue; end: number } {
  const p = new Parser(tokens, scope);
  p.pos = pos;
  const value = p.expr();
  return { value, end: p.pos };
}

class Parser {
  pos = 0;
  constructor(
    private readonly t: Token[],
    private readonly scope: Scope,
  ) {}

  private peek(text?: string): Token | undefined {
    const tok = this.t[this.pos];
    return text === undefined || tok?.text === text ? tok : undefined;
  }

  private eat(text: string): boolean {
    if (this.t[this.pos]?.text === text && this.t[this.pos]?.kind === 'op') {
      this.pos++;
      return true;
    }
    return false;
  }

  expr(): PyValue {
    let left = this.term();
    // a conditional expression keeps its first branch only when both agree; otherwise unknown
    while (this.pos < this.t.length) {
      if (this.eat('+')) {
        const right = this.term();
        left =
          typeof left === 'string' && typeof right === 'string'
            ? left + right
            : Array.isArray(left) && Array.isArray(right)
              ? [...left, ...right]
              : typeof left === 'number' && typeof right === 'number'
                ? left + right
                : undefined;
      } else if (this.eat('%')) {
        const right = this.term();
        left = typeof left === 'string' ? percentFormat(left, right) : undefined;
      } else if (this.peek('if')?.kind === 'name') {
        this.pos++;
        this.expr();
        if (this.peek('else')?.kind === 'name') {
          this.pos++;
          const other = this.expr();
          if (JSON.stringify(other) !== JSON.stringify(left)) left = undefined;
        }
      } else break;
    }
    return left;
  }

  private term(): PyValue {
    let v = this.atom();
    for (;;) {
      if (this.eat('.')) {
        const method = this.t[this.pos++]?.text;
        if (this.peek('(')) {
          const { args, kwargs } = this.callArgs();
          v = method === 'format' && typeof v === 'string' ? braceFormat(v, args, kwargs) : method === 'strip' && typeof v === 'string' ? v.trim() : undefined;
        } else v = undefined;
      } else if (this.peek('[') && this.pos > 0) {
        this.pos++;
        const idx = this.expr();
        this.skipTo(']');
        v =
          Array.isArray(v) && typeof idx === 'number'
            ? v[idx]
            : v && typeof v === 'object' && !Array.isArray(v) && typeof idx === 'string'
              ? v[idx]
              : undefined;
      } else if (this.peek('(') && this.pos > 0 && this.t[this.pos - 1]?.kind === 'op' && this.t[this.pos - 1]?.text === ')') {
        this.callArgs();
        v = undefined;
      } else return v;
    }
  }

  private atom(): PyValue {
    const tok = this.t[this.pos];
    if (!tok) return undefined;
    if (tok.kind === 'str') {
      this.pos++;
      let s = tok.value!;
      // adjacent literals concatenate, as in Python
      while (this.t[this.pos]?.kind === 'str') s += this.t[this.pos++]!.value!;
      return this.scope.vars ? substituteVars(s, this.scope.vars) : s;
    }
    if (tok.kind === 'num') {
      this.pos++;
      return Number(tok.text.replace(/_/g, ''));
    }
    if (tok.kind === 'name') {
      this.pos++;
      if (tok.text === 'True') return true;
      if (tok.text === 'False') return false;
      if (tok.text === 'None') return null;
      if (this.peek('(')) {
        const { args } = this.callArgs();
        if (tok.text === 'Var' && typeof args[0] === 'string') return this.scope.vars?.[args[0]];
        if (tok.text === 'Str' || tok.text === 'str') return args[0];
        // a mirror helper (`tf_mirror_urls(url)`) hands its argument on; anything else is unknown
        if (/url|mirror/i.test(tok.text) && (typeof args[0] === 'string' || Array.isArray(args[0]))) return args[0];
        return undefined;
      }
      return this.scope.get(tok.text);
    }
    if (this.eat('(')) {
      const first = this.expr();
      if (this.eat(')')) return first;
      const items: PyValue[] = [first];
      while (this.eat(',')) {
        if (this.peek(')')) break;
        items.push(this.expr());
      }
      this.skipTo(')');
      return items;
    }
    if (this.eat('[')) {
      const items: PyValue[] = [];
      while (this.pos < this.t.length && !this.eat(']')) {
        items.push(this.expr());
        if (this.peek('for')) {
          this.skipTo(']');
          return undefined; // a comprehension: not a literal
        }
        if (!this.eat(',') && !this.peek(']')) {
          this.skipTo(']');
          return undefined;
        }
      }
      return items;
    }
    if (this.eat('{')) {
      const obj: Record<string, PyValue> = {};
      while (this.pos < this.t.length && !this.eat('}')) {
        const k = this.expr();
        if (!this.eat(':')) {
          this.skipTo('}');
          return undefined;
        }
        const v = this.expr();
        if (typeof k === 'string') obj[k] = v;
        if (!this.eat(',') && !this.peek('}')) {
          this.skipTo('}');
          return undefined;
        }
      }
      return obj;
    }
    if (tok.kind === 'op' && tok.text === '-') {
      this.pos++;
      const v = this.atom();
      return typeof v === 'number' ? -v : undefined;
    }
    this.pos++;
    return undefined;
  }

  /** `(a, b, k=v, *x, **y)`: positional and keyword values. */
  callArgs(): { args: PyValue[]; kwargs: Record<string, PyValue> } {
    const args: PyValue[] = [];
    const kwargs: Record<string, PyValue> = {};
    this.eat('(');
    while (this.pos < this.t.length && !this.eat(')')) {
      const tok = this.t[this.pos]!;
      const next = this.t[this.pos + 1];
      if (tok.kind === 'op' && (tok.text === '*' || tok.text === '**')) {
        this.pos++;
        this.expr();
      } else if (tok.kind === 'name' && next?.kind === 'op' && next.text === '=') {
        this.pos += 2;
        kwargs[tok.text] = this.expr();
      } else args.push(this.expr());
      if (!this.eat(',') && !this.peek(')')) {
        this.skipTo(')');
        break;
      }
    }
    return { args, kwargs };
  }

  private skipTo(close: string): void {
    const open = close === ')' ? '(' : close === ']' ? '[' : '{';
    let depth = 1;
    while (this.pos < this.t.length) {
      const tok = this.t[this.pos++]!;
      if (tok.kind !== 'op') continue;
      if (tok.text === open) depth++;
      else if (tok.text === close && --depth === 0) return;
    }
  }
}

/** gclient substitutes `{name}` in strings with its vars; unknown names stay as written (and mark a template). */
function substituteVars(s: string, vars: Record<string, PyValue>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (typeof own(vars, k) === 'string' || typeof own(vars, k) === 'number' ? String(own(vars, k)) : m));
}

function braceFormat(s: string, args: PyValue[], kwargs: Record<string, PyValue>): string | undefined {
  let auto = 0;
  let ok = true;
  const out = s.replace(/\{(\w*)\}/g, (_m, k: string) => {
    const v = k === '' ? args[auto++] : /^\d+$/.test(k) ? args[Number(k)] : kwargs[k];
    if (typeof v !== 'string' && typeof v !== 'number') ok = false;
    return String(v);
  });
  return ok ? out : undefined;
}

function percentFormat(s: string, arg: PyValue): string | undefined {
  const list = Array.isArray(arg) ? arg : [arg];
  let k = 0;
  let ok = true;
  const out = s.replace(/%[sd]/g, () => {
    const v = list[k++];
    if (typeof v !== 'string' && typeof v !== 'number') ok = false;
    return String(v);
  });
  return ok ? out : undefined;
}

/** Top-level `NAME = <expr>` assignments of a file whose value could be evaluated. */
export function assignments(tokens: Token[], src: string, scope: Scope): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k]!;
    const eq = tokens[k + 1]!;
    if (t.kind !== 'name' || eq.kind !== 'op' || eq.text !== '=') continue;
    const lineStart = src.lastIndexOf('\n', t.at - 1) + 1;
    if (src.slice(lineStart, t.at) !== '') continue; // only column 0: module-level names
    const chained: Scope = { get: (n) => (out.has(n) ? out.get(n) : scope.get(n)), vars: scope.vars };
    const { value } = evaluate(tokens, k + 2, chained);
    if (value !== undefined) out.set(t.text, value);
  }
  return out;
}

/** Every call `name(…)` in the token stream, with its evaluated arguments and the offset of its name. */
export function* callsIn(
  tokens: Token[],
  scope: Scope,
): Generator<{ fn: string; args: PyValue[]; kwargs: Record<string, PyValue>; at: number; argNames: string[] }> {
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k]!;
    const open = tokens[k + 1]!;
    if (t.kind !== 'name' || open.kind !== 'op' || open.text !== '(') continue;
    const prev = tokens[k - 1];
    if (prev && prev.kind === 'name' && prev.text === 'def') continue; // a definition, not a call
    const p = new Parser(tokens, scope);
    p.pos = k + 1;
    const { args, kwargs } = p.callArgs();
    // the first positional argument may be a rule passed by name (`maybe(http_archive, …)`)
    const argNames = tokens[k + 2]?.kind === 'name' ? [tokens[k + 2]!.text] : [];
    yield { fn: t.text, args, kwargs, at: t.at, argNames };
  }
}

/** Line numbers of offsets in `src`, by binary search over the line starts (files can be large). */
export function lineFinder(src: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
