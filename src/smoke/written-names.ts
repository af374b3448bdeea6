/**
 * Names that other code writes into a module at run time, from what the scans recorded
 * (`registry.Plugin = …`, `setattr(registry, "Hook", …)`, `setattr(dyn, name, …)`): the object
 * is read through the writing file's own imports (`import pkg.dynamic as dyn`), so only a write
 * into that very module counts.
 */
import type { ImportRecord, ScanResult } from './records.js';

export interface Writes {
  /** `module\0name` for each name written into a module. */
  written: Set<string>;
  /** Modules written with computed names: no name of theirs can be said missing. */
  openModules: Set<string>;
}

/** What each name a file binds by importing stands for: `dyn` → `pkg.dynamic`, `registry` → `pkg.registry`. */
function importedAs(path: string, scan: ScanResult, absolute: (path: string, record: ImportRecord) => string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of scan.imports) {
    if (r.kind === 'import') out.set(r.asname ?? r.module.split('.')[0]!, r.asname ? r.module : r.module.split('.')[0]!);
    else if (r.kind === 'from') {
      const from = absolute(path, r);
      if (from) for (const n of r.names) if (n.name !== '*') out.set(n.asname ?? n.name, `${from}.${n.name}`);
    }
  }
  return out;
}

export function writtenNames(scans: ReadonlyMap<string, ScanResult>, absolute: (path: string, record: ImportRecord) => string | undefined): Writes {
  const out: Writes = { written: new Set(), openModules: new Set() };
  for (const [path, scan] of scans) {
    if (!scan.attributeWrites.length) continue;
    const aliases = importedAs(path, scan, absolute);
    for (const write of scan.attributeWrites) {
      const dot = write.lastIndexOf('.');
      const object = write.slice(0, dot);
      const name = write.slice(dot + 1);
      const head = object.split('.')[0]!;
      const module = aliases.has(head) ? aliases.get(head)! + object.slice(head.length) : object;
      if (name === '*') out.openModules.add(module);
      else out.written.add(`${module}\0${name}`);
    }
  }
  return out;
}
