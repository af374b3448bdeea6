import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitSync } from '../services/git.js';
import { Repository } from '../services/repository.js';
import { parseGitlinks, type TreeSnapshot } from './tree.js';

/** The commit a tree is at, for deterministic timestamps and namespaces. */
export interface HeadInfo {
  sha: string;
  date: string;
}

export interface LoadedTree {
  repo: Repository;
  snapshot: TreeSnapshot;
  head?: HeadInfo;
  /** The `origin` URL, used to resolve relative submodule URLs. */
  origin?: string;
}

function tryGit(args: string[], cwd: string): string | undefined {
  try {
    return gitSync(args, { cwd, timeoutMs: 60_000 });
  } catch {
    return undefined;
  }
}

/**
 * Reads one repository (the superproject or a checked-out submodule) into a snapshot: gitlinks from
 * the committed tree (falling back to the index in a repository without commits), files from the
 * work tree. A folder that is not a git work tree gives files only.
 */
export function loadTree(dir: string): LoadedTree {
  const repo = Repository.open(dir);
  const isGit = existsSync(join(repo.root, '.git'));
  let gitlinks: TreeSnapshot['gitlinks'] = [];
  let head: HeadInfo | undefined;
  let origin: string | undefined;
  if (isGit) {
    const line = tryGit(['log', '-1', '--format=%H %cI'], repo.root)?.trim();
    if (line) head = { sha: line.split(' ')[0]!, date: line.split(' ')[1]! };
    const listing = head ? tryGit(['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], repo.root) : tryGit(['ls-files', '-s', '-z'], repo.root);
    gitlinks = listing ? parseGitlinks(listing) : [];
    origin = tryGit(['config', '--get', 'remote.origin.url'], repo.root)?.trim() || undefined;
  }
  const linked = new Set(gitlinks.map((g) => g.path));
  const files = repo.files().filter((f) => !linked.has(f));
  const gitmodulesPath = join(repo.root, '.gitmodules');
  const snapshot: TreeSnapshot = {
    gitlinks,
    gitmodules: existsSync(gitmodulesPath) ? readFileSync(gitmodulesPath, 'utf8') : undefined,
    files,
    read: (p) => {
      const r = repo.read(p);
      return r.ok ? r.file.text : undefined;
    },
  };
  return { repo, snapshot, head, origin };
}

/** Whether a submodule's own repository is checked out at `abs` (a `.git` file or folder). */
export function isCheckedOut(abs: string): boolean {
  return existsSync(join(abs, '.git')) && tryGit(['rev-parse', '--verify', '-q', 'HEAD'], abs) !== undefined;
}

/** Whether `sha` is a commit whose history is present in the repository at `abs`. */
export function hasCommit(abs: string, sha: string): boolean {
  return tryGit(['cat-file', '-e', `${sha}^{commit}`], abs) !== undefined;
}

/** `git describe --tags` of a commit, or undefined without tags or history. */
export function describeCommit(abs: string, sha: string): string | undefined {
  return tryGit(['describe', '--tags', '--abbrev=9', sha], abs)?.trim() || undefined;
}

export function commitDate(abs: string, sha: string): string | undefined {
  return tryGit(['log', '-1', '--format=%cI', sha], abs)?.trim() || undefined;
}

/** The git tree id of a folder at HEAD: a content hash of a vendored copy. */
export function treeId(root: string, path: string): string | undefined {
  const out = tryGit(['rev-parse', `HEAD:${path}`], root)?.trim();
  return out && /^[0-9a-f]{40}$/.test(out) ? out : undefined;
}
