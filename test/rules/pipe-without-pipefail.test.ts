import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { withRepo } from '../helpers/tmp-repo.js';

describe('pipe-without-pipefail', () => {
  it('offers no pipefail fix for a pipe followed by `||`, whose status the `||` takes whatever pipefail says', async () => {
    const wf = `on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - name: Run clang-tidy
        run: |
          nix develop -c vw-clang-tidy | tee tidy_out.txt || true
          echo done
      - name: Run clang-tidy again
        run: |
          nix develop -c vw-clang-tidy | tee tidy_out.txt
          echo done
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['check', '.', '--format', 'json', '--fail-on', 'never'], dir);
      const pipes = JSON.parse(r.stdout).findings.filter((x: { ruleId: string }) => x.ruleId === 'pipe-without-pipefail');
      const masked = pipes.find((f: { line: number }) => f.line === 8);
      const plain = pipes.find((f: { line: number }) => f.line === 12);
      assert.equal(masked.fixable, false);
      assert.match(masked.message, /followed by `\|\|`, so pipefail alone would not fail the step/);
      // The same pipe without `||` gets the fix, and no such words.
      assert.equal(plain.fixable, true);
      assert.doesNotMatch(plain.message, /pipefail alone/);
    });
  });
});
