import { declarationParser, type FetchDeclaration } from './fetched.js';
import { parseGitmodules, type SubmoduleDecl } from './gitmodules.js';
import type { Gitlink, TreeSnapshot } from './tree.js';
import { findVendoredFolders, type VendoredFolder } from './vendored.js';

export interface DiscoverOptions {
  roots: readonly string[];
  exclude?: readonly string[];
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
  fetched: FetchDeclaration[];
}

const DECLARATION_HINT = /FetchContent_Declare|ExternalProject_Add|http_archive|git_repository|\[wrap-(?:file|git)\]/;

/**
 * Finds the components of one tree: gitlinks joined with `.gitmodules` by path (so nothing needs to
 * be checked out), vendored folders, and build files that download code. Pure: the tree is given.
 */
export function discover(tree: TreeSnapshot, options: DiscoverOptions): Discovery {
  const decls = tree.gitmodules ? parseGitmodules(tree.gitmodules) : [];
  const byPath = new Map(decls.filter((d) => d.path).map((d) => [d.path!, d]));
  const submodules: FoundSubmodule[] = tree.gitlinks.map((g: Gitlink) => ({ path: g.path, sha: g.sha, decl: byPath.get(g.path) }));
  const linked = new Set(tree.gitlinks.map((g) => g.path));
  const orphanDeclarations = decls.filter((d) => !d.path || !linked.has(d.path));
  const { folders: vendored, skipped: skippedFolders } = findVendoredFolders(tree.files, options.roots, [...linked], options.exclude);
  const fetched: FetchDeclaration[] = [];
  for (const file of tree.files) {
    const parse = declarationParser(file);
    if (!parse) continue;
    const text = tree.read(file);
    if (text === undefined || !DECLARATION_HINT.test(text)) continue;
    fetched.push(...parse(file, text));
  }
  return { submodules, orphanDeclarations, vendored, skippedFolders, fetched };
}
