/**
 * Where each of the repository's packages is imported from, and so what a file's module name is.
 * A regular package (a folder chain with `__init__.py`) can only be imported from a sys.path entry
 * at one of the folders above it, with the folders in between being PEP 420 namespace portions:
 * `python/dgl/` is `dgl` from `python/` or `python.dgl` from the root; `jaraco/functools/` is
 * `jaraco.functools` from the root or `functools` from `jaraco/`. The build files decide when they
 * name the folder; otherwise the repository's own absolute imports do (`import dgl` says `python/`),
 * and the most specific name they use wins; with no evidence, the folder right above the package.
 */
import { IDENTIFIER, type ModuleIndex } from './module-index.js';
import { dirOf } from './paths.js';

export interface Home {
  /** The sys.path folder the package is imported from; none when the build maps it to its name (`package_dir`). */
  dir?: string;
  /** The package's dotted name from there. */
  name: string;
  /**
   * Why this home: the build names the folder or maps the package (`build`), the repository's
   * imports use the name (`imports`), or nothing says, so the folder right above it (`folder`).
   */
  how: 'build' | 'imports' | 'folder';
}

export interface Identity {
  /** The file's module name (`pkg.sub.mod`, `pkg.sub` for its `__init__.py`). */
  name: string;
  isPackage: boolean;
  /** The sys.path folder it is named from; none when a build mapping names it. */
  home?: string;
}

const MODULE_FILE = /\.(py|pyi|pyi\.in)$/;

export class PackageHomes {
  /** Topmost package folder → its home. */
  private readonly homes = new Map<string, Home>();
  private readonly identities = new Map<string, Identity | undefined>();
  /** Imported names that have a longer imported name below them. */
  private parents?: Set<string>;

  constructor(
    private readonly index: ModuleIndex,
    /** sys.path folders the build or the test runner names, strongest evidence for a home. */
    private readonly explicitRoots: ReadonlySet<string>,
    /** Every dotted module name the repository imports absolutely, and every prefix of one. */
    private readonly imported: ReadonlySet<string>,
    /** All sys.path folders, for files outside any package (the longest one that contains the file names it). */
    private readonly pathRoots: readonly string[],
    /** Folders the build installs as a package of another name (`package_dir = {"executorch": "src/executorch"}`). */
    private readonly mappings: readonly { module: string; path: string }[] = [],
    /** Top-level names of declared third-party dependencies: a plain `import name` of one is no evidence for a folder of that name. */
    private readonly thirdParty: ReadonlySet<string> = new Set(),
  ) {}

  /** The topmost regular package folder containing `dir`, if `dir` is in one. */
  topPackage(dir: string): string | undefined {
    if (!this.isPackage(dir)) return undefined;
    let top = dir;
    for (let d = dirOf(dir); d && this.isPackage(d); d = dirOf(d)) top = d;
    return top;
  }

  private isPackage(dir: string): boolean {
    return dir !== '' && this.index.get(dir)?.isPackage === true;
  }

  /** The home of the topmost package folder `top`. */
  home(top: string): Home {
    let h = this.homes.get(top);
    if (!h) {
      h = this.choose(top);
      this.homes.set(top, h);
    }
    return h;
  }

  /** Every topmost package folder with its home. */
  allHomes(): Map<string, Home> {
    for (const e of this.index.all()) {
      if (!e.isPackage) continue;
      const top = this.topPackage(e.path);
      if (top) this.home(top);
    }
    return this.homes;
  }

  private choose(top: string): Home {
    const parts = top.split('/');
    const candidates: Home[] = [];
    // From the folder right above the package upwards, while the folders in between are namespace portions.
    for (let j = parts.length - 1; j >= 0; j--) {
      const between = parts.slice(j, parts.length - 1);
      if (!between.every((p) => IDENTIFIER.test(p))) break;
      candidates.push({ dir: parts.slice(0, j).join('/'), name: parts.slice(j).join('.'), how: 'folder' });
    }
    const fallback: Home = candidates[0] ?? { dir: dirOf(top), name: parts[parts.length - 1]!, how: 'folder' };
    if (!IDENTIFIER.test(parts[parts.length - 1]!)) return fallback;
    // The build's word first: a folder it maps to a package name, then a source folder it names.
    for (const alias of this.index.aliases(top)) {
      for (const m of this.mappings) {
        const rest = alias === m.path ? '' : alias.startsWith(`${m.path}/`) ? alias.slice(m.path.length + 1) : undefined;
        if (rest === undefined || !rest.split('/').every((p) => !p || IDENTIFIER.test(p))) continue;
        return { name: [m.module, ...rest.split('/').filter(Boolean)].join('.'), how: 'build' };
      }
    }
    const explicit = candidates.find((c) => c.dir !== '' && this.explicitRoots.has(c.dir!));
    if (explicit) return { ...explicit, how: 'build' };
    const used = candidates.filter((c) => this.importedInto(c.name, top));
    if (used.length) return { ...used.reduce((a, b) => (b.name.split('.').length > a.name.split('.').length ? b : a)), how: 'imports' };
    // Nothing imports it by a name: it is named from the folder above it (for its own relative imports), and known by no other code.
    return fallback;
  }

  /**
   * Whether the repository imports the package at `top` as `name`: `name.x` for an `x` that is in
   * it, or `name` alone when that is no declared dependency's name (a test folder called `facto`
   * is not what `import facto.specdb` means).
   */
  private importedInto(name: string, top: string): boolean {
    if (!this.imported.has(name)) return false;
    for (const child of this.index.childNames(top)) if (this.imported.has(`${name}.${child}`)) return true;
    if (!this.parents) {
      this.parents = new Set();
      for (const n of this.imported) {
        const dot = n.lastIndexOf('.');
        if (dot > 0) this.parents.add(n.slice(0, dot));
      }
    }
    return !this.parents.has(name) && !this.thirdParty.has(name);
  }

  /** The module name of a file, or undefined when no sys.path entry can import it. */
  identity(path: string): Identity | undefined {
    if (this.identities.has(path)) return this.identities.get(path);
    const id = this.compute(path);
    this.identities.set(path, id);
    return id;
  }

  private compute(path: string): Identity | undefined {
    const dir = dirOf(path);
    const base = path.slice(dir ? dir.length + 1 : 0);
    const m = MODULE_FILE.exec(base);
    const stem = m ? base.slice(0, -m[0].length) : base.slice(0, base.indexOf('.') < 0 ? base.length : base.indexOf('.'));
    const isPackage = stem === '__init__';
    const top = this.topPackage(dir);
    let home: string | undefined;
    let prefix: string;
    if (top) {
      const h = this.home(top);
      home = h.dir;
      prefix = h.name;
      const rest = dir.slice(top.length);
      if (rest) prefix += rest.replace(/\//g, '.');
    } else {
      // Outside any package: named from the longest sys.path folder above it, through namespace folders.
      const root = this.pathRoots
        .filter((r) => r === '' || dir === r || dir.startsWith(`${r}/`))
        .reduce<string | undefined>((a, r) => (a === undefined || r.length > a.length ? r : a), undefined);
      if (root === undefined) return undefined;
      const between = dir.slice(root.length).split('/').filter(Boolean);
      if (!between.every((p) => IDENTIFIER.test(p))) return undefined;
      home = root;
      prefix = between.join('.');
    }
    if (!isPackage && !IDENTIFIER.test(stem)) return undefined;
    const name = isPackage ? prefix : prefix ? `${prefix}.${stem}` : stem;
    return name ? { name, isPackage, home } : undefined;
  }
}
