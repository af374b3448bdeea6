import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { git, gitSync } from '../services/git.js';
import { Repository } from '../services/repository.js';
import { parseTreeListing, type TreeSnapshot } from './tree.js';

/** The commit a tree is at, for deterministic timestamps and namespaces. */
export interface HeadInfo {
  sha: string;
  date: string;
}

export interface LoadedTree {
  repo: Repository;
  snapshot: TreeSnapshot;
  /** Git tree ids of folders (from the same listing), for content hashes of vendored copies. */
  treeIds: Map<string, string>;
  /** The `origin` URL, asked only when a relative submodule URL needs it. */
  origin: () => string | undefined;
}

function tryGit(args: string[], cwd: string): string | undefined {
  try {
    return gitSync(args, { cwd, timeoutMs: 60_000 });
  } catch {
    return undefined;
  }
}

async function tryGitAsync(args: string[], cwd: string): Promise<string | undefined> {
  try {
    return await git(args, { cwd, timeoutMs: 60_000 });
  } catch {
    return undefined;
  }
}

/**
 * Reads one repository (the superproject or a checked-out submodule) into a snapshot with a single
 * `git ls-tree -r -t` of the given commit (default HEAD): gitlinks, files and folder ids together,
 * so a large tree costs one process. A repository without commits is read from its index; a
 * folder that is not a git work tree by walking it.
 */
export async function loadTree(dir: string, commit = 'HEAD'): Promise<LoadedTree> {
  const repo = Repository.open(dir);
  const isGit = existsSync(join(repo.root, '.git'));
  const listing = isGit
    ? ((await tryGitAsync(['ls-tree', '-r', '-t', '-z', '--full-tree', commit], repo.root)) ?? (await tryGitAsync(['ls-files', '-s', '-z'], repo.root)))
    : undefined;
  const parsed = listing !== undefined ? parseTreeListing(listing) : { gitlinks: [], files: repo.files(), trees: new Map<string, string>() };
  let origin: string | undefined | null = null;
  const snapshot: TreeSnapshot = {
    gitlinks: parsed.gitlinks,
    gitmodules: repo.readIfPresent('.gitmodules'),
    files: parsed.files,
    read: (p) => {
      const r = repo.read(p);
      return r.ok ? r.file.text : undefined;
    },
  };
  return {
    repo,
    snapshot,
    treeIds: parsed.trees,
    origin: () => {
      if (origin === null) origin = isGit ? tryGit(['config', '--get', 'remote.origin.url'], repo.root)?.trim() || undefined : undefined;
      return origin;
    },
  };
}

export function headOf(dir: string): HeadInfo | undefined {
  // a folder inside someone else's work tree (the git-free demo) has no commit of its own
  if (!existsSync(join(dir, '.git'))) return undefined;
  const line = tryGit(['log', '-1', '--format=%H %cI'], dir)?.trim();
  return line ? { sha: line.split(' ')[0]!, date: line.split(' ')[1]! } : undefined;
}

/** Committer date of `sha` in the repository at `abs`, or undefined when its history is absent. */
export async function commitDate(abs: string, sha: string): Promise<string | undefined> {
  return (await tryGitAsync(['log', '-1', '--format=%cI', sha, '--'], abs))?.trim() || undefined;
}

/**
 * The committer date and `git describe --tags` of `sha` from one process (`%(describe)`, git 2.32
 * and later); the two separate commands when that format is not understood. No date means the
 * pin's history is absent, and then nothing is described.
 */
export async function commitFacts(abs: string, sha: string): Promise<{ date?: string; described?: string }> {
  const out = await tryGitAsync(['log', '-1', '--format=%cI%x00%(describe:tags=true,abbrev=9)', sha, '--'], abs);
  const [date, described] = out?.trim().split('\0') ?? [];
  if (date && described !== undefined && !described.startsWith('%(')) return { date: date.trim(), described: described.trim() || undefined };
  const plain = await commitDate(abs, sha);
  return { date: plain, described: plain ? await describeCommit(abs, sha) : undefined };
}

/** `git describe --tags` of a commit, or undefined without tags or history. */
export async function describeCommit(abs: string, sha: string): Promise<string | undefined> {
  return (await tryGitAsync(['describe', '--tags', '--abbrev=9', sha], abs))?.trim() || undefined;
}

/**
 * The commit a checked-out repository's HEAD is at, read from its files (no process): `.git` is a
 * folder or a `gitdir:` file, and a submodule's HEAD is usually detached. Undefined when HEAD is a
 * branch whose ref is packed or otherwise not a plain file.
 */
export function checkedOutCommit(abs: string): string | undefined {
  try {
    const dotGit = join(abs, '.git');
    const gitDir = statSync(dotGit).isDirectory()
      ? dotGit
      : resolve(
          abs,
          readFileSync(dotGit, 'utf8')
            .replace(/^gitdir:\s*/, '')
            .trim(),
        );
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    const refFile = ref ? join(gitDir, ...ref.split('/')) : undefined;
    const sha = refFile && existsSync(refFile) ? readFileSync(refFile, 'utf8').trim() : undefined;
    return sha && /^[0-9a-f]{40}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a submodule's own repository is checked out at `abs` (a `.git` file or folder). */
export function isCheckedOut(abs: string): boolean {
  return existsSync(join(abs, '.git'));
}
