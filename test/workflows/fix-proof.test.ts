// Proof that `fix` makes failures loud: each fixed step's script is run in real bash under its
// effective shell, with the step's commands replaced by stubs that fail, before and after the fix.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isScalar } from 'yaml';
import { Config } from '../../src/config/config.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { parseWorkflow } from '../../src/sources/workflow.js';
import { Repository } from '../../src/services/repository.js';
import { effectiveShell } from '../../src/workflows/effective-shell.js';
import { fixWorkflows } from '../../src/workflows/fix.js';
import { runnerCommand, stepConclusion } from '../../src/workflows/shell-command.js';
import { repoWith, tempDir } from '../helpers/tmp-repo.js';

const WORKFLOW = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - name: Run unit tests
        run: |
          pytest tests/ | tee pytest.log
      - name: Lint
        run: ruff check . || true
        continue-on-error: true
      - name: Type check
        run: |
          mypy src || :
          echo "type check finished"
      - name: Tests in a login shell
        shell: bash -l {0}
        run: |
          pytest tests/
          echo "tests finished"
`;

/** A PATH holding stubs for the checked tools, each failing with exit 1. */
function failingTools(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['pytest', 'ruff', 'mypy']) {
    writeFileSync(join(bin, tool), '#!/bin/sh\necho "$0: failing on purpose" >&2\nexit 1\n');
    chmodSync(join(bin, tool), 0o755);
  }
  return bin;
}

function conclusions(text: string, bin: string, work: string): Map<string, string> {
  const model = parseWorkflow(sourceFile('.github/workflows/ci.yml', text));
  const job = model.jobs[0]!;
  const out = new Map<string, string>();
  for (const step of job.steps) {
    const script = join(work, `step-${step.index}.sh`);
    writeFileSync(script, step.run!.value);
    const [cmd, ...args] = runnerCommand(effectiveShell(step, job, model), script);
    const r = spawnSync(cmd!, args, { cwd: work, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' });
    const coe = step.continueOnError && isScalar(step.continueOnError.value) && step.continueOnError.value.value === true;
    out.set(step.name!.value, `${r.status}:${stepConclusion(r.status ?? 1, Boolean(coe))}`);
  }
  return out;
}

describe('fix makes failures loud (real bash)', () => {
  let t: ReturnType<typeof repoWith>;
  let work: ReturnType<typeof tempDir>;
  before(() => {
    t = repoWith({ '.github/workflows/ci.yml': WORKFLOW });
    work = tempDir('gw-proof-');
  });
  after(() => {
    t.cleanup();
    work.cleanup();
  });

  it('every step succeeds with failing tools before the fix, and fails after it', async () => {
    const bin = failingTools(work.dir);
    const beforeFix = conclusions(WORKFLOW, bin, work.dir);
    assert.deepEqual(
      [...beforeFix.values()].map((v) => v.split(':')[1]),
      ['success', 'success', 'success', 'success'],
    );

    const result = await fixWorkflows({ repo: Repository.open(t.dir), config: new Config() });
    assert.equal(result.changes.length, 1);
    const fixed = readFileSync(join(t.dir, '.github/workflows/ci.yml'), 'utf8');
    assert.match(fixed, /shell: bash -el \{0\}/, 'the custom shell gained -e');
    const afterFix = conclusions(fixed, bin, work.dir);
    for (const [name, v] of afterFix) {
      const [code, conclusion] = v.split(':');
      assert.notEqual(code, '0', `${name} exits non-zero after the fix`);
      assert.equal(conclusion, 'failure', `${name} fails the job after the fix`);
    }
  });

  it('bash itself confirms the default shell has no pipefail and `shell: bash` has it', () => {
    const script = join(work.dir, 'pipe.sh');
    writeFileSync(script, 'false | cat\n');
    const dflt = spawnSync('bash', ['-e', script]);
    const explicit = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script]);
    assert.equal(dflt.status, 0);
    assert.equal(explicit.status, 1);
  });
});
