import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { Repository } from '../../src/services/repository.js';
import { checkImports } from '../../src/smoke/check.js';
import { copyTree, FIXTURES, tempDir } from '../helpers/tmp-repo.js';

/** A temporary copy of a smoke fixture; `git: true` makes it a committed git repository. */
export function fixtureCopy(name: string, opts: { git?: boolean } = {}): { dir: string; cleanup: () => void } {
  const t = tempDir('gw-smoke-');
  copyTree(join(FIXTURES, 'smoke', name), t.dir);
  if (opts.git) gitCommitAll(t.dir, 'fixture');
  return t;
}

export function gitCommitAll(dir: string, message: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

/** Runs the static check as a library and returns compact `file:line rule severity` lines. */
export async function smokeFindings(dir: string, packages?: string[]): Promise<string[]> {
  const repo = Repository.open(dir);
  const config = loadConfig(
    repo.root,
    ALL_RULES.map((r) => r.id),
  );
  return (await checkImports({ repo, config, packages })).findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`);
}
