// Issue 16: hangs any repository can trigger, reads outside the repository, and inputs that used
// to end in an internal error (exit 3) instead of a clear exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith, ROOT, tempDir } from '../helpers/tmp-repo.js';

const WF = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n';
const BIN = join(ROOT, 'bin', 'groundwork.js');

/** Runs the built CLI with a time limit: a hang is a failure with a clear message, not a stuck suite. */
function runBin(args: string[], timeout = 20_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout, killSignal: 'SIGKILL' });
  assert.notEqual(r.signal, 'SIGKILL', `groundwork ${args.join(' ')} hung (killed after ${timeout} ms)`);
  return r;
}

function mkfifo(path: string): void {
  assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');
}

describe('never hangs on a FIFO or a device', () => {
  it('a workflow, a .py and groundwork.yml that are links to a FIFO', () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF, 'pkg/__init__.py': '', 'pkg/a.py': 'import os\n' });
    try {
      mkfifo(join(t.dir, 'pipe'));
      symlinkSync('../../pipe', join(t.dir, '.github/workflows/fifo.yml'));
      symlinkSync('../pipe', join(t.dir, 'pkg/fifo.py'));
      const check = runBin(['check', t.dir, '--format', 'json']);
      assert.equal(check.status, 1, check.stderr);
      const msg = JSON.parse(check.stdout).findings.find((f: { file: string }) => f.file.endsWith('fifo.yml'))?.message;
      assert.match(msg ?? '', /named pipe \(FIFO\), not a regular file/);
      const smoke = runBin(['smoke', t.dir, '--no-cache', '--format', 'json', '--fail-on', 'high']);
      assert.ok(smoke.status === 0 || smoke.status === 1, smoke.stderr);
      symlinkSync('pipe', join(t.dir, 'groundwork.yml'));
      const config = runBin(['check', t.dir]);
      assert.equal(config.status, 2);
      assert.match(config.stderr, /groundwork\.yml: a named pipe \(FIFO\), not a regular file/);
    } finally {
      t.cleanup();
    }
  });

  it('a workflow given by path that is a socket is named as one, not read (no raw open error)', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    const server = createServer();
    try {
      const sock = join(t.dir, '.github/workflows/sock.yml');
      await new Promise<void>((resolve) => server.listen(sock, resolve));
      const check = runBin(['check', sock, '--format', 'json']);
      assert.ok(check.status === 1 || check.status === 2, check.stderr);
      const said = `${check.stdout}${check.stderr}`;
      assert.match(said, /a socket, not a regular file/);
      assert.doesNotMatch(said, /ENXIO/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      t.cleanup();
    }
  });

  it('a ledger with effort: .nan is an input error, not an endless schedule', () => {
    const t = repoWith({
      'refactor/plan.yml': 'format: 1\nmilestones:\n  - id: M01\n    title: One\n    effort: .nan\n  - id: M02\n    title: Two\n    effort: 3\n',
    });
    try {
      // plan finds its ledger from the current directory
      const s = spawnSync(process.execPath, [BIN, 'plan', 'schedule', '--people', '2'], {
        cwd: t.dir,
        encoding: 'utf8',
        timeout: 20_000,
        killSignal: 'SIGKILL',
      });
      assert.notEqual(s.signal, 'SIGKILL', 'plan schedule hung');
      assert.equal(s.status, 2, s.stderr);
      assert.match(s.stderr, /effort: expected a number \(got NaN\)/);
      writeFileSync(join(t.dir, 'refactor/plan.yml'), 'format: 1\nmilestones:\n  - id: M01\n    title: One\n    effort: -4\n');
      const neg = spawnSync(process.execPath, [BIN, 'plan', 'schedule'], { cwd: t.dir, encoding: 'utf8', timeout: 20_000 });
      assert.equal(neg.status, 2);
      assert.match(neg.stderr, /at least 0/);
    } finally {
      t.cleanup();
    }
  });
});

