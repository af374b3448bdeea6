import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { gitCommitAll, smokeFindings } from './helpers.js';

describe('smoke file listing', () => {
  it('analyses untracked files, and still finds them when git cannot list them', async () => {
    const t = repoWith({ 'pkg/__init__.py': '', 'pkg/a.py': 'X = 1\n' });
    const wrapper = mkdtempSync(join(tmpdir(), 'gw-git-wrapper-'));
    try {
      gitCommitAll(t.dir, 'tracked');
      writeFileSync(join(t.dir, 'pkg/new.py'), 'from pkg.a import Y\n'); // untracked, broken
      assert.deepEqual(await smokeFindings(t.dir), ['pkg/new.py:1 missing-internal-name high']);
      // A git that lists tracked files but fails on --others (an old or wrapped git).
      const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
      writeFileSync(join(wrapper, 'git'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = "--others" ] && exit 1; done\nexec "${realGit}" "$@"\n`);
      chmodSync(join(wrapper, 'git'), 0o755);
      // git runs with this process's environment (the CLI runs in-process here), so the wrapper goes on its PATH.
      const path = process.env.PATH;
      process.env.PATH = `${wrapper}:${path}`;
      let r;
      try {
        assert.equal(spawnSync('git', ['ls-files', '--others'], { cwd: t.dir }).status, 1, 'the wrapper is the git found');
        r = await runCli(['smoke', t.dir, '--no-cache', '--format', 'json']);
      } finally {
        process.env.PATH = path;
      }
      const found = (JSON.parse(r.stdout).findings as { file: string; ruleId: string }[]).map((f) => `${f.file} ${f.ruleId}`);
      assert.deepEqual(found, ['pkg/new.py missing-internal-name']);
    } finally {
      t.cleanup();
      rmSync(wrapper, { recursive: true, force: true });
    }
  });
});
