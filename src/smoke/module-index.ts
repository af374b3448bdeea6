/** One importable name of the repository, merged from every file that provides it. */
export interface ModuleEntry {
  name: string;
  /** The `.py` file (a package's `__init__.py`). */
  py?: string;
  /** The stub: `.pyi`, or a `.pyi.in` template that the build turns into one. */
  pyi?: string;
  /** A directory of that name exists (a package, or a PEP 420 namespace when nothing else). */
  isDir: boolean;
  /** Has `__init__.py` or `__init__.pyi`. */
  isPackage: boolean;
  /** Why it is a compiled or generated module (config, setup.py, meson.build, a .pyx …). */
  compiled?: string;
  /** Put in sys.modules by this file. */
  injectedBy?: string;
}

const IDENTIFIER = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*$/;
const SOURCE = /\.(py|pyi|pyi\.in|pyx|so|pyd)$/;

/** The dotted module a repository file provides under a root, or undefined if it is not importable. */
export function moduleNameOf(path: string, root: string): { name: string; ext: string; init: boolean } | undefined {
  if (root && !path.startsWith(`${root}/`)) return undefined;
  const rel = root ? path.slice(root.length + 1) : path;
  const m = SOURCE.exec(rel);
  if (!m) return undefined;
  const parts = rel.split('/');
  let base = parts.pop()!;
  base = m[1] === 'so' || m[1] === 'pyd' ? base.slice(0, base.indexOf('.')) : base.slice(0, -m[0].length);
  if (!parts.every((p) => IDENTIFIER.test(p)) || !IDENTIFIER.test(base)) return undefined;
  const init = base === '__init__';
  const name = init ? parts.join('.') : [...parts, base].join('.');
  return name ? { name, ext: m[1]!, init } : undefined;
}

/** Every module, package and namespace directory of the repository, by dotted name. */
export class ModuleIndex {
  private readonly entries = new Map<string, ModuleEntry>();
  private childNames?: Map<string, string[]>;
  /** Compiled module leaf names declared without a package (CMake targets). */
  readonly compiledLeaves = new Map<string, string>();

  private readonly ownNames = new Map<string, { name: string; isPackage: boolean } | undefined>();
  private readonly rootsLongestFirst: string[];

  constructor(readonly roots: readonly string[]) {
    this.rootsLongestFirst = [...roots].sort((a, b) => b.length - a.length);
  }

  get(name: string): ModuleEntry | undefined {
    return this.entries.get(name);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  all(): IterableIterator<ModuleEntry> {
    return this.entries.values();
  }

  private entry(name: string): ModuleEntry {
    let e = this.entries.get(name);
    if (!e) {
      e = { name, isDir: false, isPackage: false };
      this.entries.set(name, e);
    }
    return e;
  }

  addFile(path: string): void {
    for (const root of this.roots) {
      const mod = moduleNameOf(path, root);
      if (!mod) continue;
      const parts = mod.name.split('.');
      const dirs = mod.init ? parts.length : parts.length - 1;
      for (let i = 1; i <= dirs; i++) this.entry(parts.slice(0, i).join('.')).isDir = true;
      const e = this.entry(mod.name);
      if (mod.init && (mod.ext === 'py' || mod.ext === 'pyi')) e.isPackage = true;
      if (mod.ext === 'py') e.py = path;
      else if (mod.ext === 'pyi' || (mod.ext === 'pyi.in' && !e.pyi)) e.pyi = path;
      else if (mod.ext === 'pyx') e.compiled ??= `Cython source ${path}`;
      else if (mod.ext === 'so' || mod.ext === 'pyd') e.compiled ??= `extension ${path}`;
    }
  }

  /** A compiled or generated module known from configuration or a build file. */
  addCompiled(name: string, why: string): void {
    if (!name.includes('.')) {
      this.compiledLeaves.set(name, why);
      if (!this.entries.has(name)) return;
    }
    const parts = name.split('.');
    for (let i = 1; i < parts.length; i++) {
      const parent = this.entries.get(parts.slice(0, i).join('.'));
      if (parent) parent.isDir = true;
    }
    this.entry(name).compiled ??= why;
  }

  addInjected(name: string, by: string): void {
    this.entry(name).injectedBy ??= by;
  }

  /** The file a module's own relative imports are resolved from: its name under the longest root. */
  fileModule(path: string): { name: string; isPackage: boolean } | undefined {
    if (this.ownNames.has(path)) return this.ownNames.get(path);
    let own: { name: string; isPackage: boolean } | undefined;
    for (const root of this.rootsLongestFirst) {
      const mod = moduleNameOf(path, root);
      if (mod) {
        own = { name: mod.name, isPackage: mod.init };
        break;
      }
    }
    this.ownNames.set(path, own);
    return own;
  }

  /** Direct submodule names of a package, for "did you mean" hints. */
  children(name: string): string[] {
    if (!this.childNames) {
      this.childNames = new Map();
      for (const full of this.entries.keys()) {
        const dot = full.lastIndexOf('.');
        const parent = dot < 0 ? '' : full.slice(0, dot);
        const list = this.childNames.get(parent) ?? [];
        list.push(full.slice(dot + 1));
        this.childNames.set(parent, list);
      }
    }
    return this.childNames.get(name) ?? [];
  }

  /** Top-level names the repository provides as packages or modules (not namespace-only). */
  isRegularTopLevel(name: string): boolean {
    const e = this.entries.get(name);
    return Boolean(e && (e.py || e.pyi || e.isPackage || e.compiled));
  }
}