describe('never reads outside the repository', () => {
  it('explain ../outside/file.yml:7', async () => {
    const parent = tempDir('gw-explain-');
    try {
      mkdirSync(join(parent.dir, 'repo'));
      mkdirSync(join(parent.dir, 'outside'));
      writeFileSync(join(parent.dir, 'outside/file.yml'), WF.replace('Run tests', 'SECRET step'));
      const r = await runCli(['explain', '../outside/file.yml:7'], join(parent.dir, 'repo'));
      assert.equal(r.code, 2);
      assert.doesNotMatch(r.stdout + r.stderr, /SECRET/);
      assert.match(r.stderr, /outside the repository/);
    } finally {
      parent.cleanup();
    }
  });

  it('.github/workflows and groundwork.yml linked outside, ratchet --baseline ../../secret', async () => {
    const t = repoWith({ 'README.md': 'x\n' });
    const outside = tempDir('gw-outside-');
    try {
      mkdirSync(join(outside.dir, 'workflows'));
      writeFileSync(join(outside.dir, 'workflows/ci.yml'), WF.replace('Run tests', 'SECRET step'));
      writeFileSync(join(outside.dir, 'groundwork.yml'), 'failOn: high\n');
      writeFileSync(join(outside.dir, 'secret'), '{"SECRET": true}\n');
      mkdirSync(join(t.dir, '.github'));
      symlinkSync(join(outside.dir, 'workflows'), join(t.dir, '.github/workflows'));
      const ex = await runCli(['explain', '.github/workflows/ci.yml:7'], t.dir);
      assert.equal(ex.code, 2);
      assert.doesNotMatch(ex.stdout + ex.stderr, /SECRET/);
      assert.match(ex.stderr, /symbolic link to outside the repository/);
      const check = await runCli(['check', t.dir, '--format', 'json']);
      assert.doesNotMatch(check.stdout, /SECRET/);

      symlinkSync(join(outside.dir, 'groundwork.yml'), join(t.dir, 'groundwork.yml'));
      const config = await runCli(['check', t.dir]);
      assert.equal(config.code, 2);
      assert.match(config.stderr, /groundwork\.yml: symbolic link points outside the repository/);
      spawnSync('rm', [join(t.dir, 'groundwork.yml')]);

      const ratchet = await runCli(['ratchet', t.dir, '--baseline', `../${outside.dir.split('/').pop()}/secret`]);
      assert.equal(ratchet.code, 2);
      assert.doesNotMatch(ratchet.stdout + ratchet.stderr, /SECRET/);
    } finally {
      t.cleanup();
      outside.cleanup();
    }
  });
});

describe('inputs that used to be internal errors are exit 2', () => {
  const bomb = (() => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'bcdefghij';
    for (let i = 0; i < names.length; i++)
      lines.push(
        `${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${i === 0 ? 'a' : names[i - 1]}`)
          .join(',')}]`,
      );
    return `${lines.join('\n')}\n`;
  })();

  for (const [what, make] of [
    ['a folder', (dir: string) => mkdirSync(join(dir, 'groundwork.yml'))],
    ['__proto__', (dir: string) => writeFileSync(join(dir, 'groundwork.yml'), '__proto__: {failOn: high}\n')],
    ['an alias bomb', (dir: string) => writeFileSync(join(dir, 'groundwork.yml'), bomb)],
  ] as const) {
    it(`groundwork.yml that is ${what}`, async () => {
      const t = repoWith({ '.github/workflows/ci.yml': WF });
      try {
        make(t.dir);
        const r = await runCli(['check', t.dir]);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /groundwork\.yml/);
        assert.doesNotMatch(r.stderr, /internal error/);
      } finally {
        t.cleanup();
      }
    });
  }

  it('merge of a findings.json with capabilities: null or a numeric message', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    const out = tempDir('gw-merge-bad-');
    try {
      await runCli(['audit', t.dir, '--out', join(out.dir, 'pack'), '--quiet']);
      const good = JSON.parse(readFileSync(join(out.dir, 'pack/findings.json'), 'utf8'));
      writeFileSync(join(out.dir, 'a.json'), JSON.stringify({ ...good, capabilities: null }));
      writeFileSync(join(out.dir, 'b.json'), JSON.stringify({ ...good, findings: [{ ...good.findings[0], message: 42 }] }));
      const a = await runCli(['merge', join(out.dir, 'a.json'), '--out', join(out.dir, 'm')]);
      assert.equal(a.code, 2, a.stderr);
      assert.match(a.stderr, /\/capabilities: must be array/);
      const b = await runCli(['merge', join(out.dir, 'b.json'), '--out', join(out.dir, 'm')]);
      assert.equal(b.code, 2, b.stderr);
      assert.match(b.stderr, /\/findings\/0\/message: must be string/);
    } finally {
      t.cleanup();
      out.cleanup();
    }
  });

  it('plan check . (a folder)', async () => {
    const t = repoWith({ 'README.md': 'x\n' });
    try {
      const r = await runCli(['plan', 'check', '.'], t.dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /a directory, not a regular file/);
    } finally {
      t.cleanup();
    }
  });
});
