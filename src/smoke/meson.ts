/**
 * What meson-python installs where: a small reader of meson.build files that evaluates the
 * expressions an install location is made of (strings, `/` joins, `+`, variables, arrays,
 * dictionaries, `py.get_install_dir()`, `files()`, `foreach` loops) and reports the Python modules
 * the build installs under a module path other than their source folder, or builds at all:
 * `py.extension_module(name, …, subdir: / install_dir:)`, `py.install_sources(…, subdir:)`,
 * `install_subdir(dir, install_dir:)`, and `configure_file` / `custom_target` outputs ending in
 * `.py`. Anything it cannot evaluate is left out, and a folder that builds extension modules whose
 * names it cannot evaluate is reported as such (its modules cannot be listed).
 */

import { add, dotted, flatten, joinPath, tokenize, UNKNOWN, type Token, type Value } from './meson-syntax.js';

export interface MesonInstall {
  /** A compiled or generated module, by its installed dotted name. */
  modules: { name: string; kind: 'compiled' | 'generated'; why: string }[];
  /** A source file or folder installed as this dotted module name. */
  mappings: { module: string; path: string; why: string }[];
  /** Installed package folders (dotted), which exist at run time even with no Python file in them. */
  dirs: string[];
  /** Source folders whose meson.build builds extension modules of names it computes. */
  unknownModules: string[];
  /** Modules written into a source folder's build folder (`custom_target` outputs kept for other targets), by path. */
  built: { path: string; why: string }[];
}

interface Call {
  name: string;
  args: Value[];
  kwargs: Map<string, Value>;
}

/** Reads meson.build files in order (the root first, then each folder as `subdir()` reaches it), sharing their variables as meson does. */
export class MesonReader {
  private readonly vars = new Map<string, Value>();
  private readonly result: MesonInstall = { modules: [], mappings: [], dirs: [], unknownModules: [], built: [] };
  private toks: Token[] = [];
  private p = 0;
  private dir = '';
  private file = '';

  constructor(private readonly readFile: (path: string) => string | undefined) {}

  private readonly seen = new Set<string>();

  /** What the files read so far install. */
  get install(): MesonInstall {
    return this.result;
  }

  /** Reads `dir/meson.build` (once) and the folders its `subdir()` calls name. */
  read(dir: string, seen = this.seen): MesonInstall {
    if (seen.has(dir) || seen.size > 2000) return this.result;
    seen.add(dir);
    const file = dir ? `${dir}/meson.build` : 'meson.build';
    const text = this.readFile(file);
    if (text === undefined) return this.result;
    const saved = { toks: this.toks, p: this.p, dir: this.dir, file: this.file };
    this.toks = tokenize(text);
    this.p = 0;
    this.dir = dir;
    this.file = file;
    this.block(this.toks.length, seen);
    Object.assign(this, saved);
    return this.result;
  }

  /** Runs statements until `end` (a token index), or a closing keyword at this level. */
  private block(end: number, seen: Set<string>): void {
    while (this.p < end) {
      const t = this.toks[this.p]!;
      if (t.t === 'nl') {
        this.p++;
        continue;
      }
      if (t.t === 'id' && (t.v === 'endforeach' || t.v === 'endif' || t.v === 'elif' || t.v === 'else')) return;
      if (t.t === 'id' && t.v === 'foreach') this.foreach(seen);
      else if (t.t === 'id' && t.v === 'if') this.ifBlock(seen);
      else this.statement(seen);
    }
  }

  private statement(seen: Set<string>): void {
    const t = this.toks[this.p]!;
    const next = this.toks[this.p + 1];
    if (t.t === 'id' && next?.t === 'op' && (next.v === '=' || next.v === '+=')) {
      this.p += 2;
      const value = this.expr(seen);
      const old = this.vars.get(t.v);
      this.vars.set(t.v, next.v === '=' ? value : add(old ?? UNKNOWN, value));
    } else this.expr(seen);
    while (this.p < this.toks.length && this.toks[this.p]!.t !== 'nl') this.p++;
  }

  private foreach(seen: Set<string>): void {
    this.p++;
    const names: string[] = [];
    while (this.toks[this.p]?.t === 'id') {
      names.push(this.toks[this.p]!.v);
      this.p++;
      if (this.toks[this.p]?.v === ',') this.p++;
    }
    if (this.toks[this.p]?.v === ':') this.p++;
    const iterable = this.expr(seen);
    const bodyStart = this.p;
    const items: Value[][] =
      iterable.k === 'list' ? iterable.v.map((v) => [v]) : iterable.k === 'dict' ? [...iterable.v].map(([k, v]) => [{ k: 'str', v: k }, v]) : [[]];
    let bodyEnd = bodyStart;
    for (const item of items.length ? items : [[]]) {
      names.forEach((n, i) => this.vars.set(n, item[i] ?? UNKNOWN));
      this.p = bodyStart;
      this.block(this.toks.length, seen);
      bodyEnd = this.p;
    }
    this.p = bodyEnd;
    if (this.toks[this.p]?.v === 'endforeach') this.p++;
  }

