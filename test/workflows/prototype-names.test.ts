// Names that are also properties of every JavaScript object (`constructor`, `toString`, `__proto__`)
// used as programs, subcommands, modules, step names and matrix keys: the tables keyed by such names
// must answer "not known", not hand back a function (conda/constructor's `python -m constructor`
// crashed `check` outright).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { withRepo } from '../helpers/tmp-repo.js';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

function workflow(): string {
  const jobs = NAMES.map(
    (n, i) => `  j${i}:
    runs-on: \${{ matrix.${n} }}
    continue-on-error: \${{ matrix.${n} }}
    strategy:
      matrix:
        ${n}: [ubuntu-latest, windows-latest]
    steps:
      - name: ${n}
        shell: ${n} {0}
        run: ${n}
      - name: ${n} ${n}
        run: |
          python -m ${n} -V
          python -m coverage run -m ${n} || true
          ${n} ${n} --x || true
          pip ${n} x | tee log
          npm run ${n} || true
          docker ${n} ${n} || true
          cargo ${n} | tee a
          make ${n} || true
          sudo ${n} install || true
          ${n} init x || true
          ${n} build --path x
      - uses: actions/${n}@v1
        continue-on-error: true
        with:
          ${n}: true
`,
  );
  return `on: push\njobs:\n${jobs.join('')}`;
}

describe('names that objects inherit', () => {
  it('check reads them as unknown names and reports, without an internal error', async () => {
    await withRepo({ '.github/workflows/proto.yml': workflow() }, async (dir) => {
      const run = await runCli(['check', dir, '--format', 'json', '--quiet']);
      assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
      const findings = JSON.parse(run.stdout).findings as { ruleId: string }[];
      assert.ok(findings.length > 0, 'the masks in the workflow are reported');
    });
  });
});
