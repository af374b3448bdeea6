import { gitSync } from '../services/git.js';

/** Commits reachable from `to` but not from `from`, when both are in the local history. */
export function commitsBetween(repoDir: string, from: string, to: string): number | undefined {
  try {
    return Number(gitSync(['rev-list', '--count', `${from}..${to}`], { cwd: repoDir, timeoutMs: 30_000 }).trim());
  } catch {
    return undefined; // the newer release is not fetched into this clone
  }
}
