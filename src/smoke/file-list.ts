import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../services/git.js';
import type { Repository } from '../services/repository.js';

export interface ListedFile {
  /** Repository-relative POSIX path. */
  path: string;
  /** Git blob id of the content when the work tree matches the index: the cache key. */
  blob?: string;
  /** A symbolic link (git mode 120000): it may stand for a folder. */
  link?: boolean;
}

/** The repository's files in two parts: the tracked ones, and the untracked ones still being listed. */
export interface FileListing {
  tracked: ListedFile[];
  /** Untracked files not ignored by git; empty outside git (the walk lists everything as tracked). */
  untracked: Promise<ListedFile[]>;
  /** Paths of git submodules (gitlinks): folders whose files git does not list. */
  gitlinks: string[];
}

/**
 * Every file of the repository with its git blob id when one is known: `git ls-files -s` gives
 * the ids, `git diff-files` names the files whose work-tree content differs (those are hashed
 * after reading instead). Symbolic links carry no content id. Outside git, the repository walk.
 * Both are fast; the untracked files need a walk of the work tree (50 ms on a PyTorch-size tree),
 * so they come as a promise the caller awaits after scanning the tracked ones.
 */
export async function listFiles(repo: Repository): Promise<FileListing> {
  const walk = (): FileListing => ({ tracked: repo.files().map((path) => ({ path })), untracked: Promise.resolve([]), gitlinks: [] });
  if (!repo.isGit) return walk();
  // Handled at once: a rejection left for later would be an unhandled one.
  const others = git(['-C', repo.root, 'ls-files', '-z', '--others', '--exclude-standard']).catch(() => undefined);
  let staged: string;
  let modified: string;
  try {
    [staged, modified] = await Promise.all([
      git(['-C', repo.root, 'ls-files', '-s', '-z', '--cached']),
      git(['-C', repo.root, 'diff-files', '--name-only', '-z']),
    ]);
  } catch {
    return walk();
  }
  const changed = new Set(modified.split('\0').filter(Boolean));
  const tracked: ListedFile[] = [];
  const gitlinks: string[] = [];
  for (const entry of staged.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0 || !/^\d{6} [0-9a-f]+ \d$/.test(entry.slice(0, tab))) continue;
    const path = entry.slice(tab + 1);
    const [mode, blob, stage] = entry.slice(0, tab).split(' ');
    if (mode === '160000') {
      gitlinks.push(path); // a submodule: a directory, not a file
      continue;
    }
    if (stage !== '0' && tracked.length && tracked[tracked.length - 1]!.path === path) continue; // merge conflict stages
    if (changed.has(path)) {
      if (existsSync(join(repo.root, path))) tracked.push(mode === '120000' ? { path, link: true } : { path });
      continue;
    }
    tracked.push(mode === '120000' ? { path, link: true } : { path, blob });
  }
  const untracked = others.then((out) => {
    if (out !== undefined)
      return out
        .split('\0')
        .filter((p) => p && !p.endsWith('/'))
        .map((path): ListedFile => ({ path }));
    // git could list the tracked files but not the others: the walk finds them, as it would outside git.
    const known = new Set(tracked.map((f) => f.path));
    return repo
      .files()
      .filter((path) => !known.has(path))
      .map((path): ListedFile => ({ path }));
  });
  return { tracked: byPath(tracked), untracked, gitlinks };
}

/** Sorted by path, as git and the reports order them. */
export function byPath(files: ListedFile[]): ListedFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
