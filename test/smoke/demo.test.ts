import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/tmp-repo.js';

describe('groundwork smoke on examples/demo', () => {
  it('finds every break planted in demo_pkg, and only those', async () => {
    const r = await runCli(['smoke', join(ROOT, 'examples', 'demo'), '--no-cache', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout).findings as { file: string; line: number; ruleId: string; severity: string }[];
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`),
      [
        'demo_pkg/nn/functional.py:3 missing-stub-name medium',
        'demo_pkg/nn/functional.py:6 broken-internal-import medium',
        'demo_pkg/nn/layers.py:2 relative-import-beyond-top high',
        'demo_pkg/report.py:1 missing-internal-name high',
        'demo_pkg/report.py:4 broken-internal-import info',
        'demo_pkg/train.py:1 broken-internal-import high',
      ],
    );
  });
});
