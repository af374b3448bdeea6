import type { Node, Pair } from 'yaml';
import { isMap, isScalar } from 'yaml';
import type { FindingDraft, Span } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { spanOf } from '../sources/yaml-source.js';
import { actionPath, continueOnErrorValue, type Job, type Step, type WorkflowModel } from '../sources/workflow.js';
import type { WorkflowAnalysis } from '../workflows/analysis.js';
import { classifyJob, CRITICAL_ROLES, roleNote, severityOf, type RoleEvidence } from '../workflows/step-role.js';
import { rank } from '../workflows/roles/role.js';
import { falsy } from '@actions/expressions/result';
import { allowedFailureHandled } from '../workflows/allowed-failure.js';
import { allowedStepRole } from '../workflows/allowed-step-role.js';
import { neverRuns } from '../workflows/never-runs.js';
import { conjuncts, evaluate, matrixRows } from '../workflows/matrix.js';
import { byEvent } from '../workflows/event-truth.js';
import { declaredInComment } from '../workflows/advisory-words.js';
import { failsOnNothing } from '../workflows/failure-inputs.js';
import { deletePairLines, replaceScalar } from '../workflows/yaml-edits.js';
import type { WorkflowRule } from './workflow-rule.js';
import { commentAbove, commentBelow } from '../sources/comment-above.js';

