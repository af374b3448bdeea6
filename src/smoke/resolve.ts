import type { ModuleIndex, PathEntry } from './module-index.js';
import { ModuleNames, type Names } from './module-names.js';
import type { PackageHomes } from './package-homes.js';
import type { ImportedName, ImportRecord, ScanResult } from './records.js';
import { FilePlaces } from './file-places.js';
import type { NativeBuilds } from './native-builds.js';
import { dirOf, stemOf } from './paths.js';
import { SearchPath } from './search-path.js';
import { memoIn } from '../core/memo.js';

/** What an import turned out to be. */
export type Category = 'internal' | 'stdlib' | 'third-party' | 'unknown' | 'unresolved';

export type ImportProblem =
  | {
      kind: 'broken-module';
      module: string;
      missing: string;
      parent?: string;
      parentIsModule: boolean;
      namespace: boolean;
      candidates: string[];
      dirs: string[];
    }
  | { kind: 'missing-name'; module: string; name: ImportedName; stub?: string; namespace: boolean; candidates: string[]; file?: string }
  | { kind: 'beyond-top'; package: string };

export interface Resolution {
  category: Category;
  /** The absolute module the import names, when it could be worked out. */
  module?: string;
  problems: ImportProblem[];
  /** The repository file the import loads (its source, else its stub), for what-imports-what. */
  file?: string;
}

/**
 * What a dotted name is at one step of the walk: a regular package (one folder), a PEP 420
 * namespace package (every portion found), a module, or something whose content cannot be listed
 * (compiled, generated, injected into sys.modules, a folder the checkout does not show).
 */
interface Node {
  name: string;
  kind: 'package' | 'namespace' | 'module' | 'open';
  dirs: string[];
  entry?: PathEntry;
  /** A namespace folder inside a regular package: all of it is in that package's folder, so nothing is missing elsewhere. */
  contained?: boolean;
}

/**
 * A place a top-level name is found. `project` when it is where the project's packages are for
 * every run (the checkout's root, the build's source folders, a package the build names): there an
 * installed distribution of the same name does not excuse a problem, as it would for a folder only
 * one script or test run sees.
 */
type Top = { node: Node; project?: boolean; weak?: boolean } | { category: 'stdlib' | 'third-party' | 'unknown' };

/**
 * What the files of one folder see: the places of each top-level name, and what `absolute` is
 * when the first place settles it (the standard library, a dependency, a module that walks
 * cleanly): most imports, answered once per folder. Null when the other places must be tried
 * (see lookup).
 */
interface NameView {
  tops: Map<string, Top[]>;
  settled: Map<string, { category: Category } | { node: Node } | null>;
}

/** A folder's views: of every other name, and of a file's own stem (a file never finds itself). */
interface FolderView {
  others: NameView;
  own: NameView;
}

export interface ResolverContext {
  index: ModuleIndex;
  scans: ReadonlyMap<string, ScanResult>;
  homes: PackageHomes;
  search: SearchPath;
  stdlib: ReadonlySet<string>;
  thirdParty: ReadonlySet<string>;
  /** Top-level namespace names that declared dependencies also install into (`jaraco`, `google`). */
  thirdPartyNamespaces: ReadonlySet<string>;
  isCollectedTest: (path: string) => boolean;
  native: NativeBuilds;
  pyxNames: (path: string) => Set<string> | undefined;
}

/**
 * Resolves imports the way Python's path finder would from the repository, without importing
 * anything: sys.path in order, the first regular package or module wins and namespace portions are
 * merged only when none exists, submodules are looked up in the package's own folder, names in
 * its source and stub.
 */
export class Resolver {
  readonly names: ModuleNames;
  private readonly places: FilePlaces;

  private writers?: Set<string>;

  constructor(private readonly c: ResolverContext) {
    this.places = new FilePlaces(c.index, c.homes, c.search, c.isCollectedTest);
    const star = (file: string, record: ImportRecord) => {
      const r = this.walk(file, record);
      return { name: r.module, entry: r.node?.entry, open: r.category !== 'internal' || r.problems.length > 0 || !r.node || r.node.kind === 'open' };
    };
    this.names = new ModuleNames(
      c.scans,
      star,
      c.pyxNames,
      (file, record) => this.absolute(file, record),
      () => this.callerGlobalsWriters(),
    );
  }

