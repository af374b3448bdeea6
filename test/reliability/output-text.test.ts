// Issue 16: a step name cannot inject log lines or terminal escapes; `[fixable]` only where `fix`
// acts; PEP 263 coding cookies honoured by `smoke`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';

// A step name with ESC, CR and a newline that starts a GitHub workflow command.
const EVIL =
  'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: "Run \\e[31mtests\\r\\n::error file=x.yml::pwned\\u202e"\n        run: pytest || true\n';

describe('control characters are escaped in text and github output', () => {
  for (const format of ['text', 'github'] as const) {
    it(format, async () => {
      const t = repoWith({ '.github/workflows/ci.yml': EVIL });
      try {
        const r = await runCli(['check', t.dir, '--format', format]);
        assert.equal(r.code, 1, r.stderr);
        assert.doesNotMatch(r.stdout, /[\x1b\r\u202e]/, 'no raw ESC, CR or bidi override');
        const lines = r.stdout.split('\n');
        assert.deepEqual(
          lines.filter((l) => l.startsWith('::error file=x.yml')),
          [],
          'the step name starts no line of its own',
        );
        if (format === 'github') assert.equal(lines.filter((l) => l.startsWith('::')).length, 1, 'one annotation for one finding');
        assert.match(r.stdout, /Run \\e\[31mtests/);
      } finally {
        t.cleanup();
      }
    });
  }

  it('explain too', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': EVIL });
    try {
      const r = await runCli(['explain', '.github/workflows/ci.yml:7'], t.dir);
      assert.doesNotMatch(r.stdout, /[\x1b\r\u202e]/);
      assert.ok(!r.stdout.split('\n').some((l) => l.startsWith('::error')));
    } finally {
      t.cleanup();
    }
  });
});

describe('[fixable] only where `groundwork fix` acts', () => {
  it('a finding the configuration lowers to low keeps its fix, but fix leaves it: not marked', async () => {
    const wf =
      'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n      - name: Build\n        run: make | tee log\n';
    const t = repoWith({ '.github/workflows/ci.yml': wf, 'groundwork.yml': 'rules:\n  pipe-without-pipefail: low\n' });
    try {
      const text = await runCli(['check', t.dir, '--fail-on', 'info']);
      const lines = text.stdout.split('\n');
      assert.ok(
        lines.some((l) => l.includes('masked-exit-status (confidence') && l.includes('[fixable]')),
        text.stdout,
      );
      const pipe = lines.find((l) => l.includes('pipe-without-pipefail (confidence'));
      assert.ok(pipe, text.stdout);
      assert.doesNotMatch(pipe!, /\[fixable\]/, 'fix leaves low findings alone, so they are not marked');
      const json = JSON.parse((await runCli(['check', t.dir, '--format', 'json'])).stdout) as {
        findings: { ruleId: string; severity: string; fixable: boolean }[];
      };
      assert.deepEqual(
        json.findings.map((f) => [f.ruleId, f.fixable]),
        [
          ['masked-exit-status', true],
          ['pipe-without-pipefail', false],
        ],
      );
      // What is marked is exactly what fix changes.
      const fix = await runCli(['fix', t.dir]);
      assert.match(fix.stderr, /fixed 1 finding/);
      assert.equal(readFileSync(join(t.dir, '.github/workflows/ci.yml'), 'utf8'), wf.replace('pytest || true', 'pytest'));
    } finally {
      t.cleanup();
    }
  });
});

describe('PEP 263 coding cookies', () => {
  it('a latin-1 file with a cookie is read in latin-1: its broken import is found', async () => {
    const latin1 = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n# caf'), Buffer.from([0xe9]), Buffer.from('\nfrom mypkg import nothere\n')]);
    const t = repoWith({ 'mypkg/__init__.py': '', 'mypkg/user.py': latin1 });
    try {
      const r = await runCli(['smoke', t.dir, '--no-cache', '--format', 'json']);
      const findings = JSON.parse(r.stdout).findings as { ruleId: string; file: string; line: number; message: string }[];
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'invalid-input'),
        [],
        'the file is not reported unreadable',
      );
      const found = findings.find((f) => f.file === 'mypkg/user.py' && f.line === 3);
      assert.ok(found, JSON.stringify(findings));
      assert.match(found!.message, /nothere/);
    } finally {
      t.cleanup();
    }
  });

  it('no cookie (or an unknown encoding): still reported as not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nimport os\n')]);
    const unknown = Buffer.concat([Buffer.from('# coding: klingon\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const t = repoWith({ 'a.py': bytes, 'b.py': unknown });
    try {
      const r = await runCli(['smoke', t.dir, '--no-cache', '--format', 'json', '--fail-on', 'info']);
      const findings = JSON.parse(r.stdout).findings as { file: string; message: string }[];
      assert.match(findings.find((f) => f.file === 'a.py')?.message ?? '', /not valid UTF-8/);
      assert.match(findings.find((f) => f.file === 'b.py')?.message ?? '', /klingon/);
    } finally {
      t.cleanup();
    }
  });
});
