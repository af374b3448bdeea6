import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { python3 } from './canonical.js';
import { repoWith, tempDir } from '../helpers/tmp-repo.js';
import { fixtureCopy, gitCommitAll, smokeFindings } from './helpers.js';

const py = python3();
const run = (dir: string, ...args: string[]) =>
  spawnSync('python3', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: '' } });

describe('groundwork smoke --write-test: the generated runtime test, run with real python3', { skip: py.ok ? false : py.reason }, () => {
  it('passes on the intact package, skips the module whose optional dependency is missing, and prints the CI job', async () => {
    const t = fixtureCopy('plainpkg');
    try {
      const w = await runCli(['smoke', t.dir, '--no-cache', '--write-test']);
      assert.equal(w.code, 0, w.stderr);
      assert.match(w.stderr, /wrote .*test_import_smoke\.py: 9 public modules/);
      assert.match(w.stdout, /groundwork smoke --format github[\s\S]*python test\/test_import_smoke\.py/);
      const text = readFileSync(join(t.dir, 'test/test_import_smoke.py'), 'utf8');
      assert.match(text, /\("plainpkg\.fast", \("accelerate",\), \("groundwork_absent_dependency",\)\)/);
      assert.doesNotMatch(text, /_private|tests\.test_core/);
      const r = run(t.dir, 'test/test_import_smoke.py', '-v');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /import plainpkg\.fast \.\.\. skipped 'plainpkg\.fast needs groundwork_absent_dependency/);
      assert.match(r.stderr, /Ran 9 tests[\s\S]*OK \(skipped=1\)/);
      const p = run(t.dir, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test/test_import_smoke.py');
      if (!/No module named pytest/.test(p.stderr)) assert.match(p.stdout, /8 passed, 1 skipped/);
    } finally {
      t.cleanup();
    }
  });

  it('fails naming every planted break, not only the first, and the static check finds the same ones', async () => {
    const t = fixtureCopy('plainpkg');
    try {
      assert.equal((await runCli(['smoke', t.dir, '--no-cache', '--write-test'])).code, 0);
      renameSync(join(t.dir, 'plainpkg/formats.py'), join(t.dir, 'plainpkg/formats_v2.py')); // renamed module
      const core = join(t.dir, 'plainpkg/core.py');
      writeFileSync(core, readFileSync(core, 'utf8').replace('def compute_sum(', 'def compute_summary(')); // removed function
      const paths = join(t.dir, 'plainpkg/io/paths.py');
      writeFileSync(paths, `from ... import formats_v2\n${readFileSync(paths, 'utf8')}`); // bad relative import
      const r = run(t.dir, 'test/test_import_smoke.py');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /import plainpkg\.io\.loader failed: ModuleNotFoundError: No module named 'plainpkg\.formats'/);
      assert.match(r.stderr, /import plainpkg\.reports\.render failed: ImportError: cannot import name 'compute_sum'/);
      assert.match(r.stderr, /import plainpkg\.io\.paths failed: ImportError: attempted relative import beyond top-level package/);
      assert.match(r.stderr, /plainpkg\.core does not define compute_sum, listed in its __all__/);
      assert.match(r.stderr, /FAILED \(failures=5, skipped=1\)/, 'loader fails twice: its own import and through paths');
      assert.deepEqual(await smokeFindings(t.dir), [
        'plainpkg/io/loader.py:1 broken-internal-import high',
        'plainpkg/io/paths.py:1 relative-import-beyond-top high',
        'plainpkg/reports/render.py:1 missing-internal-name high',
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('tests the installed package from outside the checkout when one is installed, and says so', async () => {
    const t = fixtureCopy('plainpkg');
    const site = tempDir('gw-site-');
    try {
      assert.equal((await runCli(['smoke', t.dir, '--no-cache', '--write-test'])).code, 0);
      // Installed: an intact copy elsewhere. The checkout refuses to import from its source folder, as numpy and h5py do.
      cpSync(join(t.dir, 'plainpkg'), join(site.dir, 'plainpkg'), { recursive: true });
      const init = join(t.dir, 'plainpkg/__init__.py');
      writeFileSync(init, `raise ImportError("plainpkg cannot be imported from its source folder; build it first")\n${readFileSync(init, 'utf8')}`);
      const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: site.dir };
      for (const cwd of [t.dir, join(t.dir, 'test')]) {
        const args = [cwd === t.dir ? 'test/test_import_smoke.py' : 'test_import_smoke.py'];
        const r = spawnSync('python3', args, { cwd, encoding: 'utf8', env });
        assert.equal(r.status, 0, `${args.join(' ')} run from the checkout: ${r.stderr}`);
        assert.match(
          r.stderr,
          new RegExp(`testing the installed packages \\(plainpkg from ${site.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/plainpkg\\), not the checkout`),
        );
      }
      const checkout = run(t.dir, 'test/test_import_smoke.py');
      assert.notEqual(checkout.status, 0, 'with nothing installed the checkout is tested, and it cannot be imported');
      assert.match(checkout.stderr, /testing the checkout at .* \(no installed package found\)/);
      assert.match(checkout.stderr, /cannot be imported from its source folder/);
    } finally {
      site.cleanup();
      t.cleanup();
    }
  });

  it('refuses to write a test that imports nothing, and apply M01 fails saying why', async () => {
    const t = repoWith({ 'scripts/tool.py': 'import os\n', 'tests/test_tool.py': 'def test_x():\n    pass\n' });
    try {
      const w = await runCli(['smoke', t.dir, '--no-cache', '--write-test']);
      assert.equal(w.code, 2);
      assert.match(w.stderr, /no public module found to test/);
      assert.equal(existsSync(join(t.dir, 'test/test_import_smoke.py')), false);
      gitCommitAll(t.dir, 'scripts only');
      const apply = await runCli(['apply', 'M01', t.dir], t.dir);
      assert.notEqual(apply.code, 0, apply.stderr);
      assert.match(apply.stderr, /no public module found to test/);
      assert.doesNotMatch(apply.stderr + apply.stdout, /\bdone\b/);
    } finally {
      t.cleanup();
    }
  });

  it('fails loudly when the package itself cannot be imported', async () => {
    const t = fixtureCopy('plainpkg');
    try {
      assert.equal((await runCli(['smoke', t.dir, '--no-cache', '--write-test', 'checks/smoke_imports.py'], t.dir)).code, 0);
      writeFileSync(join(t.dir, 'plainpkg/__init__.py'), 'from .core import Ledger, compute_totals\n');
      const r = run(t.dir, 'checks/smoke_imports.py');
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /the package itself cannot be imported[\s\S]*plainpkg: ImportError: cannot import name 'compute_totals'/);
    } finally {
      t.cleanup();
    }
  });
});
