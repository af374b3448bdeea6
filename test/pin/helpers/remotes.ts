import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Runs git with a fixed identity; dates are seconds since the epoch. */
export function git(args: string[], cwd?: string, date?: number): string {
  const when = `${date ?? 1_700_000_000} +0000`;
  return execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_DATE: when,
      GIT_TERMINAL_PROMPT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .toString()
    .trim();
}

/** A bare repository standing for one action repository, built with plumbing (no work tree). */
export class BareRemote {
  private counter = 0;
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    git(['init', '--quiet', '--bare', dir]);
    git(['config', 'uploadpack.allowFilter', 'true'], dir);
  }

  commit(message = `c${++this.counter}`, parent?: string, date?: number): string {
    // The repository name goes into every message so no two remotes share a commit SHA.
    message = `${message} (${this.dir.split('/').slice(-2).join('/')})`;
    git(['hash-object', '-w', '-t', 'tree', '/dev/null'], this.dir);
    return git(['commit-tree', EMPTY_TREE, '-m', message, ...(parent ? ['-p', parent] : [])], this.dir, date);
  }

  branch(name: string, sha: string): this {
    git(['update-ref', `refs/heads/${name}`, sha], this.dir);
    return this;
  }

  ref(full: string, sha: string): this {
    git(['update-ref', full, sha], this.dir);
    return this;
  }

  tag(name: string, sha: string): this {
    git(['update-ref', `refs/tags/${name}`, sha], this.dir);
    return this;
  }

  /** An annotated tag; `target` may itself be a tag (a nested tag). Returns the tag object's SHA. */
  annotated(name: string, target: string, date?: number): string {
    git(['tag', '-f', '-a', '-m', name, name, target], this.dir, date);
    return git(['rev-parse', `refs/tags/${name}`], this.dir);
  }

  revParse(rev: string): string {
    return git(['rev-parse', rev], this.dir);
  }
}

/** A directory of bare remotes laid out as `<root>/<owner>/<repo>`, for `--git-base file://<root>`. */
export class RemoteHost {
  readonly root: string;
  constructor(root = mkdtempSync(join(tmpdir(), 'gw-remotes-'))) {
    this.root = root;
  }
  get base(): string {
    return `file://${this.root}`;
  }
  remote(repository: string): BareRemote {
    return new BareRemote(join(this.root, ...repository.split('/')));
  }
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A git work tree with the given files committed, in a fresh temporary directory. */
export function workRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-pin-repo-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(['init', '--quiet', dir]);
  git(['add', '-A'], dir);
  git(['commit', '--quiet', '-m', 'init'], dir);
  return dir;
}

/** A work repository holding a copy of `test/fixtures/pin/<name>`. */
export function fixtureRepo(name: string, extra: Record<string, string> = {}): string {
  const root = new URL(`../../fixtures/pin/${name}/`, import.meta.url).pathname;
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else files[path] = readFileSync(join(root, path), 'utf8');
    }
  };
  walk('');
  return workRepo({ ...files, ...extra });
}
