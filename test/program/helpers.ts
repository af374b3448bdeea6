import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, repoWith, SHARED } from '../helpers/tmp-repo.js';

export const PROGRAM_FIXTURES = join(FIXTURES, 'program');
/** The committed copy of the seed, so the importer is always tested. */
export const SEED_COPY = join(PROGRAM_FIXTURES, 'top-10-next-actions.md');
export const SHARED_SEED = join(SHARED, 'seed', 'top-10-next-actions.md');

export function seedText(): string {
  return readFileSync(SEED_COPY, 'utf8');
}

export function sharedSeedAbsent(): string | false {
  return existsSync(SHARED_SEED) ? false : `../shared/seed is absent (${SHARED_SEED})`;
}

/** 1-based line of the first line containing `needle`, computed from the text, never hard-coded. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return i + 1;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  }).toString();
}

/** A real git repository with these files committed on branch main. */
export function gitRepo(files: Record<string, string>): { dir: string; cleanup: () => void; commit: (msg: string) => string } {
  const t = repoWith(files);
  git(t.dir, 'init', '-q', '-b', 'main');
  git(t.dir, 'add', '-A');
  git(t.dir, 'commit', '-q', '--allow-empty', '-m', 'base');
  const commit = (msg: string) => {
    git(t.dir, 'add', '-A');
    git(t.dir, 'commit', '-q', '--allow-empty', '-m', msg);
    return git(t.dir, 'rev-parse', 'HEAD').trim();
  };
  return { ...t, commit };
}
