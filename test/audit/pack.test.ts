import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writePack } from '../../src/audit/pack.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, repoWith, tempDir } from '../helpers/tmp-repo.js';

const PACK = ['README.md', 'findings.json', 'findings.sarif', 'report.html'];
const WF =
  'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Run tests\n        run: pytest || true\n';

function git(dir: string, ...args: string[]) {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('audit pack', () => {
  it('the demo repository: writes every file and prints where the report is', async () => {
    const out = tempDir('gw-pack-');
    try {
      const r = await runCli(['audit', join(ROOT, 'examples/demo'), '--out', join(out.dir, 'pack'), '--quiet']);
      assert.equal(r.code, 1, 'the demo has findings');
      assert.match(r.stdout, /report: .*pack\/report\.html/);
      for (const f of [...PACK, 'SBOM.cdx.json', 'THIRD_PARTY_VERSIONS.md']) assert.ok(existsSync(join(out.dir, 'pack', f)), f);
      const findings = JSON.parse(readFileSync(join(out.dir, 'pack/findings.json'), 'utf8'));
      assert.equal(findings.formatVersion, 1);
      const caps = new Set(findings.findings.map((f: { capability: string }) => f.capability));
      const silent = findings.capabilities.filter((c: { id: string }) => !caps.has(c.id)).map((c: { id: string }) => c.id);
      // Every capability reports something on the demo; the plan's only flaws are the seed's own, which are
      // not counted against the repository (plan check lists them), so plan speaks through its note.
      assert.deepEqual(
        silent.filter((id: string) => id !== 'plan'),
        [],
        'the demo shows findings from every capability but plan',
      );
      const plan = findings.capabilities.find((c: { id: string }) => c.id === 'plan');
      assert.match(plan.note, /\d+ of \d+ milestones done/);
      assert.match(plan.note, /\d+ flaw\(s\) of its own, not counted/);
      assert.ok(findings.capabilities.length >= 8);
      const sarif = JSON.parse(readFileSync(join(out.dir, 'pack/findings.sarif'), 'utf8'));
      assert.equal(sarif.runs.length, findings.capabilities.length, 'one SARIF run per capability');
      assert.match(readFileSync(join(out.dir, 'pack/README.md'), 'utf8'), /## Areas[\s\S]*CI reliability/);
    } finally {
      out.cleanup();
    }
  });

  it('no workflows, no git, an empty directory: a pack with a note, not a crash', async () => {
    const empty = tempDir('gw-empty-');
    try {
      const r = await runCli(['audit', empty.dir, '--quiet']);
      assert.equal(r.code, 0);
      const readme = readFileSync(join(empty.dir, 'docs/refactor/audit/README.md'), 'utf8');
      assert.match(readme, /no workflows or local actions/);
      assert.match(readme, /not a git repository/);
    } finally {
      empty.cleanup();
    }
  });

  it('refuses an output directory inside .git, and reports a read-only one clearly', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    git(t.dir, 'init', '-q');
    try {
      const inGit = await runCli(['audit', t.dir, '--out', join(t.dir, '.git', 'pack'), '--quiet']);
      assert.equal(inGit.code, 2);
      assert.match(inGit.stderr, /inside a \.git directory/);
      // A read-only directory: mode 555 for a normal user; root ignores modes, so there the directory is made immutable.
      const ro = join(t.dir, 'ro');
      mkdirSync(ro);
      const asRoot = process.getuid?.() === 0;
      let locked = true;
      if (asRoot) locked = spawnSync('chattr', ['+i', ro]).status === 0;
      else chmodSync(ro, 0o555);
      try {
        if (locked) {
          const r = await runCli(['audit', t.dir, '--out', join(ro, 'pack'), '--quiet']);
          assert.equal(r.code, 2);
          assert.match(r.stderr, /cannot write the audit pack to .*(permission denied|operation not permitted)/i);
        }
      } finally {
        if (asRoot) spawnSync('chattr', ['-i', ro]);
      }
    } finally {
      t.cleanup();
    }
  });

  it('writes atomically: a failure part-way leaves the previous pack intact', () => {
    const t = tempDir('gw-atomic-');
    try {
      const out = join(t.dir, 'pack');
      writePack(
        out,
        new Map([
          ['README.md', 'previous\n'],
          ['findings.json', '{"old":true}\n'],
        ]),
      );
      // The second file's directory does not exist, so the write fails after the first file.
      assert.throws(
        () =>
          writePack(
            out,
            new Map([
              ['README.md', 'new\n'],
              ['missing/dir/file.json', '{}'],
            ]),
          ),
        /cannot write the audit pack/,
      );
      assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), 'previous\n');
      assert.equal(readFileSync(join(out, 'findings.json'), 'utf8'), '{"old":true}\n');
      const leftovers = spawnSync('ls', ['-A', t.dir], { encoding: 'utf8' }).stdout.trim().split('\n');
      assert.deepEqual(leftovers, ['pack'], 'no staging directory left behind');
    } finally {
      t.cleanup();
    }
  });

  it('--since REV compares with the pack committed at that revision', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    try {
      git(t.dir, 'init', '-q');
      assert.equal((await runCli(['audit', t.dir, '--quiet'])).code, 1);
      git(t.dir, 'add', '-A');
      git(t.dir, 'commit', '-qm', 'baseline');
      writeFileSync(
        join(t.dir, '.github/workflows/ci.yml'),
        WF.replace('pytest || true', 'pytest').replace('ubuntu-latest\n', 'ubuntu-latest\n    continue-on-error: true\n'),
      );
      const r = await runCli(['audit', t.dir, '--since', 'HEAD']);
      assert.match(r.stdout, /since HEAD: 1 fixed, 1 new, \d+ unchanged/);
      assert.match(readFileSync(join(t.dir, 'docs/refactor/audit/README.md'), 'utf8'), /## Since HEAD/);
    } finally {
      t.cleanup();
    }
  });

  it('--since a findings.json of an incompatible format version names both versions', async () => {
    const t = repoWith({
      '.github/workflows/ci.yml': WF,
      'old.json': JSON.stringify({ tool: 'groundwork', version: '9.0.0', formatVersion: 7, findings: [] }),
    });
    try {
      const r = await runCli(['audit', t.dir, '--since', join(t.dir, 'old.json'), '--quiet']);
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        /format version 7 \(written by groundwork 9\.0\.0\) is not compatible with this groundwork \d+\.\d+\.\d+, which reads format version 1/,
      );
    } finally {
      t.cleanup();
    }
  });
});