const meta: RuleMeta = {
  id: 'continue-on-error',
  summary: 'continue-on-error lets a failing step or job pass the run',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: '`continue-on-error: true` turns a failure into a success for the run: a broken test, build or lint step still shows a green check, and nobody is told. A templated value (`${{ matrix.experimental }}`, `${{ contains(matrix.name, \'pre-release\') }}`, `${{ inputs.allow-failure }}`) hides failures for every matrix entry or caller that makes it true (reported at the caller\'s `true`, also when a workflow in between passes the input on: `with: { continue-on-error: ${{ inputs.fuzz-test-optional }} }`); matrix values are evaluated. No finding for a `matrix.*` key in a job without `strategy.matrix`: its matrix context is empty, so `${{ matrix.continue || false }}` is false. Low: a key this file does not set, in a matrix that another job computes (`matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}` with `continue-on-error: ${{ matrix.failok == \'FAILOK\' }}`): the code of that job decides whether any leg sets it. Operands known only at run time are not guessed: `${{ matrix.allow_failures == true && steps.t.outputs.rc == 8 }}` is false on every leg that does not set `allow_failures` (a missing key is null). Not hidden: a step whose last line writes a success marker (`echo SUCCEEDED=1 >> "$GITHUB_OUTPUT"` under errexit) that a later step checks and fails without (`core.setFailed`, `exit 1`), or a flag written only when the one command before `&&` passed (`julia … && echo "TESTS_SUCCESSFUL=true" >> $GITHUB_ENV`, then `if: env.TESTS_SUCCESSFUL != \'true\'` running `exit 1` after the artifact upload; not `a || true && echo …`, nor a checker itself allowed to fail); a step whose outcome a later step reads to act on it (a retry or fallback on failure, a step that exits 1, an `::error::`/`::warning::` annotation), a step that runs only on `failure()`, a step whose script runs nothing that can fail (`if [ "${{ github.event.review.state }}" != x ]; then exit 0; fi`). Still hidden: a step whose outcome later steps read only to collect logs or upload a test directory (the run stays green); a step whose `conclusion` is read (it is `success` once `continue-on-error` let the failure pass) or whose outcome only appears in a later step\'s `name:`; a job whose result a later job reads (`needs.x.result`, alls-green\'s `toJSON(needs)`): a job allowed to fail reports `success` to the jobs that need it. A job-level key is judged by the steps that can fail the job: steps with their own `continue-on-error: true` cannot. Low, with where it surfaces: a job whose artifacts or outputs a job that needs it uses. Severity follows the role: a test, build or lint step or job is high; setup, upload, cache, monitoring and notification steps are low. No finding for a step or job that can never run: its `if:` needs an event the workflow is not triggered by (`github.event_name == \'pull_request\'` under `on: schedule`) or a cron it does not have (`github.event.schedule == \'0 0 * * *\'`); a reusable workflow sees its caller\'s event, so it is not judged. An action that posts what it finds in a check run of its own (`rustsec/audit-check`), when it is all the job or step does besides setting up: low. So is a step whose test results a later step publishes as a check run that fails with them (`mikepenz/action-junit-report`, `dorny/test-reporter`, `EnricoMi/publish-unit-test-result-action`). A step that builds only a dependency it clones (`git clone URL dep && cd dep && make`, `git -C "$DIR" remote add origin URL` … `"$DIR/develop.sh"`) sets the job up, whatever its name says ("Build pinned DeepGEMM reference"): low. A job\'s allowed failure surfaces in a job that needs it only where that job can fail the run: a download by name of an artifact the allowed job uploads, in a job not allowed to fail itself. A download of every artifact (`download-artifact` without `name`, or by `pattern`) takes what is there and passes. A step that only fails (`run: exit 1` under an `if:` reading the linter\'s output) is the job\'s verdict: allowed to fail, it switches off the job\'s check and takes the job\'s role. A step whose name says build or check but whose action (actions/github-script fetching data) or known commands (`find . > files.txt`) do neither takes their role. Low, where the failure surfaces: a later step, not allowed to fail, runs a program on a results file the step writes (`cargo coverage --json > new_results.json` then `cargo coverage compare ./base_results.json ./new_results.json`); `cat` of the file is no reader. Handled: a step run on the failure (`if: steps.check-diff.outcome == \'failure\'`) that commits the repair (`git commit`, `git push`, `gh pr create`). A fixer allowed to fail (`pnpm run lint:fix`, `eslint . --fix`) in a job that then commits the changes (a `git commit`, autofix-ci/action, peter-evans/create-pull-request) is low: it exits non-zero whenever it changed a file, and what it could not fix fails the checks on the commit. A publish to a test index (`repository-url: https://test.pypi.org/legacy/`, `twine upload --repository testpypi`) is a rehearsal of the release, whatever the step is called: low. A lint step allowed to fail in a job that ends with autofix-ci/action runs the fixers (`npm run eslint` may be `eslint --fix .`): low; so does one in a job whose later step commits the whole working tree and pushes it (`git commit -a`, `git add -A` then `git commit`, then `git push`: a manual "Auto Fix" job running pre-commit). So is a key under a comment that says the failure may pass on purpose, above the key or above the job or step (`# The job is informational while the failures it reports are worked through`, `# Prevent sudden announcement of a new advisory from failing ci`). A step whose name says it does not block ("Leak check (LSan, report-only)", "non-blocking", "best-effort", "advisory") is allowed to fail as its author wrote down: it reports, low. A step named for a check of the machine, its workspace or a cache ("Check disk space", "Audit pre-agent workspace", "Check cache-memory git integrity") is housekeeping, not a check of the product: low. A job whose steps all say what they do, none of it the project\'s work (an approval bot\'s membership probe and its github-script call), takes their role, whatever the job is called ("ok-to-test"). So is a check of how a pull request or issue is filed ("Check open pull request limit", "Check PR title"). A step named for a report whose commands run the tests ("Collect coverage data" running `cargo llvm-cov --no-report nextest`) is a test run. A run of the project\'s own program (`cargo run --manifest-path ci/Cargo.toml integration`) takes its role from the names handed to it, else from the step. Low, where it surfaces: a later step of the job, not allowed to fail, that runs the same check, test or build again over at least the same selection (clippy allowed to fail for a SARIF upload, then `cargo clippy -- -D warnings`; `cargo test -p cli` does not cover `cargo test -p core`). Handled: a step whose outcome a job output relays (`test-result: ${{ steps.run-tests.outcome }}`) to a job that needs this one and acts on it (`if: needs.chrome-beta.outputs.test-result == \'failure\'` before an alert). Handled: an action allowed to fail whose outputs a later step turns into the verdict (cpp-linter-action, then `if: steps.linter.outputs.checks-failed != 0` running `exit 1`). A CodeQL job allowed to fail is low: analyze does not fail on alerts, code scanning judges the uploaded results in its own check, and the job\'s build is there for the extractor. So is a Coverity Scan job (`cov-build`, an upload to scan.coverity.com): the service judges what it captured. `fsfe/reuse-action` checks licence notices: a lint. A later step that runs only when this one succeeded (`if: steps.build.outcome != \'failure\'`) catches nothing: a failed build skips it. For a step that asks a question or fetches what may be missing ("Check whether not yet published", a download) that skip is the decision it exists to make, and nothing is reported; `if: steps.x.outcome != \'failure\'` then `exit 1` tests that the step fails. A step whose PowerShell only lists and prints (`Get-ChildItem -Recurse` in "Verify Build Artifacts") is a report, whatever its name. A step whose name says nothing but whose script searches and fails on what it finds (`if grep -rn \'breakpoint(\' src; then … exit 1; fi`) is a check of its job\'s kind. "Run perf tests" runs tests (of speed): a test step; "Run benchmarks" is statistics. A script that runs under bash on some legs and pwsh on others is judged by the same commands on each: "Publish on coveralls.io" running `cp tests/.coverage .` and `coveralls` only uploads, on every leg. A step or job named for filing or closing an issue ("Close the nightly wheel failure issue if open") notifies, whatever the issue is about: low. Low, where it surfaces: a scanner action allowed to fail whose SARIF file (`--sarif-file-output=x.sarif`) a later github/codeql-action/upload-sarif step uploads: code scanning judges the results in its own check (a `run:` step only when its script is that one command, `snyk container test … --sarif-file-output=snyk.sarif`: a longer script may test or build besides). A test run told to rewrite its snapshots or recordings (`pytest --snapshot-update`, `jest -u`, `UPDATE_SNAPSHOTS=1`) in a job that then commits or proposes the changes (a comment bot\'s "update snapshots") is low: it exits non-zero whenever it changed one, and the tests gate the pull request in their own workflow. An unnamed step takes its role from its action\'s name (`jakebailey/pyright-action`, a mypy or ruff action: lint). A step of a workflow run only on issue, discussion, label, milestone or project events is triage, whatever its name says ("Real Membership Check"): low. A job whose steps only print (a stub standing in for the tests on paths that need none: `echo \'No testing required\'`) runs nothing that can fail: no finding. A Sonar scan (SonarSource/sonarqube-scan-action) uploads its analysis, and the quality gate reports as a check of its own: allowed to fail, low, unless the step waits for the gate (`sonar.qualitygate.wait=true`). A step whose only use is an output that a later step reads with a default (`no-cache: ${{ steps.apt.outputs.no_cache || false }}`) works out a value: when what it runs is not a test, build, lint, check or release (or, where its commands say nothing, its name only says it checks), the default answers for its failure: no finding. ROS\'s CI actions (industrial_ci, action-ros-ci) build and run the tests. A step that measures the tests ("Tests measurement": an energy or timing measurement) reports on them: low. An action that fails on nothing it finds as called (aquasecurity/trivy-action without `exit-code`, which defaults to 0, writing an SBOM) hides only a breakage of itself, whose report is then missing: low; with `exit-code: 1` it fails on findings and the role is its name\'s. A value over the event alone (`${{ github.event_name == \'push\' }}`) is evaluated on each event the workflow runs on: false on all of them, no finding; false on pull_request or merge_group, where the same step runs unmasked and gates merges, low; true only on events no merge waits for (`schedule`), the step\'s role. A job whose scanner fails on nothing it finds as called (trivy-action without `exit-code`) and whose SARIF it uploads to code scanning (github/codeql-action/upload-sarif) is low like a CodeQL job; with `exit-code: 1` it hides the findings. A comment that opens a job\'s block (`# Diagnostic job for #27207 … Allowed to fail until the upstream bug is resolved.`), one that says a run goes on "without blocking PRs", or one that says "a failure here must not fail the publish" declares the key: low. So does "Not gated" (`# Informational coverage. Not gated; ratchet a threshold in once it settles.`). Low, where it surfaces: a job whose checks, tests and builds another job runs again, not allowed to fail, under the same `if:` and on a runner this one uses (ffuf\'s coverage job, `go test -coverprofile=… ./...`, beside its test job\'s `go test -race ./...` on ubuntu-latest). A step named by a noun compound headed by "setup" ("Format Setup and Environment Preparation" running `./.github/actions/format-setup`) installs what its first word names: setup, low; "Format code" formats. The results file may be named by a variable whose name says so (`$SCLANG run.scd $TEST_LIST_RESULT`, then `$SCLANG print_results.scd $TEST_LIST_RESULT` in a later step): low, where it surfaces. A step after a checkout of the pull request\'s base (`ref: ${{ github.event.pull_request.base.ref }}`, the merge base, `HEAD~1`) works on a baseline for the comparison after it ("Scan base branch" before "Compare results"): low, until a checkout back to the change. So does "Never block on broken links" opening a sentence, or "release shipping must not be blocked" (not "must not be blocked by flaky network", nor "should never block on stdin": a hang, not a gate), and a comment on the key\'s own line (`continue-on-error: true  # best-effort; …`). A step that merges or checks the change out again before its work (`git merge --no-edit $HEAD_SHA`, `gh pr checkout`, `git apply`) is no baseline. `${{ inputs.x == true }}` is judged like `${{ inputs.x }}`: at the callers that pass true.',
    fix: 'Remove `continue-on-error` from test, build and lint steps (`groundwork fix` does it), or fix the flakiness; if a failure really is acceptable, say so with `# groundwork: allow-failure <reason>`. Upload, cache and notification steps are reported at low severity.',
    bad: 'steps:\n  - name: Run tests\n    run: pytest\n    continue-on-error: true',
    good: 'steps:\n  - name: Run tests\n    run: pytest',
  },
};