  /** The modules whose code writes into their callers' globals, by name. */
  private callerGlobalsWriters(): Set<string> {
    if (!this.writers) {
      this.writers = new Set();
      for (const [path, scan] of this.c.scans) {
        const id = scan.writesCallerGlobals ? this.c.homes.identity(path) : undefined;
        if (id) this.writers.add(id.name);
      }
    }
    return this.writers;
  }

  /** The dotted module an import names, relative ones made absolute from the file's own name. */
  absolute(path: string, record: ImportRecord): string | undefined {
    if (record.level === 0) return record.module;
    const r = this.places.relative(path, record);
    return r && 'absolute' in r ? r.absolute : undefined;
  }

  resolve(path: string, record: ImportRecord): Resolution {
    const r = this.walk(path, record);
    return { category: r.category, module: r.module, problems: r.problems, file: r.node?.entry?.py ?? r.node?.entry?.pyi };
  }

  private walk(path: string, record: ImportRecord): Resolution & { node?: Node } {
    if (record.level === 0) return this.lookup(path, record.module, record);
    const r = this.places.relative(path, record);
    if (!r) return { category: 'unresolved', problems: [] };
    if ('beyond' in r) return { category: 'internal', problems: [{ kind: 'beyond-top', package: r.beyond }] };
    return this.lookup(path, r.absolute, record);
  }

  /**
   * Resolves `absolute` from the first place its top-level name is found; when that shows a
   * problem, the other places it could be found from in another run (another script's folder,
   * another sys.path) are tried, and a clean one wins: the finding needs every reading to fail.
   */
  private lookup(from: string, absolute: string, record: ImportRecord): Resolution & { node?: Node } {
    const dot = absolute.indexOf('.');
    const top = dot < 0 ? absolute : absolute.slice(0, dot);
    const { settled: answers } = this.seenFrom(top, from);
    let settled = answers.get(absolute);
    if (settled === undefined) {
      const first = this.topsOf(top, from)[0]!;
      settled = null;
      if ('category' in first) settled = { category: first.category };
      else if (!first.weak) {
        const walked = this.walkModule(first.node, absolute.split('.'), absolute);
        if ('node' in walked) settled = walked;
      }
      answers.set(absolute, settled);
    }
    if (settled && 'category' in settled) return { category: settled.category, module: absolute, problems: [] };
    if (settled && (record.kind !== 'from' || !this.missingNames(settled.node, absolute, record).length))
      return { category: 'internal', module: absolute, problems: [], node: settled.node };
    return this.lookupEverywhere(from, absolute, record);
  }

  /** Every place of the top-level name in turn: the first clean reading wins, else the first one's problems. */
  private lookupEverywhere(from: string, absolute: string, record: ImportRecord): Resolution & { node?: Node } {
    const parts = absolute.split('.');
    let first: (Resolution & { node?: Node; project?: boolean }) | undefined;
    for (const top of this.topsOf(parts[0]!, from)) {
      if ('category' in top) {
        if (!first) return { category: top.category, module: absolute, problems: [] };
        // An installed module of that name answers for a folder that only some runs see.
        if (top.category !== 'unknown' && !first.project) return { category: top.category, module: absolute, problems: [] };
        continue;
      }
      const r = this.walkFrom(top.node, parts, absolute, record);
      if (!r.problems.length) return r;
      if (!top.weak) first ??= { ...r, project: top.project };
    }
    return first ?? { category: 'unknown', module: absolute, problems: [] };
  }

  /**
   * The places of a top-level name for a file, computed once per folder: files of one folder see
   * the same sys.path (a test module and its neighbours apart, and a file never finds itself).
   * Views are kept in maps of their own rather than under composed string keys, which cost a
   * concatenation and a hash of the whole key for every import.
   */
  private readonly folderViews = new Map<string, FolderView>();
  private readonly fileViews = new Map<string, { folder: FolderView; stem: string }>();

