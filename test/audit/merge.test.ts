import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith, tempDir } from '../helpers/tmp-repo.js';

const wf = (body: string) => `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${body}`;

describe('groundwork merge (organisation-wide audit)', () => {
  it('combines the packs of several repositories into one pack and report', async () => {
    const repos = [
      repoWith({ '.github/workflows/ci.yml': wf('      - name: Run tests\n        run: pytest || true\n') }),
      repoWith({ '.github/workflows/ci.yml': wf('      - name: Build\n        run: make | tee log\n      - uses: actions/checkout@v4\n') }),
      repoWith({ '.github/workflows/ci.yml': wf('      - run: echo clean\n') }),
    ];
    const out = tempDir('gw-merge-');
    try {
      const counts: number[] = [];
      for (const [i, r] of repos.entries()) {
        await runCli(['audit', r.dir, '--name', `org/repo${i}`, '--out', join(out.dir, `pack${i}`), '--quiet']);
        counts.push(JSON.parse(readFileSync(join(out.dir, `pack${i}`, 'findings.json'), 'utf8')).findings.length);
      }
      const m = await runCli([
        'merge',
        join(out.dir, 'pack0'),
        join(out.dir, 'pack1'),
        join(out.dir, 'pack2', 'findings.json'),
        '--out',
        join(out.dir, 'merged'),
      ]);
      assert.equal(m.code, 1);
      assert.match(m.stdout, /merged 3 packs \(org\/repo0, org\/repo1, org\/repo2\)/);
      const merged = JSON.parse(readFileSync(join(out.dir, 'merged', 'findings.json'), 'utf8'));
      assert.equal(
        merged.findings.length,
        counts.reduce((a, b) => a + b, 0),
      );
      assert.ok(merged.findings.some((f: { file: string }) => f.file === 'org/repo1/.github/workflows/ci.yml'));
      const html = readFileSync(join(out.dir, 'merged', 'report.html'), 'utf8');
      assert.match(html, /groundwork audit: 3 repositories/);
      assert.equal(merged.findings.filter((f: { file: string }) => f.file.startsWith('org/repo2/')).length, counts[2]);
    } finally {
      for (const r of repos) r.cleanup();
      out.cleanup();
    }
  });

  it('needs --out and at least one pack', async () => {
    assert.equal((await runCli(['merge', '--out', '/tmp/x'])).code, 2);
    assert.equal((await runCli(['merge', 'a'])).code, 2);
  });
});
