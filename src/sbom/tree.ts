/** A gitlink: a submodule pin recorded in the tree (mode 160000). */
export interface Gitlink {
  path: string;
  /** Full SHA, or undefined when the source does not know it (reconstructed inventories). */
  sha?: string;
}

/**
 * What discovery needs from one repository, so the matching stays pure: tests and the corpus feed
 * it listings, the git layer feeds it a real tree.
 */
export interface TreeSnapshot {
  gitlinks: Gitlink[];
  /** Text of `.gitmodules`, when there is one. */
  gitmodules?: string;
  /** Every file (not gitlinks), repository-relative POSIX paths. */
  files: readonly string[];
  /** Text of a file, or undefined when unreadable or binary. */
  read(path: string): string | undefined;
}

/** Parses `git ls-tree -r -z` (or `ls-files -s -z`) output, keeping the mode 160000 entries. */
export function parseGitlinks(out: string): Gitlink[] {
  const links: Gitlink[] = [];
  for (const rec of out.split('\0')) {
    // ls-tree: "<mode> <type> <sha>\t<path>"; ls-files -s: "<mode> <sha> <stage>\t<path>"
    const m = /^160000 (?:commit )?([0-9a-f]{40})(?: \d)?\t(.+)$/.exec(rec.replace(/^\n/, ''));
    if (m) links.push({ path: m[2]!, sha: m[1]! });
  }
  return links.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Parses `git ls-tree -r -t -z` (gitlinks, blobs and trees) or `git ls-files -s -z` (gitlinks and
 * blobs) into gitlinks, file paths and folder tree ids.
 */
export function parseTreeListing(out: string): { gitlinks: Gitlink[]; files: string[]; trees: Map<string, string> } {
  const gitlinks: Gitlink[] = [];
  const files: string[] = [];
  const trees = new Map<string, string>();
  for (const rec of out.split('\0')) {
    const m = /^(\d{6}) (?:(blob|tree|commit) )?([0-9a-f]{40})(?: \d)?\t(.+)$/s.exec(rec);
    if (!m) continue;
    const [, mode, , sha, path] = m;
    if (mode === '160000') gitlinks.push({ path: path!, sha });
    else if (mode === '040000') trees.set(path!, sha!);
    else files.push(path!);
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { gitlinks: gitlinks.sort(byPath), files: files.sort(), trees };
}