type Truth =
  | { kind: 'true' }
  /** `unknowable`: the value rests on matrix rows another job computes at run time (its code, not this file, decides). */
  /** `gatedOn`: the events that gate merges on which the value is false, where the step runs unmasked. */
  | { kind: 'maybe'; why: string; confidence: 'high' | 'medium' | 'low'; unknowable?: boolean; gatedOn?: string[] }
  | { kind: 'false' };

/** Events whose runs gate a merge: a pull request's checks, the merge queue's. */
const GATES_MERGES: ReadonlySet<string> = new Set(['pull_request', 'pull_request_target', 'merge_group']);

/** Whether a continue-on-error value is, or can be, true. */
function truthOf(pair: Pair, job: Job | undefined, model: WorkflowModel): Truth {
  const doc = model.doc;
  const v = pair.value;
  if (!isScalar(v)) return { kind: 'false' };
  if (v.value === true) return { kind: 'true' };
  const text = String(v.value ?? '').trim();
  if (text === 'true') return { kind: 'true' };
  const expr = /^\$\{\{\s*([\s\S]*?)\s*\}\}$/.exec(text);
  if (!expr) return { kind: 'false' };
  // `x || false` and `x && true` are x.
  const body = expr[1]!.replace(/\s*\|\|\s*false\s*$/, '').replace(/\s*&&\s*true\s*$/, '');
  if (/^(false|0|'')$/.test(body)) return { kind: 'false' };
  if (/^true$/.test(body)) return { kind: 'true' };
  // `github.event_name == 'push'`: true on some of the workflow's events. Where it is false on the
  // events that gate merges (pull_request, merge_group), the step runs unmasked there: low.
  const events = model.triggers?.events ?? [];
  // (A reusable workflow sees its caller's event, which this file does not know.)
  const split = events.length && !events.includes('workflow_call') ? byEvent(body, events) : undefined;
  if (split) {
    if (split.on.length === 0) return { kind: 'false' };
    const gating = split.off.filter((e) => GATES_MERGES.has(e));
    return {
      kind: 'maybe',
      why: `\`${body}\` is true on ${split.on.join(', ')}${gating.length ? `; on ${gating.join(', ')} the step runs unmasked, where it gates merges` : ''}`,
      confidence: 'high',
      gatedOn: gating.length ? gating : undefined,
    };
  }
  const matrix = /^matrix\.([\w-]+)$/.exec(body);
  if (matrix && job) {
    const values = job.matrixValues.get(matrix[1]!) ?? [];
    if (values.includes('true')) {
      // Counted on the legs the matrix expands to, where known: a key set only on some `include`
      // rows is null (false) on the others.
      const rows = doc ? matrixRows(doc, job) : undefined;
      const on = rows?.filter((row) => {
        const v = evaluate(body, row);
        return v !== undefined && !falsy(v);
      }).length;
      return {
        kind: 'maybe',
        why: rows?.length
          ? `matrix.${matrix[1]} is true on ${on} of ${rows.length} matrix leg(s)`
          : `matrix.${matrix[1]} is true for ${values.filter((x) => x === 'true').length} of ${values.length} matrix value(s)`,
        confidence: 'high',
      };
    }
    if (values.length > 0 || job.matrixLiteral) return { kind: 'false' };
    // A job without `strategy.matrix` has an empty matrix context: `matrix.continue` is null.
    if (!hasMatrix(job)) return { kind: 'false' };
    return { kind: 'maybe', why: `matrix.${matrix[1]} comes from a matrix computed at run time`, confidence: 'low', unknowable: job.matrixFromJobs };
  }
  // Any expression over the matrix (`contains(matrix.name, 'pre-release')`, `matrix.php > 8`), evaluated on each row.
  // Operands over other contexts (`steps.t.outputs.rc == 8`) are not known before the run, but a false
  // matrix operand of a top-level `&&` decides the row alone (a key a row does not define is null).
  if (job && doc && /\bmatrix\./.test(body)) {
    const rows = matrixRows(doc, job);
    if (rows?.length) {
      const parts = conjuncts(body);
      let n = 0;
      const open = new Set<string>();
      let openRows = 0;
      for (const row of rows) {
        const whole = evaluate(body, row);
        if (whole !== undefined) {
          if (!falsy(whole)) n++;
          continue;
        }
        const known = parts.map((p) => evaluate(p, row));
        if (known.some((v) => v !== undefined && falsy(v))) continue;
        openRows++;
        parts.forEach((p, i) => known[i] === undefined && open.add(p));
      }
      if (n + openRows === 0) return { kind: 'false' };
      if (openRows === 0) return { kind: 'maybe', why: `\`${body}\` is true for ${n} of ${rows.length} matrix row(s)`, confidence: 'high' };
      if (open.size < parts.length || n > 0)
        return {
          kind: 'maybe',
          why: `\`${body}\` can be true for ${n + openRows} of ${rows.length} matrix row(s), when \`${[...open].join(' && ')}\` holds at run time`,
          confidence: 'medium',
        };
    }
  }
  // `contains(matrix.name, 'pre-release')`, `matrix.os == 'windows-latest'`: evaluated on each written-out matrix value.
  const test = /^(contains|startsWith|endsWith)\(\s*matrix\.([\w-]+)\s*,\s*'([^']*)'\s*\)$|^matrix\.([\w-]+)\s*(==|!=)\s*'([^']*)'$/.exec(body);
  if (test && job?.matrixLiteral && writtenHere(job, test[2] ?? test[4]!)) {
    const key = test[2] ?? test[4]!;
    const values = job.matrixValues.get(key) ?? [];
    const lit = (test[3] ?? test[6]!).toLowerCase();
    // GitHub compares strings without regard to case.
    const holds = (v: string) => {
      const x = v.toLowerCase();
      switch (test[1] ?? test[5]) {
        case 'contains':
          return x.includes(lit);
        case 'startsWith':
          return x.startsWith(lit);
        case 'endsWith':
          return x.endsWith(lit);
        case '==':
          return x === lit;
        default:
          return x !== lit;
      }
    };
    const n = values.filter(holds).length;
    if (n === 0) return { kind: 'false' };
    return { kind: 'maybe', why: `\`${body}\` is true for ${n} of ${values.length} value(s) of matrix.${key}`, confidence: 'high' };
  }
  // `inputs.x`, `inputs.x == 'true'` or `inputs.x == true`: true only when the input is.
  const input = /^inputs\.([\w-]+)(?:\s*==\s*(?:'true'|true))?$/.exec(body);
  if (input) {
    const decl = model.inputs.find((i) => i.name === input[1]);
    if (decl?.default?.value === 'true') return { kind: 'maybe', why: `input ${input[1]} defaults to true`, confidence: 'high' };
    return { kind: 'false' }; // reported at the callers that pass true (reusable-inputs.ts)
  }
  // Over matrix keys this file does not set, in a matrix another job computes: its code decides.
  // (Only when none of them is written here: `experimental: true` on an `include` row of this file makes a leg.)
  const unknowable = job?.matrixFromJobs === true && [...body.matchAll(/\bmatrix\.([\w-]+)/g)].every((m) => !writtenHere(job, m[1]!));
  return { kind: 'maybe', why: `the expression \`${body}\` can evaluate to true`, confidence: 'low', unknowable };
}

/** Whether the file writes a matrix key's values out (`os: [ubuntu-latest, windows-latest]`), not as an expression (`os: ${{ fromJSON(…) }}`). */
function writtenHere(job: Job, key: string): boolean {
  const values = job.matrixValues.get(key);
  return values !== undefined && values.length > 0 && !values.some((v) => v.includes('${{'));
}

const NOT_THE_WORK: ReadonlySet<string> = new Set(['upload', 'cache', 'report', 'notify', 'cleanup', 'setup', 'probe', 'other']);

/**
 * A job's role: the most important role among its steps (a lint job is one that lints); when no step
 * says what it does, the job's name, as an inherited (less certain) role.
 */
function jobRole(a: WorkflowAnalysis, job: Job): RoleEvidence {
  const own = classifyJob(job);
  // A CodeQL job uploads its results to code scanning, whose own check judges them (analyze does not
  // fail on alerts); its build is there for the extractor, and the project's builds run elsewhere.
  // So is a Coverity Scan job: `cov-build` captures a build for the service, which judges it (open62541).
  // Only where the analysis runs on every run of the job and the job tests nothing besides
  // (`make check` beside a Coverity step limited to a branch is a test job).
  const analysis = (pattern: (s: Step) => boolean) => {
    const step = job.steps.find(pattern);
    return step !== undefined && !step.if && !job.steps.some((s) => a.roleOf(s, job).role === 'test');
  };
  if (analysis((s) => /^github\/codeql-action\/analyze$/i.test(actionPath(s.uses?.value ?? ''))))
    return { role: 'upload', because: 'a CodeQL analysis, whose results code scanning judges in its own check' };
  if (analysis((s) => /\bcov-build\b|scan\.coverity\.com/.test(s.run?.value ?? '') || /coverity/i.test(actionPath(s.uses?.value ?? ''))))
    return { role: 'upload', because: 'a Coverity Scan submission, whose results the service judges' };
  // A scanner that fails on nothing it finds as called (trivy-action without `exit-code`), whose SARIF
  // the job uploads to code scanning: what the key hides is a breakage of the scanner, whose report is
  // then missing, like a CodeQL job's.
  const scanners = job.steps.filter((s) => s.uses && failsOnNothing(actionPath(s.uses.value), s.with));
  const sarif = job.steps.some((s) => /^github\/codeql-action\/upload-sarif$/i.test(actionPath(s.uses?.value ?? '')));
  const checks = job.steps.filter((s) => CRITICAL_ROLES.has(a.roleOf(s, job).role));
  if (sarif && scanners.length > 0 && checks.every((s) => scanners.includes(s)))
    return { role: 'upload', because: 'a scan that fails on nothing it finds, whose SARIF code scanning judges in its own check' };
  // A step with its own `continue-on-error: true` cannot fail the job: what the job-level key hides is the rest.
  const roles = job.steps
    .filter((s) => continueOnErrorValue(s.continueOnError) !== 'true')
    .map((s) => a.roleOf(s, job))
    .filter((r) => !r.inherited);
  // The most important of them: "Run Tests" says more of the job than the "Verify KVM" before it.
  const critical = roles.filter((r) => CRITICAL_ROLES.has(r.role)).sort((x, y) => rank(y.role) - rank(x.role))[0];
  if (critical) return { role: critical.role, because: `it runs a ${critical.role} step (${critical.because})` };
  if (roles.some((r) => !NOT_THE_WORK.has(r.role) || r.role === 'setup' || r.role === 'report')) {
    // What the job is there for, and why: its upload or report rather than the setup before it
    // (toga's TestPyPI job: a publish to a rehearsal index, not "Get Packages").
    const top =
      ['stats', 'upload', 'report', 'notify', 'cache', 'cleanup', 'setup', 'probe'].map((k) => roles.find((r) => r.role === k)).find(Boolean) ??
      roles.find((r) => r.role !== 'other');
    return { role: top?.role ?? 'other', because: `its steps set up, report or upload${top ? ` (${top.because})` : ''}` };
  }
  // Every step says what it does, and none of it is the project's work (an approval bot's membership
  // probe and github-script call, in a job named "ok-to-test"): the steps outrank the job's name.
  if (roles.length > 0 && roles.every((r) => r.role !== 'other')) {
    const top = roles.reduce((a, b) => (rank(b.role) > rank(a.role) ? b : a));
    return { role: top.role, because: `its steps only ${top.role === 'notify' ? 'notify' : top.role} (${top.because}), whatever its name says` };
  }
  return { ...own, inherited: true };
}

function report(a: WorkflowAnalysis, pair: Pair, job: Job, where: string, given: RoleEvidence, scope: Span, step?: Step): FindingDraft | undefined {
  const truth = truthOf(pair, job, a.model);
  if (truth.kind === 'false') return undefined;
  // `# Prevent sudden announcement of a new advisory from failing ci` right above the key: the
  // author wrote down why the failure may pass (an advisory, informational or non-blocking run).
  // (Or above the job's or step's first line: `# The job is informational while …` over `fil-c:`.)
  const text = a.model.file.text;
  // (And on the key's own line: `continue-on-error: true  # best-effort; keeps … on failure`.)
  const keyStart = spanOf(pair.key as Node).start;
  const lineEnd = text.indexOf('\n', keyStart);
  const inline = /\s#\s*(.*)$/.exec(text.slice(keyStart, lineEnd < 0 ? undefined : lineEnd))?.[1];
  const note = [
    inline,
    commentAbove(text, keyStart),
    commentAbove(text, (step?.span ?? job.idSpan).start),
    step ? undefined : commentBelow(text, job.idSpan.start),
  ]
    .filter(Boolean)
    .join(' ');
  const said = declaredInComment(note);
  const role: RoleEvidence = said ? { role: 'report', because: `a comment above it says the failure may pass (\`…${said}…\`)` } : given;
  const { handled, surfaces, kept, baseline } = allowedFailureHandled(a, job, step);
  if (handled) return undefined;
  // A step whose own purpose nothing says (its role only inherited from the job) may be a cache or an upload: not a claim.
  // Whether any leg sets the key is decided by the code of the job that computes the matrix: not a claim.
  const unknowable = truth.kind === 'maybe' && truth.unknowable === true;
  const gated = truth.kind === 'maybe' && truth.gatedOn !== undefined;
  const severity = surfaces || baseline || unknowable || gated || (step && role.inherited) ? 'low' : severityOf(role);
  const fixable = truth.kind === 'true' && severity !== 'low';
  const edit = fixable ? (deletePairLines(text, pair) ?? replaceScalar(text, pair, 'false')) : undefined;
  const after = surfaces ? `; the failure surfaces where ${surfaces}` : (baseline ?? kept) ? `; ${baseline ?? kept}` : '';
  return {
    ruleId: meta.id,
    message:
      truth.kind === 'true'
        ? `${where} has continue-on-error: true, so its failure passes the run ${roleNote(role)}${after}`
        : `${where} has a templated continue-on-error that can be true (${truth.why}), hiding its failures ${roleNote(role)}${after}${unknowable ? '; the matrix comes from another job at run time, whose code decides whether any leg sets it' : ''}`,
    span: spanOf(pair),
    scope,
    severity,
    confidence: truth.kind === 'true' ? (role.inherited ? 'medium' : 'high') : truth.confidence,
    fix: edit ? { title: `remove continue-on-error from ${where}`, safety: 'safe', edits: [edit] } : undefined,
  };
}

export { meta as continueOnErrorMeta };

export const continueOnError: WorkflowRule = {
  meta,
  *check(a) {
    for (const job of a.model.jobs) {
      if (neverRuns(a.model, job)) continue;
      if (job.continueOnError) {
        const f = report(a, job.continueOnError, job, `job ${job.id}`, jobRole(a, job), job.idSpan);
        if (f) yield f;
      }
      for (const step of job.steps) {
        if (!step.continueOnError || neverRuns(a.model, job, step)) continue;
        const label = step.name ? `step "${step.name.value}"` : `step ${step.index + 1} of job ${job.id}`;
        const f = report(a, step.continueOnError, job, label, allowedStepRole(a, step, job), step.span, step);
        if (f) yield f;
      }
    }
  },
};

/** Whether the job has a `strategy.matrix` at all. */
function hasMatrix(job: Job): boolean {
  const strategy = job.map.get('strategy', true);
  return isMap(strategy) && strategy.has('matrix');
}
