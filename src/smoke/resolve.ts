import { IN_FUNCTION, IN_TYPE_CHECKING, type ImportedName, type ImportRecord, type ScanResult } from './records.js';
import type { ModuleEntry, ModuleIndex } from './module-index.js';

/** What an import turned out to be. */
export type Category = 'internal' | 'stdlib' | 'third-party' | 'unknown' | 'unresolved';

export type ImportProblem =
  | { kind: 'broken-module'; module: string; missing: string; parent?: string; parentIsModule: boolean; namespaceOnly: boolean }
  | { kind: 'missing-name'; module: string; name: ImportedName; stub?: string }
  | { kind: 'beyond-top'; package: string };

export interface Resolution {
  category: Category;
  /** The absolute module the import names, when it could be worked out. */
  module?: string;
  problems: ImportProblem[];
}

/** Names every module has without binding them. */
const MODULE_ATTRIBUTES = ['__name__', '__file__', '__doc__', '__path__', '__spec__', '__loader__', '__package__', '__builtins__', '__dict__', '__cached__', '__annotations__'];

type Names = { open: true; reason: string } | { open: false; names: Set<string>; stub?: string };

/** The folder of a file outside a regular package's own folder: sys.path[0] when the file runs as a script. */
interface ScriptFolder {
  /** The folder as a dotted name. */
  folder: string;
  /** The file's own module name within the folder. */
  stem: string;
  /** Whether a folder above is a regular package (the file may be imported through it instead). */
  inPackage: boolean;
}

/**
 * Resolves imports the way Python would from the repository's roots, without importing anything:
 * packages, modules, PEP 420 namespaces, relative imports, stubs, compiled and injected modules.
 */
export class Resolver {
  private readonly namesCache = new Map<string, Names>();
  private readonly scriptDirs = new Map<string, ScriptFolder | undefined>();

  constructor(
    private readonly index: ModuleIndex,
    private readonly scans: ReadonlyMap<string, ScanResult>,
    private readonly stdlib: ReadonlySet<string>,
    private readonly thirdParty: ReadonlySet<string>,
  ) {}

  resolve(path: string, record: ImportRecord): Resolution {
    let absolute: string;
    if (record.level > 0) {
      const base = this.relativeBase(path, record);
      if (base === undefined) return { category: 'unresolved', problems: [] };
      if (base === null) return { category: 'internal', problems: [{ kind: 'beyond-top', package: this.topPackage(path) }] };
      absolute = [base, record.module].filter(Boolean).join('.');
      return this.internal(absolute, record, false);
    }
    absolute = record.module;
    const top = absolute.split('.')[0]!;
    const local = this.scriptDirectory(path);
    const sibling = local !== undefined && this.index.has(`${local.folder}.${top}`);
    // In a script folder, sys.path[0] is the folder: a sibling wins over everything (and shadows).
    if (sibling && !local.inPackage) return this.internal(`${local.folder}.${absolute}`, record, false, absolute);
    if (this.index.isRegularTopLevel(top)) return this.internal(absolute, record, false);
    if (this.stdlib.has(top)) return { category: 'stdlib', module: absolute, problems: [] };
    if (this.thirdParty.has(top)) return { category: 'third-party', module: absolute, problems: [] };
    // In a folder that may also be imported through its package, a sibling is the last resort,
    // and never the file itself (tokenizer/tiktoken.py importing the tiktoken distribution).
    if (sibling && local.inPackage && top !== local.stem) return this.internal(`${local.folder}.${absolute}`, record, false, absolute);
    if (this.index.has(top)) return this.internal(absolute, record, true);
    return { category: 'unknown', module: absolute, problems: [] };
  }

  /** The package a relative import starts from; null above the top level, undefined if unknown. */
  private relativeBase(path: string, record: ImportRecord): string | null | undefined {
    const own = this.index.fileModule(path);
    if (!own) return undefined;
    if (record.kind === 'dynamic' && !record.relativeTo) return undefined;
    const anchor = record.relativeTo === 'module' || own.isPackage ? own.name : own.name.split('.').slice(0, -1).join('.');
    const parts = anchor ? anchor.split('.') : [];
    if (record.level - 1 >= parts.length) return null;
    return parts.slice(0, parts.length - (record.level - 1)).join('.');
  }

  /** The top-level package a file belongs to; '' for a module that is in no package. */
  private topPackage(path: string): string {
    const own = this.index.fileModule(path);
    if (!own) return '';
    const pkg = own.isPackage ? own.name : own.name.split('.').slice(0, -1).join('.');
    return pkg.split('.')[0]!;
  }

  /** For a file outside a regular package's own folder, its folder (sys.path[0] when it runs as a script). */
  private scriptDirectory(path: string): ScriptFolder | undefined {
    // Asked once per import, answered once per file.
    if (this.scriptDirs.has(path)) return this.scriptDirs.get(path);
    const dir = this.computeScriptDirectory(path);
    this.scriptDirs.set(path, dir);
    return dir;
  }

