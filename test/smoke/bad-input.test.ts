import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { gitCommitAll } from './helpers.js';

function badRepo(): { dir: string; cleanup: () => void } {
  const t = repoWith({
    'pkg/__init__.py': 'from .good import value\n',
    'pkg/good.py': 'value = 1\nfrom pkg.missing import x\n',
    'pkg/py2.py': 'import os\nprint "hello"\n\ntry:\n    pass\nexcept ValueError, e:\n    pass\nfrom pkg.good import valu\n',
    'pkg/unterminated.py': 'import os\ns = "never closed\nfrom pkg.good import value\n',
    'pkg/triple.py': 'import os\ndoc = """never closed\nfrom pkg.nothing import x\n',
    'pkg/nul.py': Buffer.from('import os\n\0\0binary\n'),
    'pkg/latin1.py': Buffer.from([0x69, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x20, 0x6f, 0x73, 0x0a, 0x73, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]),
    'pkg/deep.py': `x = ${'['.repeat(50_000)}${']'.repeat(50_000)}\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(500)}from pkg.deep_missing import y\n`,
    // Over the 5 MiB limit and over the read buffer's 8 MiB, so the size must come from the file.
    'pkg/huge.py': `# ${'x'.repeat(9 * 1048576)}\n`,
  });
  symlinkSync('loop_b.py', join(t.dir, 'pkg/loop_a.py'));
  symlinkSync('loop_a.py', join(t.dir, 'pkg/loop_b.py'));
  mkdirSync(join(t.dir, 'pkg/sub'));
  writeFileSync(join(t.dir, 'pkg/sub/__init__.py'), '');
  symlinkSync('..', join(t.dir, 'pkg/sub/up')); // a directory loop
  return t;
}

describe('groundwork smoke on bad input', () => {
  for (const git of [false, true]) {
    it(`reports each bad file clearly, never crashes, and analyses the rest (${git ? 'git repository' : 'plain directory'})`, async () => {
      const t = badRepo();
      try {
        if (git) gitCommitAll(t.dir, 'bad input');
        const r = await runCli(['smoke', t.dir, '--no-cache', '--format', 'json']);
        assert.equal(r.code, 1, r.stderr);
        const findings = JSON.parse(r.stdout).findings as { file: string; ruleId: string; line: number; message: string }[];
        const by = (file: string) => findings.filter((f) => f.file === file).map((f) => `${f.ruleId}:${f.line}`);
        assert.deepEqual(by('pkg/good.py'), ['broken-internal-import:2'], 'the rest is analysed');
        assert.deepEqual(by('pkg/py2.py'), ['python-syntax-error:2', 'missing-internal-name:8']);
        assert.match(findings.find((f) => f.file === 'pkg/py2.py')!.message, /Python 2 print statement \(and 1 more problem\)/);
        assert.deepEqual(by('pkg/unterminated.py'), ['python-syntax-error:2']);
        assert.deepEqual(by('pkg/triple.py'), ['python-syntax-error:2']);
        assert.deepEqual(by('pkg/nul.py'), ['invalid-input:1']);
        assert.match(findings.find((f) => f.file === 'pkg/nul.py')!.message, /NUL byte/);
        assert.deepEqual(by('pkg/latin1.py'), ['invalid-input:1']);
        assert.match(findings.find((f) => f.file === 'pkg/latin1.py')!.message, /not valid UTF-8/);
        assert.deepEqual(by('pkg/deep.py'), ['broken-internal-import:502']);
        assert.match(by('pkg/loop_a.py').join(), /invalid-input/);
        assert.match(findings.find((f) => f.file === 'pkg/loop_a.py')!.message, /symbolic link loop/);
        assert.match(findings.find((f) => f.file === 'pkg/huge.py')!.message, /file is 9\.0 MiB, over the 5 MiB limit/);
      } finally {
        t.cleanup();
      }
    });
  }

  it('exits 2 with a clear message for a directory that does not exist', async () => {
    const r = await runCli(['smoke', '/nonexistent/groundwork-smoke', '--no-cache']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such directory/);
  });
});
