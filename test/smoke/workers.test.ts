import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanWorkerCount } from '../../src/smoke/parallel-scan.js';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { gitCommitAll } from './helpers.js';

describe('groundwork smoke: cold scans in worker threads', () => {
  it('finds the same things with worker threads (git blob ids) as in one thread (plain directory)', async () => {
    const files: Record<string, string> = { 'big/__init__.py': '' };
    for (let i = 0; i < 900; i++)
      files[`big/m${i}.py`] = `"""Module ${i}."""\nfrom big import m${Math.max(0, i - 1)}\nfrom big.m${(i * 7) % 900} import VALUE\nVALUE = ${i}\n`;
    files['big/m450.py'] = 'from big.m449 import VALU\n'; // the planted break
    const plain = repoWith(files);
    const git = repoWith(files);
    try {
      gitCommitAll(git.dir, 'many files');
      const one = await runCli(['smoke', plain.dir, '--no-cache', '--format', 'json']);
      // --jobs 2 asks for two threads (this one and a worker) whatever the machine.
      assert.equal(scanWorkerCount(900, 2), 2);
      const many = await runCli(['smoke', git.dir, '--no-cache', '--format', 'json', '--jobs', '2']);
      const keyed = (s: string) => (JSON.parse(s).findings as { file: string; line: number; ruleId: string }[]).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
      assert.deepEqual(keyed(many.stdout), keyed(one.stdout));
      assert.deepEqual(keyed(one.stdout), ['big/m450.py:1 missing-internal-name']);
    } finally {
      plain.cleanup();
      git.cleanup();
    }
  });
});

describe('smoke worker count', () => {
  it('uses one thread unless the machine has four cores and each thread gets 2,500 files, or threads are asked for', () => {
    assert.equal(scanWorkerCount(3600), 1);
    assert.equal(scanWorkerCount(3600, 1), 1);
    assert.equal(scanWorkerCount(3600, 3), 3);
    assert.equal(scanWorkerCount(150, 4), 1, 'asked-for threads still get 100 files each');
  });
});
