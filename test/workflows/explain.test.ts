import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { ROOT, withRepo } from '../helpers/tmp-repo.js';

const DEMO = join(ROOT, 'examples', 'demo');

describe('explain FILE:LINE', () => {
  it('traces a hidden pipe failure through step, job and run (exit 1)', async () => {
    const r = await runCli(['explain', '.github/workflows/ci.yml:27'], DEMO);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /script {2}`python -m pytest tests\/` \(role: test[^)]*\) is on the left of a pipe/);
    assert.match(r.stdout, /job {5}continue-on-error: \$\{\{ matrix\.experimental \}\}/);
    assert.match(r.stdout, /run {5}jobs that need test: all-green \(if: always\(\)\)/);
    assert.match(r.stdout, /verdict: a failure at this line can pass unnoticed/);
  });

  it('says a failure is loud where nothing hides it (exit 0)', async () => {
    const r = await runCli(['explain', '.github/workflows/_reusable-test.yml:21'], DEMO);
    assert.equal(r.code, 1, 'the reusable job sets a templated continue-on-error');
    const loud = await runCli(['explain', '.github/actions/setup-env/action.yml:17'], DEMO);
    assert.match(loud.stdout, /`pip check` stops the script/);
    assert.equal(loud.code, 0);
  });

  it('a failure whose saved output a later step checks: lost in its step, and where it surfaces', async () => {
    const wf = `on: push
jobs:
  e2e:
    runs-on: ubuntu-latest
    steps:
      - name: Run tests
        run: ./e2e -test.v 2>&1 | tee report.txt
      - name: Result
        run: |
          passed=$(grep -c '^--- PASS' report.txt || true)
          if [ "$passed" -lt 10 ]; then exit 1; fi
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:7'], dir);
      assert.match(r.stdout, /finding 7:\d+ pipe-without-pipefail \(low\)/);
      assert.match(r.stdout, /verdict: a failure at this line does not fail its step; its output, report\.txt, decides the exit at line 11/);
    });
  });

  it('the run: line of a Windows step stands for the native programs pwsh hides there', async () => {
    const wf = `on: push
jobs:
  all:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
    steps:
      - name: Run tests
        run: |
          cargo test --verbose --workspace
          cargo test --verbose --workspace -- --ignored
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:10'], dir);
      assert.match(
        r.stdout,
        /finding 10:\d+ errexit-disabled \(high\): `cargo test --verbose --workspace` runs before `cargo test --verbose --workspace -- --ignored`/,
      );
      assert.match(r.stdout, /`cargo test --verbose --workspace` \(role: test[^)]*\) is not the last native program/);
      assert.match(r.stdout, /verdict: a failure at this line can pass unnoticed/);
    });
  });

  it('says a script the grammar cannot read was not analysed, not that it fails the run', async () => {
    const wf = `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: |
          shopt -s extglob
          rm -rdfv !("CNAME"|"robots.txt")
          make site
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:8'], dir);
      assert.match(r.stdout, /the script holds a construct the bash grammar cannot read, so it was not analysed/);
      assert.match(r.stdout, /verdict: a failure at this line is not known/);
    });
  });

  it('a command cut to fit the line says it was cut', async () => {
    const wf = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: |
          cmake -S examples/test-cmake -B test-cmake -DCMAKE_PREFIX_PATH=/opt/prefix/lib/cmake
          cmake --build test-cmake
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:7'], dir);
      assert.match(r.stdout, /`cmake -S examples\/test-cmake -B test-cmake -DCMAKE_PREFIX_PA…` stops the script/);
    });
  });

  it("a shell: line that carries a finding for the step's commands says so, not that a failure there fails the run", async () => {
    const wf = `on: push
jobs:
  docs:
    runs-on: ubuntu-latest
    steps:
      - name: Build documentation site
        shell: bash -l {0}
        run: |
          sphinx-build -b html docs build/html
          touch build/html/.nojekyll
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:7'], dir);
      assert.match(r.stdout, /finding 7:16 errexit-disabled \(high\)/);
      assert.match(r.stdout, /verdict: no command starts here; the errexit-disabled finding on this line is about commands on other lines/);
      assert.doesNotMatch(r.stdout, /verdict: a failure at this line fails the run/);
      const cmd = await runCli(['explain', '.github/workflows/ci.yml:9'], dir);
      assert.match(cmd.stdout, /verdict: a failure at this line can pass unnoticed/);
    });
  });

  it("explains a job-level line: how the job's failure reaches the run", async () => {
    const r = await runCli(['explain', '.github/workflows/ci.yml:18'], DEMO);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /ci\.yml:18 {2}job test\n/);
    assert.match(r.stdout, /finding 18:\d+ continue-on-error/);
    assert.match(r.stdout, /verdict: a failure of job test can pass unnoticed/);
  });

  it('a lost failure of something that does not matter is said to be lost, and not to matter', async () => {
    const wf = `on: push
jobs:
  t:
    runs-on: ubuntu-latest
    steps:
      - name: Tests
        run: |
          cat test-results.log || true
          python -m pytest
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:8'], dir);
      assert.match(r.stdout, /verdict: a failure at this line passes unnoticed, but what it loses does not matter here/);
      assert.equal(r.code, 1);
    });
  });

  it('rejects a line outside any job and a malformed target', async () => {
    assert.equal((await runCli(['explain', '.github/workflows/ci.yml:1'], DEMO)).code, 2);
    assert.equal((await runCli(['explain', 'ci.yml'], DEMO)).code, 2);
  });
});

describe('explain agrees with the rules', () => {
  const WF = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Build a deliberately broken image
        id: broken
        continue-on-error: true
        run: docker build -f Dockerfile.broken .
      - name: The broken build must fail
        if: steps.broken.outcome != 'failure'
        run: exit 1
  remote:
    uses: org/ci/.github/workflows/job.yml@v1
    with:
      script: |
        N=$(python -m tools.inspect model.pte | grep -c Node || true)
        if [ "$N" -gt 3 ]; then exit 1; fi
`;

  it('an allowed failure whose outcome a later step reads is loud (exit 0)', async () => {
    await withRepo({ '.github/workflows/ci.yml': WF }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:9'], dir);
      assert.match(
        r.stdout,
        /step {4}continue-on-error: true → a failed step counts as a success, but step "The broken build must fail" reads steps\.broken\.outcome/,
      );
      // The step does not fail: the reader answers for it, and the verdict says so (not "fails the run").
      assert.match(r.stdout, /verdict: a failure at this line does not fail the step \(continue-on-error\), but step "The broken build must fail" reads/);
      assert.equal(r.code, 0);
    });
  });

  it('a script handed to a reusable workflow is explained like a step (exit 1)', async () => {
    await withRepo({ '.github/workflows/ci.yml': WF }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:17'], dir);
      assert.match(r.stdout, /job remote › the `script` input/);
      assert.match(r.stdout, /the value 0 passes the check at line 18/);
      assert.equal(r.code, 1);
    });
  });
});

