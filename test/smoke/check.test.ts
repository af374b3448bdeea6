import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { Repository } from '../../src/services/repository.js';
import { checkImports } from '../../src/smoke/check.js';
import { runCli } from '../helpers/cli.js';
import { fixtureCopy, smokeFindings } from './helpers.js';

function edit(dir: string, path: string, from: string | RegExp, to: string): void {
  const abs = join(dir, path);
  const text = readFileSync(abs, 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `planting a break in ${path} changed nothing`);
  writeFileSync(abs, next);
}

describe('groundwork smoke: the static import check', () => {
  it('finds nothing in the intact PyTorch-like fixture (compiled _C with stubs, lazy __getattr__, star import, sys.modules injection)', async () => {
    const t = fixtureCopy('torchlike');
    try {
      const repo = Repository.open(t.dir);
      const result = await checkImports({
        repo,
        config: loadConfig(
          repo.root,
          ALL_RULES.map((r) => r.id),
        ),
      });
      assert.deepEqual(
        result.findings.map((f) => `${f.file}:${f.line} ${f.message}`),
        [],
      );
      assert.ok(result.stats.files >= 20 && result.stats.imports >= 40, JSON.stringify(result.stats));
      assert.ok(result.stats.byCategory.internal >= 30);
    } finally {
      t.cleanup();
    }
  });

  it('finds every planted break in the PyTorch-like fixture, at the severity of its context', async () => {
    const t = fixtureCopy('torchlike');
    try {
      renameSync(join(t.dir, 'torchlike/nn/modules/linear.py'), join(t.dir, 'torchlike/nn/modules/dense.py')); // a renamed module
      edit(t.dir, 'torchlike/nn/functional.py', 'def linear_forward(x)', 'def linear_fwd(x)'); // a removed function
      edit(t.dir, 'torchlike/nn/modules/dense.py', 'from ... import _C', 'from .... import _C'); // a bad relative import
      edit(t.dir, 'torchlike/nn/functional.py', 'import _get_tracing_state', 'import _get_tracing_stat'); // not in the _C stub
      appendFileSync(join(t.dir, 'torchlike/utils/data.py'), 'try:\n    from torchlike.nn.gone import X\nexcept ImportError:\n    X = None\n');
      assert.deepEqual(await smokeFindings(t.dir), [
        'torchlike/_dynamo/__init__.py:4 broken-internal-import medium',
        'torchlike/nn/functional.py:4 missing-stub-name medium',
        'torchlike/nn/modules/__init__.py:2 broken-internal-import high',
        'torchlike/nn/modules/dense.py:2 missing-internal-name high',
        'torchlike/nn/modules/dense.py:3 relative-import-beyond-top high',
        'torchlike/utils/data.py:11 broken-internal-import info',
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('finds a break in a plain package, names the likely new name, and honours --package and ignore comments', async () => {
    const t = fixtureCopy('plainpkg');
    try {
      assert.deepEqual(await smokeFindings(t.dir), []);
      renameSync(join(t.dir, 'plainpkg/formats.py'), join(t.dir, 'plainpkg/formats2.py'));
      edit(t.dir, 'plainpkg/core.py', 'def compute_sum(', 'def compute_summ(');
      const run = await runCli(['smoke', t.dir, '--no-cache', '--format', 'json']);
      assert.equal(run.code, 1);
      const findings = JSON.parse(run.stdout).findings as { file: string; ruleId: string; message: string }[];
      assert.deepEqual(
        findings.map((f) => `${f.file} ${f.ruleId}`),
        ['plainpkg/io/loader.py broken-internal-import', 'plainpkg/reports/render.py missing-internal-name'],
      );
      assert.match(findings[0]!.message, /did you mean 'formats2'/);
      assert.match(findings[1]!.message, /did you mean 'compute_summ'/);
      assert.deepEqual(await smokeFindings(t.dir, ['plainpkg.reports']), ['plainpkg/reports/render.py:1 missing-internal-name high']);
      edit(t.dir, 'plainpkg/io/loader.py', 'import csv_reader', 'import csv_reader  # groundwork: ignore[broken-internal-import] moved in the next release');
      assert.deepEqual(await smokeFindings(t.dir, ['plainpkg/io']), []);
      const clean = await runCli(['smoke', t.dir, '--no-cache', '--package', 'plainpkg/io']);
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, /1 finding\(s\) suppressed/);
    } finally {
      t.cleanup();
    }
  });

  it('follows configuration: a rule severity, an extra compiled module', async () => {
    const t = fixtureCopy('plainpkg');
    try {
      appendFileSync(join(t.dir, 'plainpkg/io/paths.py'), 'from plainpkg._native import fast_path\n');
      assert.deepEqual(await smokeFindings(t.dir), ['plainpkg/io/paths.py:6 broken-internal-import high']);
      writeFileSync(join(t.dir, 'groundwork.yml'), 'rules:\n  broken-internal-import: low\n');
      assert.deepEqual(await smokeFindings(t.dir), ['plainpkg/io/paths.py:6 broken-internal-import low']);
      assert.equal((await runCli(['smoke', t.dir, '--no-cache'])).code, 0, 'low is under the default --fail-on medium');
      writeFileSync(join(t.dir, 'groundwork.yml'), 'smoke:\n  compiled: [plainpkg._native]\n');
      assert.deepEqual(await smokeFindings(t.dir), []);
      writeFileSync(join(t.dir, 'groundwork.yml'), 'smoke:\n  compiledd: [x]\n');
      const bad = await runCli(['smoke', t.dir, '--no-cache']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown key 'compiledd'/);
    } finally {
      t.cleanup();
    }
  });
});

describe('groundwork smoke: open modules', () => {
  it('does not verify names that come from a star import of a compiled module, but checks its stub when imported directly', async () => {
    const t = fixtureCopy('plainpkg');
    try {
      writeFileSync(join(t.dir, 'plainpkg/_ext.pyi'), 'def fast_sum(xs: list[int]) -> int: ...\n');
      writeFileSync(join(t.dir, 'plainpkg/api.py'), 'from ._ext import *\n');
      writeFileSync(join(t.dir, 'plainpkg/use.py'), 'from plainpkg.api import anything_at_all\nfrom plainpkg._ext import fast_sum, slow_sum\n');
      assert.deepEqual(await smokeFindings(t.dir), ['plainpkg/use.py:2 missing-stub-name medium']);
      writeFileSync(join(t.dir, 'plainpkg/api.py'), 'from ._ext import fast_sum\n');
      assert.deepEqual(await smokeFindings(t.dir), ['plainpkg/use.py:1 missing-internal-name high', 'plainpkg/use.py:2 missing-stub-name medium']);
    } finally {
      t.cleanup();
    }
  });
});
