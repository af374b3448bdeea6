// Builds real git repositories for the SBOM and deps tests: bare "upstreams" with tags, and
// superprojects that pin them as submodules (nested too), some checked out and some not.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

export function git(cwd: string, args: string[], date?: string): string {
  const env = date ? { ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : ENV;
  return execFileSync('git', ['-c', 'protocol.file.allow=always', '-c', 'init.defaultBranch=main', '-c', 'advice.detachedHead=false', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .toString('utf8')
    .trim();
}

export function write(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `gw-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Upstream {
  /** file:// URL of the bare repository. */
  url: string;
  bare: string;
  /** Commit of each tag, and of each untagged commit by label. */
  commits: Record<string, string>;
}

/**
 * A bare upstream at `<base>/<owner>/<name>` built from a list of commits; each may carry a tag
 * (annotated when `annotated`). Dates make ages and `git describe` deterministic.
 */
export function makeUpstream(
  base: string,
  slug: string,
  history: { label: string; files: Record<string, string>; tag?: string; annotated?: boolean; date?: string }[],
): Upstream {
  const work = join(base, 'work', slug);
  mkdirSync(work, { recursive: true });
  git(work, ['init', '-q']);
  const commits: Record<string, string> = {};
  for (const h of history) {
    write(work, h.files);
    git(work, ['add', '-A']);
    git(work, ['commit', '-q', '-m', h.label], h.date ?? '2024-01-01T00:00:00Z');
    commits[h.label] = git(work, ['rev-parse', 'HEAD']);
    if (h.tag) git(work, h.annotated ? ['tag', '-a', h.tag, '-m', h.tag] : ['tag', h.tag], h.date ?? '2024-01-01T00:00:00Z');
  }
  const bare = join(base, 'remotes', slug);
  mkdirSync(dirname(bare), { recursive: true });
  git(base, ['clone', '-q', '--bare', work, bare]);
  return { url: `file://${bare}`, bare, commits };
}

/** Adds a submodule pinned at `commit`, then records it; `checkout: false` removes the work tree copy. */
export function addSubmodule(
  superDir: string,
  path: string,
  url: string,
  commit: string,
  opts: { checkout?: boolean; branch?: string; declaredUrl?: string } = {},
): void {
  git(superDir, ['submodule', 'add', '-q', url, path]);
  if (opts.branch) git(superDir, ['config', '-f', '.gitmodules', `submodule.${path}.branch`, opts.branch]);
  git(join(superDir, path), ['checkout', '-q', commit]);
  git(superDir, ['add', path]);
  if (opts.declaredUrl) git(superDir, ['config', '-f', '.gitmodules', `submodule.${path}.url`, opts.declaredUrl]);
  git(superDir, ['add', '.gitmodules']);
  if (opts.checkout === false) git(superDir, ['submodule', 'deinit', '-q', '-f', path]);
}
