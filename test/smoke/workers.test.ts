import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { gitCommitAll } from './helpers.js';

describe('groundwork smoke: cold scans in worker threads', () => {
  it('finds the same things with worker threads (git blob ids) as in one thread (plain directory)', { skip: availableParallelism() < 2 ? 'one CPU: no workers' : false }, async () => {
    const files: Record<string, string> = { 'big/__init__.py': '' };
    for (let i = 0; i < 900; i++) files[`big/m${i}.py`] = `"""Module ${i}."""\nfrom big import m${Math.max(0, i - 1)}\nfrom big.m${(i * 7) % 900} import VALUE\nVALUE = ${i}\n`;
    files['big/m450.py'] = 'from big.m449 import VALU\n'; // the planted break
    const plain = repoWith(files);
    const git = repoWith(files);
    try {
      gitCommitAll(git.dir, 'many files');
      const one = await runCli(['smoke', plain.dir, '--no-cache', '--format', 'json']);
      const many = await runCli(['smoke', git.dir, '--no-cache', '--format', 'json']);
      const keyed = (s: string) => (JSON.parse(s).findings as { file: string; line: number; ruleId: string }[]).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
      assert.deepEqual(keyed(many.stdout), keyed(one.stdout));
      assert.deepEqual(keyed(one.stdout), ['big/m450.py:1 missing-internal-name']);
    } finally {
      plain.cleanup();
      git.cleanup();
    }
  });
});
