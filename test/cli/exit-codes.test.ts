import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';

const LOUD = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest || true\n';
const CLEAN = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Run tests\n        run: pytest\n';

describe('exit codes', () => {
  it('0 when clean, 1 with findings, 2 on usage errors', async () => {
    const clean = repoWith({ '.github/workflows/ci.yml': CLEAN });
    const loud = repoWith({ '.github/workflows/ci.yml': LOUD });
    try {
      assert.equal((await runCli(['check', clean.dir])).code, 0);
      const r = await runCli(['check', loud.dir]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /masked-exit-status/);
      assert.equal((await runCli(['check', loud.dir, '--fail-on', 'high'])).code, 1);
      assert.equal((await runCli(['check', '--bogus'])).code, 2);
      assert.equal((await runCli(['nope'])).code, 2);
      assert.equal((await runCli(['check', '--format', 'xml', loud.dir])).code, 2);
      const missing = await runCli(['check', '/definitely/not/here']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /not\/here: no such (file or )?directory/);
    } finally {
      clean.cleanup();
      loud.cleanup();
    }
  });

  it('--fail-on raises the threshold so low findings do not fail', async () => {
    const t = repoWith({
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Upload logs\n        uses: actions/upload-artifact@v4\n        continue-on-error: true\n',
    });
    try {
      assert.equal((await runCli(['check', t.dir])).code, 0, 'a low finding is below the default medium');
      assert.equal((await runCli(['check', t.dir, '--fail-on', 'low'])).code, 1);
    } finally {
      t.cleanup();
    }
  });

  it('help and version exit 0', async () => {
    assert.equal((await runCli(['--version'])).code, 0);
    const h = await runCli(['check', '--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /--format/);
  });
});