  /** What a file sees of a top-level name: its folder's view, unless the name is the file's own. */
  private seenFrom(name: string, from: string): NameView {
    let file = this.fileViews.get(from);
    if (!file) {
      const key = `${dirOf(from)}\0${this.places.testBasedir(from) ?? '-'}`;
      let folder = this.folderViews.get(key);
      if (!folder) {
        folder = { others: { tops: new Map(), settled: new Map() }, own: { tops: new Map(), settled: new Map() } };
        this.folderViews.set(key, folder);
      }
      file = { folder, stem: stemOf(from) };
      this.fileViews.set(from, file);
    }
    return name === file.stem ? file.folder.own : file.folder.others;
  }

  private topsOf(name: string, from: string): Top[] {
    const { tops } = this.seenFrom(name, from);
    let list = tops.get(name);
    if (!list) {
      list = [];
      for (const top of this.tops(name, from)) {
        list.push(top);
        // Nothing in the repository comes first (the standard library, a dependency): the rest is never asked for.
        if (list.length === 1 && 'category' in top) break;
      }
      tops.set(name, list);
    }
    return list;
  }

  /** What each module path below a place is: a node, or the problem where the walk stops. Per place, per name. */
  private readonly walks = new WeakMap<Node, Map<string, { node: Node } | { category: 'third-party' } | { problem: ImportProblem }>>();

  private walkModule(start: Node, parts: string[], absolute: string): { node: Node } | { category: 'third-party' } | { problem: ImportProblem } {
    return memoIn(this.walks, start, absolute, () => this.walkOnce(start, parts, absolute));
  }

  private walkOnce(start: Node, parts: string[], absolute: string): { node: Node } | { category: 'third-party' } | { problem: ImportProblem } {
    let result: { node: Node } | { category: 'third-party' } | { problem: ImportProblem } | undefined;
    let node = start;
    for (let i = 1; i < parts.length && !result; i++) {
      const next = this.knownChild(node, parts[i]!);
      if (next) node = next;
      else if (this.thirdPartyPortion(node)) result = { category: 'third-party' };
      else
        result = {
          problem: {
            kind: 'broken-module',
            module: absolute,
            missing: `${node.name}.${parts[i]}`,
            parent: node.name,
            parentIsModule: node.kind === 'module',
            namespace: this.portionsElsewhere(node),
            candidates: this.childNames(node),
            dirs: node.dirs,
          },
        };
    }
    return result ?? { node };
  }

  /**
   * child(), once per node and leaf: walks of `a.b.c`, `a.b.d` and `a.b` share their steps, and the
   * same node comes back for a step, so walks below it are cached once too.
   */
  private readonly children = new WeakMap<Node, Map<string, Node | null>>();

  private knownChild(node: Node, leaf: string): Node | undefined {
    return memoIn(this.children, node, leaf, () => this.child(node, leaf) ?? null) ?? undefined;
  }

  private walkFrom(start: Node, parts: string[], absolute: string, record: ImportRecord): Resolution & { node?: Node } {
    const walked = this.walkModule(start, parts, absolute);
    if ('category' in walked) return { category: 'third-party', module: absolute, problems: [] };
    if ('problem' in walked) return { category: 'internal', module: absolute, problems: [walked.problem] };
    const node = walked.node;
    return { category: 'internal', module: absolute, problems: record.kind === 'from' ? this.missingNames(node, absolute, record) : [], node };
  }

  /** The names of `from absolute import …` that the module neither binds nor has as a submodule. */
  private missingNames(node: Node, absolute: string, record: ImportRecord): ImportProblem[] {
    const problems: ImportProblem[] = [];
    if (node.kind === 'open') return problems;
    for (const n of record.names) {
      if (n.name === '*' || this.provides(node, n.name)) continue;
      const names = this.namesOf(node);
      if (names.open) continue; // provides() already ruled it out: the test narrows the type
      problems.push({
        kind: 'missing-name',
        module: absolute,
        name: n,
        stub: names.stub,
        namespace: this.portionsElsewhere(node),
        candidates: [...names.names, ...this.childNames(node)],
        file: node.entry?.py ?? node.entry?.pyi,
      });
    }
    return problems;
  }

