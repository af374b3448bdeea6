import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { gitSync } from '../services/git.js';

/**
 * Checks out `rev` in a temporary detached worktree, runs `body` there, and removes the worktree
 * whatever happens, so the user's checkout is never touched.
 */
export async function withBaselineWorktree<T>(repoRoot: string, rev: string, body: (dir: string) => Promise<T>): Promise<T> {
  try {
    gitSync(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { cwd: repoRoot });
  } catch {
    throw new InputError(`--baseline ${rev}: not a commit of the repository at ${repoRoot}`);
  }
  // The program may live in a folder of the work tree: run at the same folder of the baseline.
  const prefix = gitSync(['rev-parse', '--show-prefix'], { cwd: repoRoot }).trim();
  const parent = mkdtempSync(join(tmpdir(), 'groundwork-baseline-'));
  const dir = join(parent, 'tree');
  gitSync(['worktree', 'add', '--detach', '--quiet', dir, rev], { cwd: repoRoot });
  try {
    return await body(join(dir, prefix));
  } finally {
    try {
      gitSync(['worktree', 'remove', '--force', dir], { cwd: repoRoot });
    } catch {
      /* removed below; `git worktree prune` forgets it */
    }
    rmSync(parent, { recursive: true, force: true });
    try {
      gitSync(['worktree', 'prune'], { cwd: repoRoot });
    } catch {
      /* nothing to prune */
    }
  }
}
