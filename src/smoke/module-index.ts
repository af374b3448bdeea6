/**
 * What the repository holds at each path that Python could import, keyed by the path without its
 * extension (`python/dgl/_ffi/base`, a directory by its own path). Module names are not decided
 * here: the same folder may be imported under different names from different sys.path entries
 * (resolve.ts walks these entries the way Python's path finder walks directories).
 */
import { dirOf } from './paths.js';

export interface PathEntry {
  path: string;
  /** The `.py` file (a package's `__init__.py`). */
  py?: string;
  /** The stub: `.pyi`, or a `.pyi.in` template that the build turns into one. */
  pyi?: string;
  /** A directory of that name exists (a package, or a PEP 420 namespace portion when nothing else). */
  isDir: boolean;
  /** Has `__init__.py` or `__init__.pyi`. */
  isPackage: boolean;
  /** Why a compiled module is here (a `.pyx` source, a built `.so`, a build rule). */
  compiled?: string;
  /** Why the build writes a Python module here (a template, a `.proto`, a rule's output, .gitignore). */
  generated?: string;
  /** Why this directory's content cannot be listed (a git submodule, a folder with no Python file). */
  open?: string;
  /** A `.pyx` source of a compiled module, whose definitions name what the module holds. */
  pyx?: string;
  /** A Python file is at or below this path. */
  hasPython: boolean;
}

export const IDENTIFIER = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*$/;

/** Module-like files: sources, stubs, stub templates, Cython sources, built extensions. */
const SOURCE = /\.(py|pyi|pyi\.in|pyx|so|pyd)$/;

/**
 * Files the build turns into a module of the name before the first dot: `version.py.in`,
 * `_conv.templ.pyx` (h5py), `_ufuncs.pyx.in` (Tempita), `*.py.tmpl`, `*.py.jinja`.
 */
const TEMPLATE =
  /^([A-Za-z_]\w*)\.(?:[\w-]+\.)?(?:py|pyx|pyi)\.(?:in|tp|tmpl|template|jinja2?|j2|mako)$|^([A-Za-z_]\w*)\.(?:templ|tmpl|in|template)\.(?:py|pyx)$/;

/** `a.proto` → `a_pb2`, `a_pb2_grpc`, `a_pb` (protoc's and ONNX's generated modules); `-` becomes `_`. */
const PROTO = /^([\w.-]+?)(?:\.in)?\.proto$/;

/** The last extensions of module-like files, templates and `.proto` files. */
const MAY_MATTER = new Set(['py', 'pyi', 'in', 'pyx', 'so', 'pyd', 'proto', 'tp', 'tmpl', 'template', 'jinja', 'jinja2', 'j2', 'mako']);

/** The file name without extension of a module-like file, and its kind; undefined for other files. */
function moduleFile(base: string): { stem: string; ext: string } | undefined {
  const m = SOURCE.exec(base);
  if (!m) return undefined;
  const ext = m[1]!;
  // A built extension carries its ABI tag: `_C.cpython-311-x86_64-linux-gnu.so`.
  const stem = ext === 'so' || ext === 'pyd' ? base.slice(0, base.indexOf('.')) : base.slice(0, -m[0].length);
  return { stem, ext };
}

/** Every path of the repository that can hold a module, package or namespace portion. */
export class ModuleIndex {
  private readonly entries = new Map<string, PathEntry>();
  /** Module leaf names generated or compiled somewhere the build decides (a CMake target, a `.proto`'s output). */
  readonly leaves = new Map<string, string>();
  /** Symbolic links to folders of the repository (`src/executorch/exir -> ../../exir`): link path → target path. */
  readonly links = new Map<string, string>();

  get(path: string): PathEntry | undefined {
    return this.entries.get(path);
  }

  all(): IterableIterator<PathEntry> {
    return this.entries.values();
  }

  /** The entry at `dir/name` (`name` at the repository root when `dir` is ''), through a link to a folder. */
  child(dir: string, name: string): PathEntry | undefined {
    const key = dir ? `${dir}/${name}` : name;
    return this.entries.get(this.links.get(key) ?? key);
  }

  /** A symbolic link at `path` to the folder `target`. */
  addLink(path: string, target: string): void {
    if (path !== target && !target.startsWith(`${path}/`)) this.links.set(path, target);
    if (this.children) this.forgetChildren();
  }

  /** The other paths a folder is seen at through links (`exir` is also `src/executorch/exir`). */
  aliases(path: string): string[] {
    const out = [path];
    for (const [link, target] of this.links) {
      if (path === target || path.startsWith(`${target}/`)) out.push(link + path.slice(target.length));
    }
    return out;
  }

