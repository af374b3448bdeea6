// Issue 16, items 1 and 2: `audit --out` / `merge --out` never replace what is not a pack, and a
// committed symbolic link never makes the pack (or the SBOM) land outside the repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith, tempDir } from '../helpers/tmp-repo.js';

const WF = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n';

function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

/** Every path under `dir` (names only, sorted), to prove nothing was removed or added. */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

describe('audit --out: refuses what is not a pack, removes nothing it did not write', () => {
  it('`audit . --out .` in a git repository deletes nothing and exits 2', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF, 'src/main.py': 'print(1)\n' });
    try {
      git(t.dir, 'init', '-q');
      git(t.dir, 'add', '-A');
      git(t.dir, 'commit', '-qm', 'init');
      const before = listing(t.dir);
      const r = await runCli(['audit', '.', '--out', '.', '--quiet'], t.dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /would replace the repository itself/);
      assert.deepEqual(listing(t.dir), before, 'every file, .git included, is still there');
    } finally {
      t.cleanup();
    }
  });

  it('an existing folder that is not a pack is refused; files added to a pack are never removed', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF, 'notes/keep.txt': 'mine\n' });
    try {
      const r = await runCli(['audit', t.dir, '--out', join(t.dir, 'notes'), '--quiet']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /not a groundwork audit pack/);
      assert.equal(readFileSync(join(t.dir, 'notes/keep.txt'), 'utf8'), 'mine\n');

      const pack = join(t.dir, 'docs/refactor/audit');
      assert.equal((await runCli(['audit', t.dir, '--quiet'])).code, 1, 'a first pack is written');
      assert.ok(existsSync(join(pack, '.groundwork-pack')), 'the pack carries its marker');
      assert.equal((await runCli(['audit', t.dir, '--quiet'])).code, 1, 'a previous pack is replaced');
      writeFileSync(join(pack, 'my-notes.md'), 'do not lose me\n');
      const again = await runCli(['audit', t.dir, '--quiet']);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /1 file\(s\) the pack did not write \(my-notes\.md\)/);
      assert.equal(readFileSync(join(pack, 'my-notes.md'), 'utf8'), 'do not lose me\n');
    } finally {
      t.cleanup();
    }
  });

  it('merge --out over a folder that is not a pack is refused, and --out . too', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    const out = tempDir('gw-merge-safety-');
    try {
      await runCli(['audit', t.dir, '--out', join(out.dir, 'pack'), '--quiet']);
      mkdirSync(join(out.dir, 'precious'));
      writeFileSync(join(out.dir, 'precious/data.txt'), 'x');
      const r = await runCli(['merge', join(out.dir, 'pack'), '--out', join(out.dir, 'precious')]);
      assert.equal(r.code, 2);
      assert.equal(readFileSync(join(out.dir, 'precious/data.txt'), 'utf8'), 'x');
      const here = await runCli(['merge', join(out.dir, 'pack'), '--out', '.'], out.dir);
      assert.equal(here.code, 2);
      assert.ok(existsSync(join(out.dir, 'pack/findings.json')));
    } finally {
      t.cleanup();
      out.cleanup();
    }
  });
});

describe('symbolic links never lead a write out of the repository', () => {
  for (const link of ['docs', 'docs/refactor']) {
    it(`audit with ${link} -> elsewhere: exit 2, nothing written or removed there`, async () => {
      const t = repoWith({ '.github/workflows/ci.yml': WF });
      const elsewhere = tempDir('gw-elsewhere-');
      try {
        const victim = link === 'docs' ? join(elsewhere.dir, 'refactor/audit') : join(elsewhere.dir, 'audit');
        mkdirSync(victim, { recursive: true });
        writeFileSync(join(victim, 'findings.json'), '{"tool":"groundwork"}');
        mkdirSync(join(t.dir, link, '..'), { recursive: true });
        symlinkSync(elsewhere.dir, join(t.dir, link));
        const before = listing(elsewhere.dir);
        const r = await runCli(['audit', t.dir, '--quiet']);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /outside the repository/);
        assert.deepEqual(listing(elsewhere.dir), before);
        const sbom = await runCli(['sbom', t.dir, '--write', '--quiet']);
        assert.equal(sbom.code, 2, sbom.stderr);
        assert.deepEqual(listing(elsewhere.dir), before, 'sbom --write did not write there either');
      } finally {
        t.cleanup();
        elsewhere.cleanup();
      }
    });
  }

  it('ratchet --update --baseline ../x/y.json and pin --map-file through a link create no folder outside', async () => {
    const parent = tempDir('gw-parent-');
    try {
      const repo = join(parent.dir, 'repo');
      mkdirSync(join(repo, '.github/workflows'), { recursive: true });
      writeFileSync(join(repo, '.github/workflows/ci.yml'), WF);
      const r = await runCli(['ratchet', repo, '--update', '--baseline', '../x/y.json', '--quiet']);
      assert.equal(r.code, 2, r.stderr);
      assert.ok(!existsSync(join(parent.dir, 'x')), 'no folder made outside before refusing');
      mkdirSync(join(parent.dir, 'out'));
      symlinkSync(join(parent.dir, 'out'), join(repo, 'linked'));
      const pin = await runCli(['pin', repo, '--map-file', 'linked/deep/map.json']);
      assert.equal(pin.code, 2, pin.stderr);
      assert.deepEqual(readdirSync(join(parent.dir, 'out')), [], 'nothing created through the link');
    } finally {
      parent.cleanup();
    }
  });
});

describe('init writes nothing through a link out of the repository', () => {
  it('init deps-audit with .github -> elsewhere: exit 2, no folder made there', async () => {
    const t = repoWith({ 'README.md': 'x\n' });
    const elsewhere = tempDir('gw-elsewhere-');
    try {
      symlinkSync(elsewhere.dir, join(t.dir, '.github'));
      const r = await runCli(['init', 'deps-audit', t.dir]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /outside the repository/);
      assert.deepEqual(readdirSync(elsewhere.dir), [], 'no workflows folder created outside');
    } finally {
      t.cleanup();
      elsewhere.cleanup();
    }
  });
});

describe('a pack that cannot be replaced is left as it was', () => {
  it('read-only (or immutable) previous pack: exit 2, no .audit.old-*/.audit.new-*, the old pack kept', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF });
    const pack = join(t.dir, 'docs/refactor/audit');
    const asRoot = process.getuid?.() === 0;
    let locked = false;
    try {
      assert.equal((await runCli(['audit', t.dir, '--quiet'])).code, 1);
      const before = readFileSync(join(pack, 'findings.json'), 'utf8');
      // Root ignores modes, so there a file of the pack is made immutable; otherwise the folder is read-only.
      if (asRoot) locked = spawnSync('chattr', ['+i', join(pack, 'findings.json')]).status === 0;
      else {
        chmodSync(pack, 0o555);
        locked = true;
      }
      if (!locked) return;
      writeFileSync(join(t.dir, '.github/workflows/ci.yml'), WF.replace('pytest || true', 'pytest'));
      const r = await runCli(['audit', t.dir, '--quiet']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /previous pack cannot be replaced/);
      assert.equal(readFileSync(join(pack, 'findings.json'), 'utf8'), before, 'the pack was not swapped');
      assert.deepEqual(readdirSync(join(t.dir, 'docs/refactor')), ['audit'], 'no staging or old folder left behind');
    } finally {
      if (locked) {
        if (asRoot) spawnSync('chattr', ['-i', join(pack, 'findings.json')]);
        else chmodSync(pack, 0o755);
      }
      t.cleanup();
    }
  });
});