  /**
   * Whether a module has `name` (binds it, or has it as a submodule), once per module and name:
   * the same names are imported from the same modules by many files.
   */
  private readonly provided = new WeakMap<Node, Map<string, boolean>>();

  private provides(node: Node, name: string): boolean {
    return memoIn(this.provided, node, name, () => this.hasSubmodule(node, name) || this.binds(node, name));
  }

  /** The module binds `name`, or cannot be read for it; the build's and the namespace's evidence is looked for only for a name that is missing. */
  private binds(node: Node, name: string): boolean {
    const names = this.namesOf(node);
    return names.open || names.names.has(name) || this.child(node, name, true) !== undefined || this.thirdPartyPortion(node);
  }

  private hasSubmodule(node: Node, leaf: string): boolean {
    for (const d of node.dirs) if (this.c.index.hasChild(d, leaf)) return true;
    return false;
  }

  /** The names a resolved module binds (open for compiled modules without a stub, and the like). */
  private namesOf(node: Node): Names {
    if (node.kind === 'namespace') return { open: false, names: new Set() };
    return this.names.of(node.entry, node.name);
  }

  /** A namespace package whose other portions may be installed anywhere on sys.path (not one inside a regular package). */
  private portionsElsewhere(node: Node): boolean {
    return node.kind === 'namespace' && !node.contained;
  }

  /** A missing piece of a namespace package that a declared dependency also installs into. */
  private thirdPartyPortion(node: Node): boolean {
    return this.portionsElsewhere(node) && this.c.thirdPartyNamespaces.has(node.name.split('.')[0]!);
  }

  /**
   * What a top-level name can be, in Python's search order: the script's folder, the test runner's,
   * the folder of the file's own package, the roots searched before the standard library, the
   * standard library, installed packages, what the build makes, declared dependencies; then the
   * other ways the file may be run (as a script from its own folder, under Bazel's workspace name)
   * and, when nothing regular exists, the namespace package of every portion seen.
   */
  private *tops(name: string, from: string): Generator<Top> {
    const { index, search, stdlib, thirdParty } = this.c;
    const portions: string[] = [];
    const script = this.places.scriptFolder(from);
    const at = (dir: string) => (index.hasChild(dir, name) ? this.at(dir, name, name, portions) : undefined);
    for (const { dir, project, names } of this.places.searchDirs(from)) {
      if (names && !names.has(name)) continue;
      const n = at(dir);
      if (n) yield { node: n, project };
    }
    if (stdlib.has(name)) yield { category: 'stdlib' };
    for (const root of search.installedFor(name)) {
      if (!SearchPath.sees(root, from)) continue;
      const n = at(root.dir);
      if (n) yield { node: n, project: root.project };
    }
    const mapped = this.mapped(name);
    if (mapped) yield { node: mapped, project: true };
    if (search.builtAt(name)) yield { node: { name, kind: 'open', dirs: [] } };
    if (thirdParty.has(name)) yield { category: 'third-party' };
    // In a folder without __init__.py inside a package, a sibling is the last resort (the file may be imported through its package), and never the file itself.
    if (script?.inPackage && name !== script.stem) {
      const n = at(script.dir);
      if (n) yield { node: n };
    }
    // Other ways the file may run, taken only when they resolve cleanly: a script beside it in its
    // package, or above it up to its top package, run as the main script (its folder is sys.path[0]
    // and the package's modules import what is beside it); Bazel, where the workspace's own name is
    // a package rooted at the workspace (`jax.jaxlib._jax`).
    for (const dir of this.places.enclosingFolders(from)) {
      const n = dir === dirOf(from) && name === stemOf(from) ? undefined : at(dir);
      if (n) yield { node: n, weak: true };
    }
    if (name === search.workspace) yield { node: { name, kind: 'package', dirs: [''] }, weak: true };
    if (portions.length || search.installedDirs.has(name)) yield { node: { name, kind: 'namespace', dirs: [...new Set(portions)] } };
    if (index.leaves.has(name)) yield { node: { name, kind: 'open', dirs: [] } };
    yield { category: 'unknown' };
  }

