import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../services/git.js';
import type { Repository } from '../services/repository.js';

export interface ListedFile {
  /** Repository-relative POSIX path. */
  path: string;
  /** Git blob id of the content when the work tree matches the index: the cache key. */
  blob?: string;
}

/**
 * Every file of the repository with its git blob id when one is known: `git ls-files -s` gives
 * the ids, `git diff-files` names the files whose work-tree content differs (those are hashed
 * after reading instead). Symbolic links carry no content id. Outside git, the repository walk.
 */
export async function listFiles(repo: Repository): Promise<ListedFile[]> {
  if (!repo.isGit) return repo.files().map((path) => ({ path }));
  let staged: string;
  let modified: string;
  try {
    // One listing (tracked files with blob ids, then untracked ones as bare paths) and the files
    // whose work tree differs from the index, both at once.
    [staged, modified] = await Promise.all([
      git(['-C', repo.root, 'ls-files', '-s', '-z', '--cached', '--others', '--exclude-standard']),
      git(['-C', repo.root, 'diff-files', '--name-only', '-z']),
    ]);
  } catch {
    return repo.files().map((path) => ({ path }));
  }
  const changed = new Set(modified.split('\0').filter(Boolean));
  const out: ListedFile[] = [];
  for (const entry of staged.split('\0')) {
    if (!entry) continue;
    const tab = entry.indexOf('\t');
    if (tab < 0 || !/^\d{6} [0-9a-f]+ \d$/.test(entry.slice(0, tab))) {
      out.push({ path: entry });
      continue;
    }
    const path = entry.slice(tab + 1);
    const [mode, blob, stage] = entry.slice(0, tab).split(' ');
    if (mode === '160000') continue; // a submodule: a directory, not a file
    if (stage !== '0' && out.length && out[out.length - 1]!.path === path) continue; // merge conflict stages
    if (changed.has(path)) {
      if (existsSync(join(repo.root, path))) out.push({ path });
      continue;
    }
    out.push(mode === '120000' ? { path } : { path, blob });
  }
  return out.filter((f) => !f.path.endsWith('/')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
