/**
 * The names a module binds at its top level, or why they cannot be known: from its source and
 * its stub together (a stub beside a source names what exists at run time), star imports followed
 * through `__all__`, a compiled module's stub and its Cython source.
 */
import type { PathEntry } from './module-index.js';
import { IN_FUNCTION, type ImportRecord, type ScanResult } from './records.js';

export type Names = { open: true; reason: string } | { open: false; names: Set<string>; stub?: string };

/** Names every module has without binding them. */
export const MODULE_ATTRIBUTES = [
  '__name__',
  '__file__',
  '__doc__',
  '__path__',
  '__spec__',
  '__loader__',
  '__package__',
  '__builtins__',
  '__dict__',
  '__cached__',
  '__annotations__',
];

/** What a star import's target turned out to be. */
export interface StarTarget {
  name?: string;
  /** The target's files, when it is a module or package of the repository that resolved without problems. */
  entry?: PathEntry;
  open?: boolean;
}

export class ModuleNames {
  private readonly cache = new Map<string, Names>();

  constructor(
    private readonly scans: ReadonlyMap<string, ScanResult>,
    /** Resolves a star import of `file` to its target. */
    private readonly starTarget: (file: string, record: ImportRecord) => StarTarget,
    /** Names a Cython source defines (read on demand). */
    private readonly pyxNames: (path: string) => Set<string> | undefined,
    /** The dotted module a from-import of `file` names (without resolving it). */
    private readonly absoluteName: (file: string, record: ImportRecord) => string | undefined,
    /** Modules that write into their callers' globals. */
    private readonly callerGlobalsWriters: () => ReadonlySet<string>,
  ) {}

  /** The names of the module at `entry` (undefined for a namespace package: it binds nothing). */
  of(entry: PathEntry | undefined, name: string, seen = new Set<string>()): Names {
    if (!entry) return { open: false, names: new Set(MODULE_ATTRIBUTES) };
    const cached = this.cache.get(entry.path);
    if (cached) return cached;
    const result = this.compute(entry, name, seen);
    this.cache.set(entry.path, result);
    return result;
  }

  private compute(entry: PathEntry, module: string, seen: Set<string>): Names {
    const files = [entry.py, entry.pyi].filter((f): f is string => f !== undefined);
    if (!files.length) {
      if (entry.compiled) return { open: true, reason: `${module} is compiled (${entry.compiled}) and has no stub` };
      if (entry.generated) return { open: true, reason: `${module} is ${entry.generated}` };
      return { open: false, names: new Set(MODULE_ATTRIBUTES) };
    }
    const names = new Set(MODULE_ATTRIBUTES);
    seen.add(entry.path);
    try {
      for (const file of files) {
        const scan = this.scans.get(file);
        if (!scan) return { open: true, reason: `${file} is not analysed` };
        if (scan.templated) return { open: true, reason: `${file} is a template whose names are generated` };
        if (scan.openReason) return { open: true, reason: `${module}: ${scan.openReason}` };
        const writer = this.usesCallerGlobalsWriter(file, scan);
        if (writer) return { open: true, reason: `${module} uses ${writer}, which writes into its callers' globals` };
        for (const b of scan.bindings) names.add(b);
        const star = this.starNames(file, scan, module, seen);
        if (!(star instanceof Set)) return star;
        for (const n of star) names.add(n);
      }
    } finally {
      seen.delete(entry.path);
    }
    if (entry.pyx && !entry.py) for (const n of this.pyxNames(entry.pyx) ?? []) names.add(n);
    return { open: false, names, stub: entry.py ? undefined : entry.pyi };
  }

  /** A module that `file` imports from at module level and that writes into its callers' globals (zope.interface's `_use_c_impl`). */
  private usesCallerGlobalsWriter(file: string, scan: ScanResult): string | undefined {
    const writers = this.callerGlobalsWriters();
    if (!writers.size) return undefined;
    for (const record of scan.imports) {
      if (record.kind !== 'from' || record.context & IN_FUNCTION) continue;
      const name = this.absoluteName(file, record);
      if (name && writers.has(name)) return name;
    }
    return undefined;
  }

  /** The names `from X import *` statements bring into `file`. */
  private starNames(file: string, scan: ScanResult, module: string, seen: Set<string>): Set<string> | Names {
    const out = new Set<string>();
    for (const record of scan.imports) {
      if (record.kind !== 'from' || record.context & IN_FUNCTION || !record.names.some((n) => n.name === '*')) continue;
      const target = this.starTarget(file, record);
      if (target.open || !target.entry) return { open: true, reason: `${module} star-imports ${target.name ?? record.module}, whose names are not known` };
      if (seen.has(target.entry.path)) continue;
      // A stub may list only part of what a compiled module exports, so its star import stays unverified.
      if (!target.entry.py && (target.entry.compiled || target.entry.pyi))
        return { open: true, reason: `${module} star-imports the compiled module ${target.name}` };
      const sub = this.of(target.entry, target.name ?? record.module, seen);
      if (sub.open) return { open: true, reason: `${module} star-imports ${target.name}: ${sub.reason}` };
      for (const n of this.exported(target.entry, sub.names)) out.add(n);
    }
    return out;
  }

  /** What `from module import *` brings: `__all__` when literal, else the public names. */
  private exported(entry: PathEntry, names: Set<string>): string[] {
    const scan = entry.py ? this.scans.get(entry.py) : entry.pyi ? this.scans.get(entry.pyi) : undefined;
    const publicNames = [...names].filter((n) => !n.startsWith('_'));
    if (!scan?.all) return publicNames;
    return scan.allDynamic ? [...new Set([...scan.all, ...publicNames])] : scan.all;
  }
}

/** The names a Cython source defines at any depth (def, cpdef, class, assignments and imports at the margin): a generous list. */
export function cythonNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:def|class)\s+(\w+)|\bcp?def\s+(?:[\w.[\]*]+\s+)*?(\w+)\s*\(|^(\w+)\s*(?::[^=\n]*)?=(?!=)/gm))
    out.add((m[1] ?? m[2] ?? m[3])!);
  for (const m of text.matchAll(/^from\s+\S+\s+c?import\s+\(?([^)\n]+)/gm))
    for (const part of m[1]!.split(','))
      out.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  for (const m of text.matchAll(/^c?import\s+([\w.]+)(?:\s+as\s+(\w+))?/gm)) out.add(m[2] ?? m[1]!.split('.')[0]!);
  return out;
}
