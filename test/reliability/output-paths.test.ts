// Issue 16, items 3 and 6 and the write-error bullet: what --out, --summary, --baseline may be,
// and that an output nobody can write is exit 2, never a silent 0 or 1.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith, ROOT, tempDir } from '../helpers/tmp-repo.js';

const WF = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n';
const BIN = join(ROOT, 'bin', 'groundwork.js');

describe('--out FILE over something that is not a regular file', () => {
  it('a FIFO with a reader is written through, not replaced by a file', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      const fifo = join(t.dir, 'out.fifo');
      assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
      // A real reader on the other end: `cat` copies what arrives into a file. A reader waiting in
      // open() already counts as one, so the write side's non-blocking open finds it.
      const got = openSync(join(t.dir, 'got.txt'), 'w');
      const cat = spawn('cat', [fifo], { stdio: ['ignore', got, 'ignore'] });
      const done = new Promise((resolve) => cat.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 300));
      try {
        const r = await runCli(['check', t.dir, '--format', 'json', '--out', fifo, '--quiet']);
        assert.equal(r.code, 1, r.stderr);
        assert.ok(lstatSync(fifo).isFIFO(), 'still a FIFO');
        const timedOut = await Promise.race([done.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 10_000))]);
        assert.equal(timedOut, false, 'the reader got the whole output and its end');
      } finally {
        cat.kill('SIGKILL');
        closeSync(got);
      }
      assert.match(readFileSync(join(t.dir, 'got.txt'), 'utf8'), /masked-exit-status/);
    } finally {
      t.cleanup();
    }
  });

  it('a FIFO nobody reads is refused (exit 2) instead of hanging, and stays a FIFO', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      const fifo = join(t.dir, 'out.fifo');
      assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
      const r = await runCli(['check', t.dir, '--out', fifo]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /named pipe \(FIFO\) that nobody reads/);
      assert.ok(lstatSync(fifo).isFIFO());
    } finally {
      t.cleanup();
    }
  });

  const canMknod = process.getuid?.() === 0;
  it('a character device (a copy of /dev/null) stays a device', { skip: canMknod ? false : 'mknod needs root' }, async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      const dev = join(t.dir, 'null');
      const made = spawnSync('mknod', [dev, 'c', '1', '3']);
      if (made.status !== 0) return; // a container without CAP_MKNOD: nothing to test here
      const r = await runCli(['check', t.dir, '--out', dev, '--quiet']);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(statSync(dev).isCharacterDevice(), 'still a device, not a regular file');
    } finally {
      t.cleanup();
    }
  });
});

describe('--out / --summary / --baseline naming a directory: exit 2 before anything is written', () => {
  it('fix --summary DIR changes no workflow', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      mkdirSync(join(t.dir, 'summary'));
      const r = await runCli(['fix', t.dir, '--summary', join(t.dir, 'summary')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--summary .*summary: is a directory/);
      assert.equal(readFileSync(join(t.dir, '.github/workflows/ci.yml'), 'utf8'), WF, 'fix did not run');
    } finally {
      t.cleanup();
    }
  });

  it('check --out DIR and ratchet --baseline DIR', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      mkdirSync(join(t.dir, 'dir'));
      const out = await runCli(['check', t.dir, '--out', join(t.dir, 'dir')]);
      assert.equal(out.code, 2);
      assert.match(out.stderr, /is a directory/);
      const base = await runCli(['ratchet', t.dir, '--update', '--baseline', 'dir']);
      assert.equal(base.code, 2);
      assert.match(base.stderr, /dir: a directory, not a regular file/);
      const under = await runCli(['check', t.dir, '--out', join(t.dir, '.github/workflows/ci.yml/x.json')]);
      assert.equal(under.code, 2, 'a path under a regular file');
    } finally {
      t.cleanup();
    }
  });
});

describe('write errors are exit 2', () => {
  const full = existsSync('/dev/full') ? false : 'no /dev/full on this system';
  it('check > /dev/full and --help > /dev/full', { skip: full }, () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      const fd = openSync('/dev/full', 'w');
      try {
        const check = spawnSync(process.execPath, [BIN, 'check', t.dir], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        assert.equal(check.status, 2, check.stderr);
        assert.match(check.stderr, /cannot write the output: ENOSPC/);
        const help = spawnSync(process.execPath, [BIN, '--help'], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
        assert.equal(help.status, 2, help.stderr);
      } finally {
        closeSync(fd);
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('usage errors for unknown names', () => {
  it('check --rule nope: exit 2 with the nearest rule', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      const r = await runCli(['check', t.dir, '--rule', 'masked-exit-stat']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown rule 'masked-exit-stat' \(did you mean 'masked-exit-status'\?\)/);
      assert.equal((await runCli(['check', t.dir, '--rule', 'nope'])).code, 2);
    } finally {
      t.cleanup();
    }
  });

  it('smoke --package typo: exit 2 with the nearest package', async () => {
    const t = repoWith({ 'mypkg/__init__.py': '', 'mypkg/core.py': 'import os\n' });
    try {
      const r = await runCli(['smoke', t.dir, '--package', 'mypgk', '--no-cache']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /'mypgk' matches no Python file \(did you mean 'mypkg'\?\)/);
      assert.equal((await runCli(['smoke', t.dir, '--package', 'mypkg', '--no-cache'])).code, 0);
    } finally {
      t.cleanup();
    }
  });
});

describe('writes stay atomic and keep what is there', () => {
  it('--out over a link to a regular file replaces the target and keeps the link', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    const other = tempDir('gw-link-target-');
    try {
      writeFileSync(join(other.dir, 'report.json'), 'old');
      spawnSync('ln', ['-s', join(other.dir, 'report.json'), join(t.dir, 'report.json')]);
      const r = await runCli(['check', t.dir, '--format', 'json', '--out', join(t.dir, 'report.json'), '--quiet']);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(lstatSync(join(t.dir, 'report.json')).isSymbolicLink());
      assert.match(readFileSync(join(other.dir, 'report.json'), 'utf8'), /"tool": "groundwork"/);
    } finally {
      t.cleanup();
      other.cleanup();
    }
  });
});