  /** Every branch is read: whatever any of them installs may be installed. */
  private ifBlock(seen: Set<string>): void {
    for (;;) {
      const word = this.toks[this.p]?.v;
      this.p++;
      if (word === 'if' || word === 'elif') this.expr(seen);
      this.block(this.toks.length, seen);
      const at = this.toks[this.p]?.v;
      if (at !== 'elif' && at !== 'else') break;
    }
    if (this.toks[this.p]?.v === 'endif') this.p++;
  }

  // Expressions, lowest precedence first: ternary, or/and/not/comparisons (unknown), + -, * / %.
  private expr(seen: Set<string>): Value {
    const v = this.sum(seen);
    const t = this.toks[this.p];
    if (t?.t === 'op' && t.v === '?') {
      this.p++;
      const a = this.expr(seen);
      if (this.toks[this.p]?.v === ':') this.p++;
      const b = this.expr(seen);
      return a.k === 'unknown' ? b : a;
    }
    if (
      (t?.t === 'id' && (t.v === 'and' || t.v === 'or' || t.v === 'in' || t.v === 'not')) ||
      (t?.t === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.v))
    ) {
      this.p++;
      if (t.v === 'not' && this.toks[this.p]?.v === 'in') this.p++;
      this.expr(seen);
      return UNKNOWN;
    }
    return v;
  }

  private sum(seen: Set<string>): Value {
    let v = this.product(seen);
    for (;;) {
      const t = this.toks[this.p];
      if (t?.t !== 'op' || (t.v !== '+' && t.v !== '-')) return v;
      this.p++;
      const r = this.product(seen);
      v = t.v === '+' ? add(v, r) : UNKNOWN;
    }
  }

  private product(seen: Set<string>): Value {
    let v = this.unary(seen);
    for (;;) {
      const t = this.toks[this.p];
      if (t?.t !== 'op' || (t.v !== '/' && t.v !== '*' && t.v !== '%')) return v;
      this.p++;
      const r = this.unary(seen);
      v = t.v === '/' && v.k === 'str' && r.k === 'str' ? { k: 'str', v: joinPath(v.v, r.v) } : UNKNOWN;
    }
  }

  private unary(seen: Set<string>): Value {
    const t = this.toks[this.p];
    if (t?.t === 'id' && t.v === 'not') {
      this.p++;
      this.unary(seen);
      return UNKNOWN;
    }
    if (t?.t === 'op' && t.v === '-') {
      this.p++;
      this.unary(seen);
      return UNKNOWN;
    }
    return this.postfix(seen);
  }

  private postfix(seen: Set<string>): Value {
    let v = this.primary(seen);
    for (;;) {
      const t = this.toks[this.p];
      if (t?.v === '.' && this.toks[this.p + 1]?.t === 'id' && this.toks[this.p + 2]?.v === '(') {
        const method = this.toks[this.p + 1]!.v;
        this.p += 2;
        const call = this.args(method, seen);
        v = this.method(v, call, seen);
      } else if (t?.v === '[') {
        this.p++;
        const index = this.expr(seen);
        if (this.toks[this.p]?.v === ']') this.p++;
        v = v.k === 'list' && index.k === 'unknown' ? UNKNOWN : v.k === 'dict' && index.k === 'str' ? (v.v.get(index.v) ?? UNKNOWN) : UNKNOWN;
      } else return v;
    }
  }

  private primary(seen: Set<string>): Value {
    const t = this.toks[this.p];
    if (!t) return UNKNOWN;
    if (t.t === 'str') {
      this.p++;
      return { k: 'str', v: t.v };
    }
    if (t.t === 'num') {
      this.p++;
      return UNKNOWN;
    }
    if (t.t === 'id') {
      this.p++;
      if (this.toks[this.p]?.v === '(') return this.function(this.args(t.v, seen), seen);
      if (t.v === 'true' || t.v === 'false') return UNKNOWN;
      return this.vars.get(t.v) ?? UNKNOWN;
    }
    if (t.v === '(') {
      this.p++;
      const v = this.expr(seen);
      if (this.toks[this.p]?.v === ')') this.p++;
      return v;
    }
    if (t.v === '[') {
      this.p++;
      const items: Value[] = [];
      while (this.p < this.toks.length && this.toks[this.p]!.v !== ']') {
        if (this.toks[this.p]!.v === ',' || this.toks[this.p]!.t === 'nl') {
          this.p++;
          continue;
        }
        const before = this.p;
        items.push(this.expr(seen));
        if (this.p === before) this.p++;
      }
      this.p++;
      return { k: 'list', v: items };
    }
    if (t.v === '{') {
      this.p++;
      const map = new Map<string, Value>();
      while (this.p < this.toks.length && this.toks[this.p]!.v !== '}') {
        if (this.toks[this.p]!.v === ',' || this.toks[this.p]!.t === 'nl') {
          this.p++;
          continue;
        }
        const before = this.p;
        const key = this.expr(seen);
        if (this.toks[this.p]?.v === ':') this.p++;
        const value = this.expr(seen);
        if (key.k === 'str') map.set(key.v, value);
        if (this.p === before) this.p++;
      }
      this.p++;
      return { k: 'dict', v: map };
    }
    this.p++;
    return UNKNOWN;
  }

  /** Reads `( … )` from its opening bracket: positional and keyword arguments. */
  private args(name: string, seen: Set<string>): Call {
    const call: Call = { name, args: [], kwargs: new Map() };
    this.p++;
    while (this.p < this.toks.length && this.toks[this.p]!.v !== ')') {
      const t = this.toks[this.p]!;
      if (t.v === ',' || t.t === 'nl') {
        this.p++;
        continue;
      }
      const before = this.p;
      if (t.t === 'id' && this.toks[this.p + 1]?.v === ':') {
        this.p += 2;
        call.kwargs.set(t.v, this.expr(seen));
      } else call.args.push(this.expr(seen));
      if (this.p === before) this.p++;
    }
    this.p++;
    return call;
  }

  private function(call: Call, seen: Set<string>): Value {
    switch (call.name) {
      case 'files':
        return { k: 'list', v: flatten(call.args).map((v) => (v.k === 'str' ? { k: 'file', path: joinPath(this.dir, v.v) } : v)) };
      case 'join_paths':
        return call.args.reduce<Value>((acc, v) => (acc.k === 'str' && v.k === 'str' ? { k: 'str', v: joinPath(acc.v, v.v) } : UNKNOWN), { k: 'str', v: '' });
      case 'subdir':
        if (call.args[0]?.k === 'str') this.read(joinPath(this.dir, call.args[0].v), seen);
        return UNKNOWN;
      case 'install_subdir':
        this.installSubdir(call);
        return UNKNOWN;
      case 'configure_file':
      case 'custom_target':
        this.generated(call);
        return UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private method(target: Value, call: Call, seen: Set<string>): Value {
    switch (call.name) {
      case 'get_install_dir':
        return { k: 'str', v: '' };
      case 'current_source_dir':
        return { k: 'str', v: this.dir };
      case 'extension_module':
        this.extensionModule(call);
        return UNKNOWN;
      case 'install_sources':
        this.installSources(call);
        return UNKNOWN;
      case 'get':
        return target.k === 'dict' && call.args[0]?.k === 'str' ? (target.v.get(call.args[0].v) ?? call.args[1] ?? UNKNOWN) : UNKNOWN;
      default:
        void seen;
        return UNKNOWN;
    }
  }

  /** The installed package folder of a call: `subdir:` (under the Python install dir) or `install_dir:`. */
  private installDir(call: Call): string | undefined {
    const sub = call.kwargs.get('subdir');
    if (sub?.k === 'str') return sub.v;
    const dir = call.kwargs.get('install_dir');
    if (dir?.k === 'str') return dir.v;
    return sub || dir ? undefined : '';
  }

  private extensionModule(call: Call): void {
    const name = call.args[0];
    const dir = this.installDir(call);
    if (name?.k !== 'str' || dir === undefined) {
      this.result.unknownModules.push(this.dir);
      return;
    }
    this.result.modules.push({ name: dotted(joinPath(dir, name.v)), kind: 'compiled', why: `built by ${this.file}` });
  }

  private installSources(call: Call): void {
    const dir = this.installDir(call);
    if (dir === undefined) return;
    for (const v of flatten(call.args)) {
      const path = v.k === 'file' ? v.path : v.k === 'str' ? joinPath(this.dir, v.v) : undefined;
      if (!path || !/\.pyi?$/.test(path)) continue;
      const leaf = path.slice(path.lastIndexOf('/') + 1).replace(/\.pyi?$/, '');
      this.result.mappings.push({ module: dotted(joinPath(dir, leaf === '__init__' ? '' : leaf)), path, why: `installed by ${this.file}` });
    }
  }

  private installSubdir(call: Call): void {
    const source = call.args[0];
    const dir = call.kwargs.get('install_dir');
    if (source?.k !== 'str' || dir?.k !== 'str') return;
    const strip = call.kwargs.get('strip_directory');
    const leaf = source.v.replace(/\/$/, '').split('/').pop()!;
    const target = strip ? dir.v : joinPath(dir.v, leaf);
    this.result.mappings.push({ module: dotted(target), path: joinPath(this.dir, source.v), why: `installed by ${this.file}` });
    this.result.dirs.push(dotted(target));
  }

  private generated(call: Call): void {
    const dir = call.kwargs.get('install_dir');
    if (dir?.k === 'str' && dir.v) this.result.dirs.push(dotted(dir.v));
    const output = call.kwargs.get('output');
    for (const v of output ? flatten([output]) : []) {
      if (v.k !== 'str' || !/\.(py|pyx)$/.test(v.v)) continue;
      const leaf = v.v.replace(/\.(py|pyx)$/, '');
      // Installed where install_dir says; kept in the build folder (this one) otherwise.
      const module = dir?.k === 'str' ? dotted(joinPath(dir.v, leaf)) : undefined;
      if (module) this.result.modules.push({ name: module, kind: 'generated', why: `written by ${this.file}` });
      this.result.built.push({ path: joinPath(this.dir, leaf), why: `written by ${this.file}` });
    }
  }
}
