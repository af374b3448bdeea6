import { execFileSync } from 'node:child_process';
import type { Ancestry } from './osv.js';

function run(args: string[], cwd: string): number {
  try {
    execFileSync('git', args, { cwd, stdio: 'ignore', timeout: 30_000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
    return 0;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
}

/** Commit ancestry in one local repository (a checked-out submodule); unknown commits answer undefined. */
export function gitAncestry(repoDir: string): Ancestry {
  const known = new Map<string, boolean>();
  const has = (sha: string) => {
    if (!known.has(sha)) known.set(sha, /^[0-9a-f]{7,40}$/.test(sha) && run(['cat-file', '-e', `${sha}^{commit}`], repoDir) === 0);
    return known.get(sha)!;
  };
  return {
    isAncestor(a, b) {
      if (!has(a) || !has(b)) return undefined;
      const code = run(['merge-base', '--is-ancestor', a, b], repoDir);
      return code === 0 ? true : code === 1 ? false : undefined;
    },
  };
}