describe('explain FILE:LINE, where a step starts', () => {
  // osv-scanner: the line of `- run: …` right after a step with `with:` was read as that earlier step.
  it('reads the first line of a step as that step, not the one before it', async () => {
    const wf = `on: push
jobs:
  update:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-go@v5
        with:
          go-version-file: go.mod
      - run: go test ./... || true
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const r = await runCli(['explain', '.github/workflows/ci.yml:9'], dir);
      assert.match(r.stdout, /job update › step 2\n/);
      assert.match(r.stdout, /`go test \.\/\.\.\.` .* is followed by `\|\| true`/);
      assert.match(r.stdout, /verdict: a failure at this line can pass unnoticed/);
    });
  });
});

describe('explain: shells without -e and shells it does not read', () => {
  it('a last command under bash -l {0} fails the step without stopping anything; a python shell is not read line by line', async () => {
    const wf = `on: push
jobs:
  t:
    runs-on: ubuntu-latest
    defaults:
      run:
        shell: bash -l {0}
    steps:
      - run: |
          pip install -e .
          python -m pytest
      - shell: python
        run: |
          import sys
          print(sys.version)
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const last = await runCli(['explain', '.github/workflows/ci.yml:11'], dir);
      assert.match(last.stdout, /`python -m pytest` fails the step under `shell: bash -l \{0\}` \(job defaults\): nothing after it hides its failure/);
      assert.doesNotMatch(last.stdout, /stops the script/);
      const py = await runCli(['explain', '.github/workflows/ci.yml:14'], dir);
      assert.match(py.stdout, /runs under `shell: python` \(step\), a program whose script is not read line by line/);
    });
  });
});