  private computeScriptDirectory(path: string): ScriptFolder | undefined {
    const slash = path.lastIndexOf('/');
    if (slash < 0) return undefined;
    const dir = path.slice(0, slash);
    const own = this.index.fileModule(path);
    if (!own || own.isPackage) return undefined;
    const parts = own.name.split('.');
    const stem = parts.pop()!;
    const folder = parts.join('.');
    // In a regular package's own folder a bare import is never a sibling (no implicit relative imports).
    if (!folder || !dir.endsWith(folder.replace(/\./g, '/')) || this.index.get(folder)?.isPackage) return undefined;
    // A folder without __init__.py inside a regular package is also a namespace part of that
    // package: its modules may be run from the folder or imported through the package.
    let inPackage = false;
    for (let n = parts.length; n > 0 && !inPackage; n--) inPackage = this.index.get(parts.slice(0, n).join('.'))?.isPackage === true;
    return { folder, stem, inPackage };
  }

  private internal(absolute: string, record: ImportRecord, namespaceOnly: boolean, written?: string): Resolution {
    const parts = absolute.split('.');
    const problems: ImportProblem[] = [];
    let parent: ModuleEntry | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      const entry = this.index.get(name);
      if (!entry) {
        if (parent && this.submodulesOpen(parent)) return { category: 'internal', module: absolute, problems };
        if (this.index.compiledLeaves.has(parts[i - 1]!)) return { category: 'internal', module: absolute, problems };
        problems.push({ kind: 'broken-module', module: written ?? absolute, missing: name, parent: parent?.name, parentIsModule: Boolean(parent && !parent.isDir), namespaceOnly });
        return { category: 'internal', module: absolute, problems };
      }
      parent = entry;
    }
    if (record.kind === 'from') {
      for (const n of record.names) {
        if (n.name === '*' || this.index.has(`${absolute}.${n.name}`)) continue;
        const names = this.namesOf(absolute, (record.context & IN_FUNCTION) === 0 && (record.context & IN_TYPE_CHECKING) !== 0);
        if (names.open || names.names.has(n.name)) continue;
        problems.push({ kind: 'missing-name', module: written ?? absolute, name: n, stub: names.stub });
      }
    }
    return { category: 'internal', module: absolute, problems };
  }

  /** Submodules that cannot be listed: under compiled, generated or injected modules, or a changed __path__. */
  private submodulesOpen(entry: ModuleEntry): boolean {
    if (entry.compiled || entry.injectedBy) return true;
    const scan = entry.py ? this.scans.get(entry.py) : undefined;
    return Boolean(scan?.pathOpen);
  }

  /** The names a module binds at its top level, or why they cannot be known. */
  namesOf(module: string, stubFirst = false, seen = new Set<string>()): Names {
    const key = `${module}\0${stubFirst}`;
    const cached = this.namesCache.get(key);
    if (cached) return cached;
    const result = this.computeNames(module, stubFirst, seen);
    this.namesCache.set(key, result);
    return result;
  }

  private computeNames(module: string, stubFirst: boolean, seen: Set<string>): Names {
    const entry = this.index.get(module);
    if (!entry) return { open: true, reason: `${module} is not in the repository` };
    const file = stubFirst && entry.pyi ? entry.pyi : (entry.py ?? entry.pyi);
    if (!file) {
      if (entry.compiled) return { open: true, reason: `${module} is compiled (${entry.compiled}) and has no stub` };
      if (entry.injectedBy) return { open: true, reason: `${module} is put in sys.modules by ${entry.injectedBy}` };
      return { open: false, names: new Set(MODULE_ATTRIBUTES) };
    }
    const scan = this.scans.get(file);
    if (!scan) return { open: true, reason: `${file} could not be read` };
    if (scan.templated) return { open: true, reason: `${file} is a template whose names are generated` };
    if (scan.openReason) return { open: true, reason: `${module}: ${scan.openReason}` };
    const names = new Set([...MODULE_ATTRIBUTES, ...scan.bindings]);
    seen.add(module);
    for (const record of scan.imports) {
      if (record.kind !== 'from' || record.context & IN_FUNCTION || !record.names.some((n) => n.name === '*')) continue;
      const target = this.resolve(file, record);
      if (target.category !== 'internal' || !target.module || target.problems.length) return { open: true, reason: `${module} star-imports ${target.module ?? record.module}, whose names are not known` };
      if (seen.has(target.module)) continue;
      const source = this.index.get(target.module);
      // A stub may list only part of what a compiled module exports, so its star import stays unverified.
      if (source && !source.py && (source.compiled || source.pyi)) return { open: true, reason: `${module} star-imports the compiled module ${target.module}` };
      const sub = this.namesOf(target.module, stubFirst, seen);
      if (sub.open) return { open: true, reason: `${module} star-imports ${target.module}: ${sub.reason}` };
      for (const n of this.exported(target.module, sub.names)) names.add(n);
    }
    seen.delete(module);
    const isStub = file.endsWith('.pyi') || file.endsWith('.pyi.in');
    return { open: false, names, stub: isStub && !entry.py ? file : undefined };
  }

  /** What `from module import *` brings: `__all__` when literal, else the public names. */
  private exported(module: string, names: Set<string>): string[] {
    const entry = this.index.get(module);
    const scan = entry?.py ? this.scans.get(entry.py) : entry?.pyi ? this.scans.get(entry.pyi) : undefined;
    const publicNames = [...names].filter((n) => !n.startsWith('_'));
    if (!scan?.all) return publicNames;
    return scan.allDynamic ? [...new Set([...scan.all, ...publicNames])] : scan.all;
  }
}
