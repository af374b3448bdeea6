import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith, ROOT, tempDir } from '../helpers/tmp-repo.js';

const GOOD = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n';

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'bcdefghij';
  for (let i = 0; i < names.length; i++) {
    const prev = i === 0 ? 'a' : names[i - 1];
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\non: push\njobs: {}\n`;
}

describe('bad input: a clear error naming the file, and the run goes on', () => {
  it('invalid YAML, alias bomb, huge, binary, non-UTF-8, symlink out, unreadable', async () => {
    const outside = tempDir('gw-outside-');
    writeFileSync(join(outside.dir, 'secret.yml'), 'on: push\n');
    const t = repoWith({
      '.github/workflows/good.yml': GOOD,
      '.github/workflows/invalid.yml': 'on: push\njobs:\n  t:\n    runs-on: [ubuntu\n   steps: x\n',
      '.github/workflows/bomb.yml': aliasBomb(),
      '.github/workflows/huge.yml': Buffer.alloc(50 * 1024 * 1024, 'a'),
      '.github/workflows/binary.yml': Buffer.from([0x6f, 0x6e, 0x3a, 0x00, 0x01, 0x02]),
      '.github/workflows/latin1.yml': Buffer.from('name: caf\xe9\non: push\n', 'latin1'),
      '.github/workflows/unreadable.yml': GOOD,
    });
    symlinkSync(join(outside.dir, 'secret.yml'), join(t.dir, '.github/workflows/escape.yml'));
    chmodSync(join(t.dir, '.github/workflows/unreadable.yml'), 0o000);
    try {
      const r = await runCli(['check', t.dir, '--format', 'json', '--fail-on', 'info']);
      assert.equal(r.code, 1);
      const findings = JSON.parse(r.stdout).findings as { file: string; ruleId: string; message: string; line: number }[];
      const by = (file: string) => findings.filter((f) => f.file === `.github/workflows/${file}`);
      assert.equal(by('good.yml')[0]?.ruleId, 'masked-exit-status', 'the good file is still analysed');
      assert.equal(by('invalid.yml')[0]?.ruleId, 'yaml-syntax');
      assert.ok(by('invalid.yml')[0]!.line >= 4, 'syntax error points at its line');
      assert.match(by('bomb.yml')[0]?.message ?? '', /alias bomb/);
      assert.match(by('huge.yml')[0]?.message ?? '', /huge\.yml: file is 50\.0 MiB, over the 5 MiB limit/);
      assert.match(by('binary.yml')[0]?.message ?? '', /binary\.yml: binary content/);
      assert.match(by('latin1.yml')[0]?.message ?? '', /latin1\.yml: not valid UTF-8 \(line 1/);
      assert.match(by('escape.yml')[0]?.message ?? '', /escape\.yml: symbolic link points outside the repository/);
      if (process.getuid?.() !== 0) assert.match(by('unreadable.yml')[0]?.message ?? '', /permission denied/);
    } finally {
      chmodSync(join(t.dir, '.github/workflows/unreadable.yml'), 0o644);
      t.cleanup();
      outside.cleanup();
    }
  });

  it('a directory that is not a repository (no git, no workflows) is analysed with a note', async () => {
    const t = tempDir('gw-empty-');
    mkdirSync(join(t.dir, 'src'));
    try {
      const r = await runCli(['check', t.dir]);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /no workflows/);
    } finally {
      t.cleanup();
    }
  });

  it('a file path instead of a directory is a usage error (for commands that take only DIR; check takes FILE… too)', async () => {
    const t = repoWith({ 'file.txt': 'x' });
    try {
      const r = await runCli(['pin', join(t.dir, 'file.txt'), '--check']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /file\.txt: not a directory/);
    } finally {
      t.cleanup();
    }
  });
});

describe('bad input: an unreadable file, as a user who cannot read it', () => {
  // Root reads every file whatever its mode, so as root the CLI is run as `nobody` with setpriv.
  const asRoot = process.getuid?.() === 0;
  const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath];
  // `nobody` must be able to run the built CLI where this checkout lives (not under a private home).
  const nobodyCanRun = asRoot && spawnSync(asNobody[0]!, [...asNobody.slice(1), join(ROOT, 'bin', 'groundwork.js'), '--version']).status === 0;
  const skip = asRoot && !nobodyCanRun ? 'running as root, and `setpriv` to user nobody cannot run this checkout: no user to lack the permission' : false;
  it('reports it with the file name and analyses the rest', { skip }, () => {
    const t = repoWith({ '.github/workflows/good.yml': GOOD, '.github/workflows/unreadable.yml': GOOD });
    try {
      chmodSync(t.dir, 0o755);
      spawnSync('chmod', ['-R', 'a+rX', t.dir]);
      chmodSync(join(t.dir, '.github/workflows/unreadable.yml'), 0o000);
      const cli = [join(ROOT, 'bin', 'groundwork.js'), 'check', t.dir, '--format', 'json'];
      const cmd = asRoot ? [...asNobody, ...cli] : [process.execPath, ...cli];
      const r = spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      const findings = JSON.parse(r.stdout).findings as { file: string; ruleId: string; message: string }[];
      assert.match(findings.find((f) => f.file.endsWith('unreadable.yml'))?.message ?? '', /unreadable\.yml: cannot read: permission denied/);
      assert.ok(findings.some((f) => f.file.endsWith('good.yml') && f.ruleId === 'masked-exit-status'));
    } finally {
      t.cleanup();
    }
  });
});