describe('explain: actions kept from failing', () => {
  it("says codecov's default keeps it from failing, and an input that turns a scanner's failure off", async () => {
    const wf = `on: push
jobs:
  t:
    runs-on: ubuntu-latest
    steps:
      - uses: codecov/codecov-action@v5
        with:
          files: cov.xml
      - uses: aquasecurity/trivy-action@0.28.0
        with:
          exit-code: 0
      - uses: codecov/codecov-action@v5
        with:
          fail_ci_if_error: true
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const codecov = await runCli(['explain', '.github/workflows/ci.yml:6'], dir);
      assert.match(codecov.stdout, /action {2}codecov\/codecov-action fails on nothing unless told to: its input fail_ci_if_error defaults to false/);
      assert.match(codecov.stdout, /verdict: a failure at this line passes unnoticed, but what it loses does not matter here/);
      const trivy = await runCli(['explain', '.github/workflows/ci.yml:11'], dir);
      assert.match(trivy.stdout, /action {2}`exit-code: 0` keeps aquasecurity\/trivy-action from failing the step whatever it finds \(role: verify/);
      assert.match(trivy.stdout, /verdict: a failure at this line can pass unnoticed/);
      const strict = await runCli(['explain', '.github/workflows/ci.yml:14'], dir);
      assert.doesNotMatch(strict.stdout, /action {2}/);
      assert.match(strict.stdout, /verdict: a failure at this line fails the run/);
      assert.equal(strict.code, 0);
    });
  });
});

describe('explain: an action input the rule reports', () => {
  it("says what the failure-disabled-input finding says: a generic input, a value set per matrix leg, reviewdog's default", async () => {
    const wf = `on: push
jobs:
  scan:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        strict: [true, false]
    steps:
      - name: Security scan
        uses: some-org/scanner-action@v1
        with:
          fail_on_error: false
      - uses: codecov/codecov-action@v5
        with:
          fail_ci_if_error: \${{ matrix.strict }}
      - uses: reviewdog/action-eslint@v1
        with:
          reporter: github-pr-review
`;
    await withRepo({ '.github/workflows/ci.yml': wf }, async (dir) => {
      const generic = await runCli(['explain', '.github/workflows/ci.yml:12'], dir);
      assert.match(generic.stdout, /action {2}`fail_on_error: false` keeps some-org\/scanner-action from failing the step/);
      assert.match(generic.stdout, /verdict: a failure at this line can pass unnoticed/);
      const legs = await runCli(['explain', '.github/workflows/ci.yml:13'], dir);
      assert.match(legs.stdout, /action {2}`fail_ci_if_error: \$\{\{ matrix\.strict \}\}` \(on 1 of 2 matrix legs\)/);
      const reviewdog = await runCli(['explain', '.github/workflows/ci.yml:16'], dir);
      assert.match(reviewdog.stdout, /reviewdog\/action-eslint fails on nothing unless told to: its input fail_level defaults to none \(role: lint\)/);
    });
  });
});

describe('explain RULE-ID', () => {
  it("prints the rule's page from its metadata (exit 0), and says what it expects otherwise (exit 2)", async () => {
    const r = await runCli(['explain', 'pipe-without-pipefail'], DEMO);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^pipe-without-pipefail \(workflows, M03; default high/);
    assert.match(r.stdout, /Why: A pipeline's status is its last command's/);
    assert.match(r.stdout, /More: docs\/rules\/pipe-without-pipefail\.md/);
    const bad = await runCli(['explain', 'no-such-rule'], DEMO);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /FILE:LINE .* or a rule id/);
  });
});
