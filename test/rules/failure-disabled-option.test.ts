import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { withRepo } from '../helpers/tmp-repo.js';

describe('failure-disabled-option', () => {
  it('names the line of the strict run that is the check', async () => {
    const wf = `on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: flake8 --version
      - run: |
          flake8 . --select=E9,F63,F7,F82
          flake8 . --exit-zero --max-complexity=10
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['check', '.', '--format', 'json', '--fail-on', 'never'], dir);
      const f = JSON.parse(r.stdout).findings.find((x: { ruleId: string }) => x.ruleId === 'failure-disabled-option');
      assert.equal(f.line, 9);
      assert.equal(f.severity, 'low');
      // `flake8 --version` checks nothing: the strict run is the one on line 8.
      assert.match(f.message, /`flake8 \. --select=E9,F63,F7,F82` at line 8 runs it without/);
    });
  });
});