  private entry(path: string): PathEntry {
    let e = this.entries.get(path);
    if (!e) {
      e = { path, isDir: false, isPackage: false, hasPython: false };
      this.entries.set(path, e);
      if (this.children) this.forgetChildren();
    }
    return e;
  }

  /** Adds any file: its folders exist, and a module-like file makes an entry of its own. */
  addFile(path: string): void {
    const dir = dirOf(path);
    const base = path.slice(dir ? dir.length + 1 : 0);
    // Most files of a large tree are neither modules nor what the build makes them from.
    if (!MAY_MATTER.has(base.slice(base.lastIndexOf('.') + 1))) return this.addDirs(dir, false);
    if (TEMPLATE.test(base)) return this.addGenerated(dir, base, path);
    const mod = moduleFile(base);
    const python = Boolean(mod && mod.ext !== 'so' && mod.ext !== 'pyd');
    this.addDirs(dir, python);
    if (!mod) return this.addGenerated(dir, base, path);
    const init = mod.stem === '__init__';
    const e = this.entry(init ? dir : dir ? `${dir}/${mod.stem}` : mod.stem);
    if (python) e.hasPython = true;
    if (init && (mod.ext === 'py' || mod.ext === 'pyi')) e.isPackage = true;
    if (mod.ext === 'py') e.py = path;
    else if (mod.ext === 'pyi' || (mod.ext === 'pyi.in' && !e.pyi)) e.pyi = path;
    else if (mod.ext === 'pyx') {
      e.compiled ??= `Cython source ${path}`;
      e.pyx = path;
    } else if (mod.ext === 'so' || mod.ext === 'pyd') e.compiled ??= `extension ${path}`;
  }

  private addDirs(dir: string, python: boolean): void {
    for (let d = dir; d; d = dirOf(d)) {
      const e = this.entry(d);
      const known = e.isDir && (e.hasPython || !python);
      e.isDir = true;
      if (python) e.hasPython = true;
      if (known) break;
    }
  }

  /** Templates and `.proto` files: the modules the build writes from them. */
  private addGenerated(dir: string, base: string, path: string): void {
    const t = TEMPLATE.exec(base);
    if (t) {
      const e = this.entry(dir ? `${dir}/${t[1] ?? t[2]}` : (t[1] ?? t[2])!);
      e.generated ??= `generated from ${path}`;
      if (base.includes('.pyx')) e.pyx ??= path;
      return;
    }
    const p = PROTO.exec(base);
    if (!p) return;
    const stem = p[1]!.replace(/[-.]/g, '_');
    for (const leaf of [`${stem}_pb2`, `${stem}_pb2_grpc`, `${stem}_pb`]) {
      this.leaves.set(leaf, `generated by protoc from ${path}`);
      this.entry(dir ? `${dir}/${leaf}` : leaf).generated ??= `generated by protoc from ${path}`;
    }
  }

  /** A compiled or generated module at a path, known from a build file. */
  addBuilt(path: string, kind: 'compiled' | 'generated', why: string): void {
    this.addDirs(dirOf(path), false);
    const e = this.entry(path);
    if (kind === 'compiled') e.compiled ??= why;
    else e.generated ??= why;
  }

  /** A directory whose content Python cannot be told about here (a submodule that is not checked out). */
  addOpenDir(path: string, why: string): void {
    this.addDirs(dirOf(path), false);
    const e = this.entry(path);
    e.isDir = true;
    e.open ??= why;
  }

  /** Whether an entry is something Python imports as a module or regular package (not a namespace portion). */
  static isRegular(e: PathEntry | undefined): boolean {
    return Boolean(e && (e.py || e.pyi || e.isPackage || e.compiled || e.generated));
  }

  private children?: Map<string, string[]>;
  private childSets = new Map<string, Set<string>>();

  private forgetChildren(): void {
    this.children = undefined;
    this.childSets = new Map();
  }

  /** Whether `dir` has an entry (or a link to a folder) called `name`: a quick test before the lookup. */
  hasChild(dir: string, name: string): boolean {
    let set = this.childSets.get(dir);
    if (!set) {
      set = new Set(this.childNames(dir));
      this.childSets.set(dir, set);
    }
    return set.has(name);
  }

  /** Names of the entries directly under a directory that could be module names (links to folders too). */
  childNames(dir: string): string[] {
    if (!this.children) {
      this.children = new Map();
      this.childSets = new Map();
      for (const key of [...this.entries.keys(), ...this.links.keys()]) {
        const slash = key.lastIndexOf('/');
        const name = key.slice(slash + 1);
        if (!IDENTIFIER.test(name)) continue;
        const parent = slash < 0 ? '' : key.slice(0, slash);
        const list = this.children.get(parent);
        if (list) list.push(name);
        else this.children.set(parent, [name]);
      }
    }
    return this.children.get(dir) ?? [];
  }
}
