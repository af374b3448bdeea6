/**
 * Names that other code writes into a module at run time: `mod.Name = …`, `setattr(mod, "Name", …)`,
 * and modules filled with computed names, `setattr(mod, name, …)`, `vars(mod).update(…)`,
 * `mod.__dict__.update(…)` (numpy's `setattr(dtypes, DType.__name__, DType)`). `mod` is the module's
 * last name or what a file imports it as. Read from every Python file's text, and only when some
 * name is about to be reported missing.
 */

export interface Suspect {
  /** The module's dotted name. */
  module: string;
  name: string;
}

export interface Writes {
  /** `module\0name` for each name written into a suspect module. */
  written: Set<string>;
  /** Suspect modules written with computed names. */
  openModules: Set<string>;
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const re = (s: string) => s.replace(ESCAPE, '\\$&');

/** Scans the texts for writes into the suspects' modules. */
export function writtenNames(texts: Iterable<string>, suspects: readonly Suspect[]): Writes {
  const out: Writes = { written: new Set(), openModules: new Set() };
  const byModule = new Map<string, Set<string>>();
  for (const s of suspects) byModule.set(s.module, (byModule.get(s.module) ?? new Set()).add(s.name));
  if (!byModule.size) return out;
  const modules = [...byModule.keys()].map((module) => ({ module, leaf: module.slice(module.lastIndexOf('.') + 1), names: [...byModule.get(module)!] }));
  const anyLeaf = new RegExp(`\\b(?:${modules.map((m) => re(m.leaf)).join('|')})\\b`);
  for (const text of texts) {
    if (!anyLeaf.test(text)) continue;
    for (const m of modules) {
      if (!text.includes(m.leaf)) continue;
      // The names this file knows the module by: its own last name, and aliases of an import of it.
      const objects = new Set([m.leaf]);
      for (const a of text.matchAll(new RegExp(`(?:\\bimport\\s+[\\w.]*\\b${re(m.leaf)}|\\bimport\\s+(?:[\\w\\s,(]*,\\s*)?${re(m.leaf)})\\s+as\\s+(\\w+)`, 'g'))) objects.add(a[1]!);
      const obj = `(?<![\\w.])(?:[\\w.]*\\.)?(?:${[...objects].map(re).join('|')})`;
      const names = m.names.map(re).join('|');
      for (const w of text.matchAll(new RegExp(`${obj}\\.(${names})\\s*(?::[^=\\n]*)?=(?!=)|\\bsetattr\\(\\s*${obj}\\s*,\\s*["'](${names})["']`, 'g'))) out.written.add(`${m.module}\0${w[1] ?? w[2]}`);
      if (new RegExp(`\\bsetattr\\(\\s*${obj}\\s*,\\s*(?!["'])|\\bvars\\(\\s*${obj}\\s*\\)\\.update\\(|${obj}\\.__dict__(?:\\.update\\(|\\[)`).test(text)) out.openModules.add(m.module);
    }
  }
  return out;
}
