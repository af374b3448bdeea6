// Issue 12: one fixture per way real repositories lay out their Python, each intact but for one
// planted break, which must be the only finding at medium or above.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { fixtureCopy, gitCommitAll, smokeFindings } from './helpers.js';

interface JsonFinding {
  file: string;
  line: number;
  ruleId: string;
  severity: string;
  message: string;
}

async function smokeJson(dir: string): Promise<{ code: number; findings: JsonFinding[]; stats: Record<string, unknown> }> {
  const r = await runCli(['smoke', dir, '--no-cache', '--format', 'json']);
  const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; stats: Record<string, unknown> };
  return { code: r.code, findings: out.findings, stats: out.stats };
}

describe('smoke on real layouts: where Python finds modules (issue 12)', () => {
  it('discovers layouts: a src layout in a subfolder project, a package in python/, meson installs, maturin', async () => {
    const t = fixtureCopy('layouts');
    try {
      const { findings } = await smokeJson(t.dir);
      assert.deepEqual(
        findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`),
        ['tests/test_layouts.py:7 missing-internal-name high'],
      );
      assert.match(findings[0]!.message, /`beta\.engine` has no `Motor`/);
      // A module name never starts with a folder that is not on sys.path.
      assert.doesNotMatch(findings[0]!.message, /python\.beta|lib\.src/);
    } finally {
      t.cleanup();
    }
  });

  it('lets namespace folders lose to regular packages and the standard library, and namespace portions to dependencies', async () => {
    const t = fixtureCopy('namespaces');
    try {
      assert.deepEqual(await smokeFindings(t.dir), [
        'test/test_api.py:3 missing-internal-name high',
        // tools/ and tools/scan/ are namespace folders: another installed portion may hold `helpers`.
        'tools/scan/run.py:1 missing-internal-name low',
      ]);
    } finally {
      t.cleanup();
    }
  });

  it("does not excuse a break in the project's own package because the project also lists itself as a dependency", async () => {
    const t = repoWith({
      'selfdep/__init__.py': '',
      'selfdep/a.py': 'from selfdep.b import missing\n',
      'selfdep/b.py': 'X = 1\n',
      'requirements-dev.txt': 'selfdep\n',
    });
    try {
      assert.deepEqual(await smokeFindings(t.dir), ['selfdep/a.py:1 missing-internal-name high']);
    } finally {
      t.cleanup();
    }
  });

  it("checks imports of test and tool roots (pytest pythonpath, conftest folders, a test package's parent, PYTHONPATH in CI, asv)", async () => {
    const t = fixtureCopy('testroots');
    try {
      assert.deepEqual(await smokeFindings(t.dir), [
        'tests/test_cli.py:2 missing-internal-name high',
        'tests/tests_unit/core/test_core.py:4 missing-internal-name high',
      ]);
      const { stats } = await smokeJson(t.dir);
      assert.equal((stats.byCategory as Record<string, number>).unknown, 0, 'no import of the repository is left as "other external"');
    } finally {
      t.cleanup();
    }
  });

  it("leaves test inputs and files that are not the project's Python out, with a count, and still checks what tests import", async () => {
    const t = fixtureCopy('inputs');
    try {
      const { findings, stats } = await smokeJson(t.dir);
      assert.deepEqual(findings, []);
      assert.deepEqual(stats.excluded, { inputFolders: 2, testInputs: 1, unparsable: 1 });
      const r = await runCli(['smoke', t.dir, '--no-cache']);
      assert.match(
        r.stdout,
        /4 left out as data, not code \(2 in folders of test inputs, 1 test inputs nothing runs, 1 not parsable and imported by nothing\)/,
      );
      const helper = join(t.dir, 'tests/helpers_used.py');
      writeFileSync(helper, readFileSync(helper, 'utf8').replace('from pkg.a import A', 'from pkg.a import B'));
      assert.deepEqual(await smokeFindings(t.dir), ['tests/helpers_used.py:1 missing-internal-name high'], 'a helper the tests import is code');
    } finally {
      t.cleanup();
    }
  });

  it("treats modules filled at run time as open: mod.Name = and setattr from other files, FFI registration, callers' globals", async () => {
    const t = fixtureCopy('openmods');
    try {
      assert.deepEqual(await smokeFindings(t.dir), ['pkg/use.py:5 missing-internal-name high']);
    } finally {
      t.cleanup();
    }
  });

  it('caps imports that are meant to fail sometimes, and says which guard', async () => {
    const t = fixtureCopy('guards');
    try {
      const { code, findings } = await smokeJson(t.dir);
      assert.deepEqual(
        findings.map((f) => `${f.file}:${f.line} ${f.severity}`),
        [
          'pkg/optional.py:4 info',
          'pkg/optional.py:7 info',
          'pkg/optional.py:9 low',
          'tests/test_optional.py:8 info',
          'tests/test_optional.py:13 info',
          'tests/test_optional.py:19 info',
          'tests/test_optional.py:22 high',
        ],
      );
      const said = [
        '(under a check that a file exists)',
        '(guarded by except ImportError)',
        '(the fallback in an except ImportError handler)',
        '(inside a raises(…) block that expects the failure)',
        '(in a test marked skip or xfail)',
        '(after an unconditional raise, return or skip: it never runs)',
      ];
      said.forEach((guard, i) => assert.ok(findings[i]!.message.endsWith(guard), `${findings[i]!.message} names its guard ${guard}`));
      assert.equal(code, 1, 'the unguarded break still fails the check');
    } finally {
      t.cleanup();
    }
  });

  it("knows modules the build generates: configured packages, .gitignore'd files, .proto outputs, templates, folders with no Python", async () => {
    const t = fixtureCopy('generated', { git: true });
    try {
      assert.deepEqual(await smokeFindings(t.dir), ['pkg/__init__.py:7 broken-internal-import high']);
    } finally {
      t.cleanup();
    }
  });
});

describe('smoke: what the output says (issue 12)', () => {
  it('never suggests the very name that is missing, and the JSON carries the file and import counts', async () => {
    const t = fixtureCopy('namespaces');
    try {
      // The stub lacks Compute2, the source defines it: an import of it is fine, and no hint may name it.
      writeFileSync(join(t.dir, 'corelib/core.pyi'), 'def compute() -> int: ...\n');
      writeFileSync(join(t.dir, 'corelib/core.py'), 'def compute():\n    return 0\n\n\ndef Compute2():\n    return 2\n');
      writeFileSync(
        join(t.dir, 'test/test_names.py'),
        'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from corelib.core import Compute2\nfrom corelib.core import compute, computer\n',
      );
      const { findings, stats } = await smokeJson(t.dir);
      for (const f of findings) {
        const missing = /`([\w.]+)` has no `(\w+)`|no module `(\w+)`/.exec(f.message);
        const name = missing?.[2] ?? missing?.[3];
        if (name) assert.doesNotMatch(f.message, new RegExp(`did you mean '${name}'`), f.message);
      }
      assert.deepEqual(
        findings.filter((f) => f.file === 'test/test_names.py').map((f) => f.line),
        [5],
      );
      assert.match(findings.find((f) => f.file === 'test/test_names.py')!.message, /has no `computer`.*did you mean 'compute'\?/);
      assert.equal(stats.files, 11);
      assert.equal(stats.imports, 12);
      assert.deepEqual(Object.keys(stats).sort(), ['byCategory', 'excluded', 'files', 'imports']);
    } finally {
      t.cleanup();
    }
  });

  it('a git checkout and a plain copy give the same findings', async () => {
    const t = fixtureCopy('layouts');
    try {
      const plain = await smokeFindings(t.dir);
      gitCommitAll(t.dir, 'fixture');
      assert.deepEqual(await smokeFindings(t.dir), plain);
    } finally {
      t.cleanup();
    }
  });
});
