// Command-line conventions of issue 14: --fail-on never (the Action documents it), `check FILE…`
// (as pre-commit passes files), an unknown command suggests the nearest one, and a configuration
// error names the line of the key at fault.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { gitRepo } from '../program/helpers.js';

const MASKED = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n';

describe('command-line conventions', () => {
  it('--fail-on never reports findings and exits 0 (every command reads it through failOnOpt); failOn: never in groundwork.yml too', async () => {
    const repo = gitRepo({ '.github/workflows/a.yml': MASKED });
    try {
      const failing = await runCli(['check', repo.dir], repo.dir);
      assert.equal(failing.code, 1);
      const never = await runCli(['check', repo.dir, '--fail-on', 'never'], repo.dir);
      assert.equal(never.code, 0, never.stderr);
      assert.match(never.stdout, /masked-exit-status/);
      const configured = gitRepo({ '.github/workflows/a.yml': MASKED, 'groundwork.yml': 'failOn: never\n' });
      try {
        assert.equal((await runCli(['check', configured.dir], configured.dir)).code, 0);
      } finally {
        configured.cleanup();
      }
    } finally {
      repo.cleanup();
    }
  });

  it('check FILE… checks only those files, from any directory', async () => {
    const repo = gitRepo({ '.github/workflows/a.yml': MASKED, '.github/workflows/b.yml': MASKED, '.github/workflows/c.yml': MASKED });
    try {
      const files = (r: { stdout: string }) => [...new Set((JSON.parse(r.stdout).findings as { file: string }[]).map((f) => f.file))].sort();
      const one = await runCli(['check', join(repo.dir, '.github/workflows/a.yml'), '--format', 'json'], '/');
      assert.equal(one.code, 1, one.stderr);
      assert.deepEqual(files(one), ['.github/workflows/a.yml']);
      const two = await runCli(['check', '.github/workflows/a.yml', '.github/workflows/c.yml', '--format', 'json'], repo.dir);
      assert.deepEqual(files(two), ['.github/workflows/a.yml', '.github/workflows/c.yml']);
      assert.equal((await runCli(['check', repo.dir, '.github/workflows/a.yml'], repo.dir)).code, 2, 'a directory and files together is a usage error');
    } finally {
      repo.cleanup();
    }
  });

  it('check FILE: a workflow kept elsewhere is read by its `jobs:` key; a file the configuration ignores is skipped with a note; a copied .github outside git is rooted above it', async () => {
    const repo = gitRepo({
      'ci/copy.yml': MASKED,
      '.github/workflows/legacy.yml': MASKED,
      'groundwork.yml': 'ignore:\n  - .github/workflows/legacy.yml\n',
    });
    const plain = mkdtempSync(join(tmpdir(), 'gw-plain-'));
    try {
      const elsewhere = await runCli(['check', 'ci/copy.yml', '--format', 'json'], repo.dir);
      assert.equal(elsewhere.code, 1, elsewhere.stderr);
      assert.match(elsewhere.stdout, /"ruleId": "masked-exit-status"/);
      const ignored = await runCli(['check', '.github/workflows/legacy.yml'], repo.dir);
      assert.equal(ignored.code, 0, ignored.stdout);
      assert.match(ignored.stdout + ignored.stderr, /legacy\.yml: skipped, the configuration's `ignore` matches it/);
      mkdirSync(join(plain, 'x/.github/workflows'), { recursive: true });
      writeFileSync(join(plain, 'x/.github/workflows/a.yml'), MASKED);
      const copied = await runCli(['check', join(plain, 'x/.github/workflows/a.yml'), '--format', 'json'], plain);
      assert.equal(copied.code, 1, copied.stderr);
      assert.deepEqual([...new Set((JSON.parse(copied.stdout).findings as { file: string }[]).map((f) => f.file))], ['.github/workflows/a.yml']);
    } finally {
      repo.cleanup();
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('an unknown command suggests the nearest one; a config error names the line of the key at fault', async () => {
    const r = await runCli(['chek']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'chek' \(did you mean 'check'\?\)/);
    const repo = gitRepo({ 'groundwork.yml': 'rules:\n  masked-exit-status:\n    enabled: true\n    severty: low\n' });
    try {
      const bad = await runCli(['check', repo.dir], repo.dir);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /groundwork\.yml:4: rules\.masked-exit-status\.severty: unknown key 'severty' \(did you mean 'severity'\?\)/);
    } finally {
      repo.cleanup();
    }
  });
});
