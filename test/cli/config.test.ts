import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';

const WF =
  'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n      - name: Build\n        run: make | tee log\n';

describe('groundwork.yml', () => {
  it('turns rules off, overrides severity and ignores paths', async () => {
    const t = repoWith({
      '.github/workflows/ci.yml': WF,
      '.github/workflows/legacy.yml': WF,
      'groundwork.yml': 'rules:\n  masked-exit-status: off\n  pipe-without-pipefail: low\nignore:\n  - .github/workflows/legacy.yml\n',
    });
    try {
      const r = await runCli(['check', t.dir, '--format', 'json']);
      const findings = JSON.parse(r.stdout).findings as { ruleId: string; severity: string; file: string }[];
      assert.deepEqual(
        findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`),
        ['.github/workflows/ci.yml pipe-without-pipefail low'],
      );
      assert.equal(r.code, 0);
    } finally {
      t.cleanup();
    }
  });

  it('rejects unknown keys and unknown rules with the file and line', async () => {
    const t = repoWith({ '.github/groundwork.yml': 'rules:\n  continue-on-eror: off\nexlude: []\n' });
    try {
      const r = await runCli(['check', t.dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.github\/groundwork\.yml:2: rules\.continue-on-eror: unknown rule 'continue-on-eror' \(did you mean 'continue-on-error'\?\)/);
      assert.match(r.stderr, /\.github\/groundwork\.yml:3: exlude: unknown key 'exlude'/);
    } finally {
      t.cleanup();
    }
  });

  it('reports invalid YAML in the config with its line', async () => {
    const t = repoWith({ 'groundwork.yml': 'rules:\n  a: [\n' });
    try {
      const r = await runCli(['check', t.dir]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /groundwork\.yml:\d+: invalid YAML/);
    } finally {
      t.cleanup();
    }
  });
});
