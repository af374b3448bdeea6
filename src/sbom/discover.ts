import { scanDeclarations } from './declarations.js';
import type { FetchDeclaration } from './fetched.js';
import { parseGitmodules, type SubmoduleDecl } from './gitmodules.js';
import { foldersOf, licensedFolders, scanInventories } from './inventory-scan.js';
import type { InventoryEntry } from './parse-inventory.js';
import type { Gitlink, TreeSnapshot } from './tree.js';
import { findVendoredFolders, type VendoredFolder } from './vendored.js';

export interface DiscoverOptions {
  roots: readonly string[];
  exclude?: readonly string[];
  /** The repository's own upstream key, so its own URL in an inventory is not a dependency. */
  selfKey?: string;
}

export interface FoundSubmodule {
  path: string;
  sha?: string;
  decl?: SubmoduleDecl;
}

/** Everything one tree declares, before versions and licences are looked up. */
export interface Discovery {
  submodules: FoundSubmodule[];
  /** `.gitmodules` sections with no gitlink: stale declarations, reported as notes. */
  orphanDeclarations: SubmoduleDecl[];
  vendored: VendoredFolder[];
  /** Folders under vendor roots that were deliberately not listed, with why. */
  skippedFolders: { path: string; reason: string }[];
  /** Declarations in build files, DEPS, metadata files and vendoring scripts. */
  fetched: FetchDeclaration[];
  /** Entries of licence inventories. */
  inventories: InventoryEntry[];
  /** Build files read as data, not as this repository's build, with why. */
  ignored: { file: string; reason: string }[];
}

/**
 * Finds the components of one tree: gitlinks joined with `.gitmodules` by path (so nothing needs to
 * be checked out), vendored folders under vendor roots and, outside them, folders with a licence
 * of their own, what build files and scripts declare, and licence inventories. Pure: the tree is given.
 */
export function discover(tree: TreeSnapshot, options: DiscoverOptions): Discovery {
  const decls = tree.gitmodules ? parseGitmodules(tree.gitmodules) : [];
  const byPath = new Map(decls.filter((d) => d.path).map((d) => [d.path!, d]));
  const submodules: FoundSubmodule[] = tree.gitlinks.map((g: Gitlink) => ({ path: g.path, sha: g.sha, decl: byPath.get(g.path) }));
  const linked = tree.gitlinks.map((g) => g.path);
  const linkedSet = new Set(linked);
  const orphanDeclarations = decls.filter((d) => !d.path || !linkedSet.has(d.path));
  const { folders: vendored, skipped: skippedFolders } = findVendoredFolders(tree.files, options.roots, linked, options.exclude);
  const insideSubmodule = (p: string) => linked.some((s) => p === s || p.startsWith(`${s}/`));
  const roots = new Set(options.roots.map((r) => r.toLowerCase()));
  const { declarations, ignored } = scanDeclarations(tree, roots, insideSubmodule);
  const folders = foldersOf(tree.files);
  const inventories = scanInventories(tree, folders, options.selfKey);
  // copied code outside the vendor roots, recognised by a licence file that is not the project's
  const underRoot = (p: string) => p.split('/').some((seg) => roots.has(seg.toLowerCase()));
  const taken = (p: string) => underRoot(p) || insideSubmodule(p) || vendored.some((v) => p === v.path || p.startsWith(`${v.path}/`));
  for (const lf of licensedFolders(tree, taken)) {
    const files = tree.files.filter((f) => f.startsWith(`${lf.path}/`)).map((f) => f.slice(lf.path.length + 1));
    const licenceName = lf.licenceFile.split('/').pop()!;
    // `fmt.license.rst` names what it licenses; a plain LICENSE leaves the folder's name
    const named = /^(.+?)[-_.]licen[cs]e(?:\.\w+)?$/i.exec(licenceName)?.[1];
    vendored.push({
      path: lf.path,
      recognisedBy: `licence file ${lf.licenceFile.slice(lf.path.length + 1)} outside the vendor folders`,
      strong: true,
      files,
      ...(named && !/^(?:the|project|third[-_]?party)$/i.test(named) ? { name: named } : {}),
    });
  }
  vendored.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { submodules, orphanDeclarations, vendored, skippedFolders, fetched: declarations, inventories, ignored };
}
