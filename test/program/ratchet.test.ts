import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { gitRepo } from './helpers.js';

const WORKFLOW = (extra = '', before = '') => `name: ci
on: push
jobs:
${before}  test:
    runs-on: ubuntu-latest
    steps:
      - name: Run tests
        run: pytest
        continue-on-error: true
${extra}`;

const SECOND = `      - name: Build
        run: make
        continue-on-error: true
`;

describe('groundwork ratchet', () => {
  let repo: ReturnType<typeof gitRepo>;
  const wf = () => join(repo.dir, '.github/workflows/ci.yml');
  const ratchet = (...args: string[]) => runCli(['ratchet', repo.dir, '--format', 'json', ...args], repo.dir);
  before(() => {
    repo = gitRepo({ '.github/workflows/ci.yml': WORKFLOW() });
  });
  after(() => repo.cleanup());

  it('without a baseline, --check is an input error telling how to create one', async () => {
    const r = await ratchet('--check');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ratchet --update/);
  });

  it('--update writes a format-versioned baseline with counts per rule and file; --check then passes', async () => {
    assert.equal((await ratchet('--update')).code, 0);
    const b = JSON.parse(readFileSync(join(repo.dir, 'refactor/ratchet.json'), 'utf8'));
    assert.equal(b.format, 1);
    assert.equal(b.rules['continue-on-error'].files['.github/workflows/ci.yml'].total, 1);
    assert.equal((await ratchet('--check')).code, 0);
  });

  it('an unrelated edit that moves the finding to another line does not churn it', async () => {
    writeFileSync(wf(), WORKFLOW('', '  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo lint\n'));
    const r = await ratchet('--check');
    assert.equal(r.code, 0, r.stdout);
  });

  it('a new finding fails --check at the new line, even though the file already had one', async () => {
    writeFileSync(wf(), WORKFLOW(SECOND));
    const r = await ratchet('--check');
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; file: string; line: number }[];
    const rises = findings.filter((f) => f.ruleId === 'ratchet-regression');
    assert.ok(rises.length >= 1);
    assert.ok(rises.every((f) => f.file === '.github/workflows/ci.yml'));
    const lines = readFileSync(wf(), 'utf8').split('\n');
    const newLine = lines
      .map((l, i) => (l.includes('continue-on-error') ? i + 1 : 0))
      .filter(Boolean)
      .pop();
    assert.ok(
      rises.some((f) => f.line === newLine),
      `expected a regression at line ${newLine}: ${JSON.stringify(rises)}`,
    );
  });

  it('a count that fell without --update fails too; --update tightens it and --check passes again', async () => {
    writeFileSync(wf(), WORKFLOW().replace('        continue-on-error: true\n', ''));
    const r = await ratchet('--check');
    assert.equal(r.code, 1);
    const stale = (JSON.parse(r.stdout).findings as { ruleId: string; file: string; message: string }[]).filter((f) => f.ruleId === 'ratchet-stale-baseline');
    assert.equal(stale.length, 1);
    assert.equal(stale[0]!.file, 'refactor/ratchet.json');
    assert.match(stale[0]!.message, /continue-on-error in \.github\/workflows\/ci\.yml fell from 1 to 0/);
    assert.equal((await ratchet('--update')).code, 0);
    assert.equal((await ratchet('--check')).code, 0);
  });

  it('refuses a baseline of a newer format, naming both versions', async () => {
    const path = join(repo.dir, 'refactor/ratchet.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"format": 1', '"format": 2'));
    const r = await ratchet('--check');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ratchet format 2 .* reads format 1/);
    assert.equal((await ratchet('--check', '--update')).code, 2);
  });
});
