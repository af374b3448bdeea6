import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';

describe('inline directives', () => {
  it('ignore[rule] with a reason suppresses; without one it suppresses and is reported; stale ones are reported', async () => {
    const wf = [
      'on: push',
      'jobs:',
      '  t:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - name: Run tests',
      '        run: pytest || true  # groundwork: ignore[masked-exit-status] flaky upstream, see #12',
      '      - name: Lint',
      '        # groundwork: ignore[masked-exit-status]',
      '        run: ruff check . || true',
      '      - name: Build',
      '        run: make  # groundwork: ignore[masked-exit-status] nothing to hide here',
      '      # groundwork: allow-failure the canary job is informational',
      '      - name: Canary tests',
      '        run: pytest canary/',
      '        continue-on-error: true',
      '',
    ].join('\n');
    const t = repoWith({ '.github/workflows/ci.yml': wf });
    try {
      const r = await runCli(['check', t.dir, '--format', 'json', '--fail-on', 'info']);
      const got = (JSON.parse(r.stdout).findings as { ruleId: string; line: number }[]).map((f) => `${f.line} ${f.ruleId}`);
      assert.deepEqual(got, ['9 ignore-without-reason', '12 unused-ignore']);
      const text = await runCli(['check', t.dir]);
      assert.match(text.stdout, /1 allowed by allow-failure comments/);
    } finally {
      t.cleanup();
    }
  });
});