  /**
   * One node per entry and name: the places of a top-level name are worked out per folder, and a
   * fresh node for each would make every folder walk the same modules again (walks are cached by node).
   */
  private readonly nodes = new Map<PathEntry, Map<string, Node>>();

  /** The regular module or package `name` in `dir`, noting a namespace portion there in `portions`. */
  private at(dir: string, leaf: string, name: string, portions: string[]): Node | undefined {
    const e = this.c.index.child(dir, leaf);
    if (!e) return undefined;
    if (!e.isPackage && !e.py && !e.pyi && !e.compiled && !e.generated) {
      if (e.isDir) portions.push(e.path);
      return undefined;
    }
    let byName = this.nodes.get(e);
    if (!byName) {
      byName = new Map();
      this.nodes.set(e, byName);
    }
    let node = byName.get(name);
    if (!node) {
      node = e.isPackage ? { name, kind: 'package', dirs: [e.path], entry: e } : { name, kind: 'module', dirs: [], entry: e };
      byName.set(name, node);
    }
    return node;
  }

  /** A folder or file that the build installs as `name` (package_dir, meson). */
  private mapped(name: string): Node | undefined {
    for (const path of this.c.search.mappings.get(name) ?? []) {
      const e = this.c.index.get(path.replace(/\.pyi?$/, ''));
      if (!e) continue;
      if (e.isDir && !e.py && !e.pyi) return { name, kind: e.isPackage ? 'package' : 'namespace', dirs: [e.path], entry: e };
      return { name, kind: 'module', dirs: [], entry: e };
    }
    return undefined;
  }

  /**
   * The submodule `leaf` of a node. `exactly`: only one that is there or that the build names
   * itself, not one merely under a compiled package (its stub says what it holds).
   */
  private child(node: Node, leaf: string, exactly = false): Node | undefined {
    const name = `${node.name}.${leaf}`;
    const open = (): Node => ({ name, kind: 'open', dirs: [] });
    if (node.kind === 'open') return open();
    const { search, index } = this.c;
    if (node.kind === 'module') {
      const e = node.entry!;
      if (!exactly && (e.compiled || e.generated || this.pathOpen(e))) return open();
      if (search.builtAt(name, exactly)) return open();
      return this.mapped(name);
    }
    const portions: string[] = [];
    for (const dir of node.dirs) {
      const n = this.at(dir, leaf, name, portions);
      if (n) return n;
    }
    const mapped = this.mapped(name);
    if (mapped) return mapped;
    if (search.builtAt(name, exactly) || index.leaves.has(leaf) || node.dirs.some((d) => this.c.native.builtIn(d, leaf)) || this.c.native.cmakeTarget(leaf))
      return open();
    const e = node.entry;
    if (e && (e.compiled || e.generated || this.pathOpen(e))) return open();
    if (node.dirs.some((d) => this.isOpenDir(index.get(d)))) return open();
    if (portions.length || search.installedDirs.has(name))
      return { name, kind: 'namespace', dirs: portions, contained: node.kind === 'package' || node.contained };
    return undefined;
  }

  /** A folder whose content the checkout does not show: a submodule, or one with no Python file (data, headers, generated). */
  private isOpenDir(e: PathEntry | undefined): boolean {
    return Boolean(e && (e.open || (e.isDir && !e.hasPython)));
  }

  /** A package that changes its `__path__` or replaces itself in sys.modules: its submodules cannot be listed. */
  private pathOpen(e: PathEntry): boolean {
    const scan = e.py ? this.c.scans.get(e.py) : undefined;
    return Boolean(scan?.pathOpen);
  }

  private childNames(node: Node): string[] {
    return node.dirs.flatMap((d) => this.c.index.childNames(d));
  }
}
