import { backToChange, baselineCheckout } from './hidden/baseline-checkout.js';
import { commandsIn, commandWords } from '../sources/shell-script.js';
import { spanOf } from '../sources/yaml-source.js';
import { actionPath, continueOnErrorValue, mayContinueOnError, type Job, type Step } from '../sources/workflow.js';
import { COMMITS_CHANGES } from './roles/remote.js';
import type { WorkflowAnalysis } from './analysis.js';
import { jobOutputKeys } from './hidden/output-gates.js';
import { FAILURE_ONLY, outcomeReaders } from './hidden/script-verdicts.js';
import { inertScripts } from './inert-script.js';
import { defaultedOutputReader } from './defaulted-output.js';
import { positional } from './roles/tool-registry.js';
import { failureTurnedOff } from './roles/failure-options.js';
import { resolveCommand, toolRole } from './roles/tools.js';
import { CRITICAL_ROLES, type Role } from './roles/role.js';
import { classifyJob, commandsRole, roleOfAction } from './step-role.js';
import { escapeRegExp } from '../core/regexp.js';
import { FAILS, FAILS_RUN, sentinelChecker, singleCommand, stepLabel, successSentinel } from './success-sentinel.js';

/**
 * Steps that read an outcome only to keep evidence (collect logs, upload a test directory, save a
 * cache, clean up): the run is still green and nobody is told, so they catch nothing.
 */
const KEEPS_EVIDENCE: ReadonlySet<string> = new Set(['upload', 'cache', 'cleanup', 'report', 'stats']);
/** What a job does with a relayed outcome that catches the failure: tells people, or checks, tests, builds, releases. */
const ACTS: ReadonlySet<string> = new Set(['notify', 'test', 'build', 'lint', 'verify', 'release']);

/** A script that commits a change to the repository, pushes it, or opens a pull request with it. */
const REPAIRS = new RegExp(`${COMMITS_CHANGES.source}|\\bgit\\s+push\\b`);

/**
 * What makes a step's or a job's allowed failure visible after all: a later step reading the step's
 * outcome (retry, fallback, report), a job reading the job's result, or a job that needs it and uses
 * what it produces (its outputs or artifacts), where the failure surfaces instead.
 */
export function allowedFailureHandled(a: WorkflowAnalysis, job: Job, step?: Step): { handled?: string; surfaces?: string; kept?: string; baseline?: string } {
  const model = a.model;
  const text = model.file.text;
  const reporter = selfReporting(step ? [step] : job.steps);
  if (reporter) return { surfaces: `${reporter} posts what it finds in a check run of its own (or an issue on a schedule)` };
  // A scanner allowed to fail so that its SARIF reaches code scanning (snyk with
  // `--sarif-file-output=x.sarif`, then github/codeql-action/upload-sarif of that file): code scanning
  // judges the results in its own check, as for CodeQL.
  const sarif = step ? sarifUploadedLater(text, job, step) : undefined;
  if (sarif) return { surfaces: `step ${sarif} uploads its SARIF results to code scanning, which judges them in its own check` };
  // A later step turns the test results into a check run that fails with them (mikepenz/action-junit-report).
  const published = step ? job.steps.find((s) => s.index > step.index && RESULT_CHECK_RUNS.test(actionPath(s.uses?.value ?? ''))) : undefined;
  if (published)
    return {
      surfaces: `step "${published.name?.value ?? published.index + 1}" (${actionPath(published.uses!.value)}) publishes the test results as a check run that fails with them`,
    };
  if (step) {
    const id = step.id?.value;
    if (step.if && FAILURE_ONLY.test(step.if.value)) return { handled: 'the step runs only after a failure' };
    if (inertScripts(a.sitesOf(step))) return { handled: 'its script runs nothing that can fail (only tests, output and `exit 0`)' };
    // `…; echo SUCCEEDED=1 >> "$GITHUB_OUTPUT"` at the end of an errexit script, or `julia … && echo
    // "TESTS_SUCCESSFUL=true" >> $GITHUB_ENV`, is written only on success; a later step that fails when
    // it is missing (`core.setFailed`, `if: env.TESTS_SUCCESSFUL != 'true'` then `exit 1`) is the verdict.
    const sentinel = successSentinel(a, step);
    const checker = sentinel ? sentinelChecker(text, job, step, sentinel) : undefined;
    if (checker) return { handled: `step ${stepLabel(checker.step)} fails the job when ${checker.ref}, written only on success, is missing` };
    if (id) {
      const label = stepLabel;
      // A step there to work out a value that a later step reads with a default: what it runs, not
      // its name ("Check for apt updates"), says whether its failure matters.
      const tuned = defaultedOutputReader(text, job, step);
      // A script whose commands say nothing (`./scripts/run-all.sh`) is what its name says, unless the
      // name only says it checks something: a check whose one product is a defaulted value asks a question.
      const own = ownWorkRole(a, step);
      const named = a.roleOf(step, job).role;
      if (tuned && (own ? !CRITICAL_ROLES.has(own) : !CRITICAL_ROLES.has(named) || named === 'verify'))
        return {
          handled: `it only works out a value that step ${label(tuned.reader)} reads with a default (\`${tuned.expression}\`), which applies when it fails`,
        };
      // `if: steps.build.outcome != 'failure'` runs a step only when this one succeeded: a failure of a
      // build, test, lint or release skips it, which catches nothing. For a check that asks a question
      // ("Check whether not yet published", `! is-version-published.sh`) or a step that fetches what may
      // be missing (a download) that skip is the decision the step exists to make.
      const all = outcomeReaders(text, job, step);
      const guards = all.filter((s) => successGuard(text, s, id));
      if (guards.length && guards.length === all.length && !['test', 'build', 'lint', 'release'].includes(a.roleOf(step, job).role))
        return { handled: `its outcome decides whether step ${guards.map(label).join(', ')} runs (\`${guards[0]!.if!.value.trim()}\`)` };
      const readers = all.filter((s) => !guards.includes(s));
      // A retry, a fallback, a verdict (`exit 1`) or a message to people catches the failure; a step
      // that only collects or uploads what the failure left behind does not.
      // So does a repair: a step run on the failure that commits the fix (toml11 regenerates its
      // single header when the diff check fails and pushes it).
      const catches = readers.find((s) => {
        const role = a.roleOf(s, job).role;
        return !KEEPS_EVIDENCE.has(role) || (s.run !== undefined && (FAILS.test(s.run.value) || REPAIRS.test(s.run.value)));
      });
      if (catches) return { handled: `step ${label(catches)} reads steps.${id}.outcome` };
      // cpp-linter-action allowed to fail, then `if: steps.linter.outputs.checks-failed != 0` → `exit 1`:
      // the action reports what it found in its outputs, and a later step is the verdict on them.
      const verdict = job.steps.find(
        (s) =>
          s.index > step.index &&
          s.if !== undefined &&
          s.if.value.includes(`steps.${id}.outputs.`) &&
          s.run !== undefined &&
          FAILS_RUN.test(s.run.value) &&
          !mayContinueOnError(s.continueOnError),
      );
      if (verdict) return { handled: `step ${label(verdict)} fails the job on what it reports (\`${verdict.if!.value.trim()}\`)` };
      if (readers.length) return { kept: `step ${readers.map(label).join(', ')} reads steps.${id}.outcome only to keep what it left` };
      // `outputs: { test-result: ${{ steps.run-tests.outcome }} }`, read by a job that needs this one
      // (`if: needs.chrome-beta.outputs.test-result == 'failure'`) to alert people or fail.
      const relay = outcomeRelay(a, job, id);
      if (relay) return { handled: relay };
    }
    const reads = laterReader(job, step) ?? rerunLater(a, job, step);
    if (reads) return { surfaces: reads };
    // A scan or build of the pull request's base (`ref: ${{ github.event.pull_request.base.ref }}`) is a
    // baseline for a comparison after it, not the change under test.
    // (Not when the step itself goes back to the change first: `git merge --no-edit $HEAD_SHA` before the tests.)
    const base = backToChange(step.run?.value ?? '') ? undefined : baselineCheckout(job, step, text);
    if (base) return { baseline: `it works on a baseline for comparison, checked out before it (\`${base}\`), not on the change under test` };
    return {};
  }
  // A job whose steps only print (vagrant's stub job "Vagrant unit tests", `echo 'No testing required'`,
  // standing in for the real one on paths that need no tests) runs nothing that can fail.
  const live = job.steps.filter((s) => !mayContinueOnError(s.continueOnError));
  if (live.length > 0 && live.every((s) => s.uses === undefined && inertScripts(a.sitesOf(s))))
    return { handled: 'its steps run nothing that can fail (only tests, output and `exit 0`)' };
  for (const other of model.jobs) {
    if (!other.needs.includes(job.id)) continue;
    const body = text.slice(spanOf(other.map).start, spanOf(other.map).end);
    // `needs.<job>.result` (and alls-green's `toJSON(needs)`) is `success` for a job whose failure
    // continue-on-error let pass: a job reading it learns nothing.
    // Where the failure would surface must itself fail the run: not a job allowed to fail (starship's
    // notarize job, `continue-on-error: true`, downloads the build's artifacts).
    if (mayContinueOnError(other.continueOnError)) continue;
    if (new RegExp(`needs\\.${job.id.replace(/-/g, '\\-')}\\.outputs`).test(body)) return { surfaces: `job ${other.id} uses its outputs` };
    // A download by name fails when the artifact is missing; a download of everything takes what is
    // there and passes.
    const uploads = uploadedNames(job);
    const download = other.steps.find(
      (s) =>
        /download-artifact/.test(s.uses?.value ?? '') &&
        s.with.has('name') &&
        continueOnErrorValue(s.continueOnError) !== 'true' &&
        (uploads === undefined || uploads.some((u) => sameArtifact(u, s.with.get('name')!.value))),
    );
    if (download) return { surfaces: `job ${other.id} downloads its artifacts by name after it` };
  }
  const elsewhere = rerunInOtherJob(a, job);
  if (elsewhere) return { surfaces: elsewhere };
  return {};
}

/**
 * The names of the artifacts a job uploads (`actions/upload-artifact`, default name `artifact`);
 * undefined when a local action of the job may upload more than the workflow shows.
 */
function uploadedNames(job: Job): string[] | undefined {
  if (job.steps.some((s) => s.uses?.value.startsWith('./'))) return undefined;
  return job.steps.filter((s) => /upload-artifact/.test(s.uses?.value ?? '')).map((s) => s.with.get('name')?.value ?? 'artifact');
}

/** Whether two artifact names can be the same, an expression (`wheels-${{ matrix.os }}`) standing for any text. */
function sameArtifact(a: string, b: string): boolean {
  const pattern = (x: string) =>
    new RegExp(
      `^${x
        .split(/\$\{\{[\s\S]*?\}\}/)
        .map((p) => escapeRegExp(p))
        .join('.*')}$`,
    );
  const plain = (x: string) => x.replace(/\$\{\{[\s\S]*?\}\}/g, '');
  return pattern(a).test(plain(b)) || pattern(b).test(plain(a));
}

/** Programs that only show, move or delete a file: reading it with one of these decides nothing. */
const SHOWS = /^(cat|echo|printf|ls|head|tail|rm|cp|mv|du|wc|stat|file|gzip|tar|zip|sed|awk|jq|find|mkdir|chmod|touch)$/;

/**
 * `cargo coverage --json > new_results.json` allowed to fail, then a later step that runs a program
 * on the file (`cargo coverage compare ./base_results.json ./new_results.json`): a missing or broken
 * results file fails there. A later step allowed to fail, or one that only shows the file, does not count.
 */
function laterReader(job: Job, step: Step): string | undefined {
  const script = step.run?.value ?? '';
  const files = [...script.matchAll(/(?:\d?>>?|\btee(?:\s+-a)?)\s*["']?([\w./-]+\.(?:json|xml|txt|log|out|csv|sarif))\b/g)].map((m) =>
    m[1]!.replace(/^\.\//, ''),
  );
  // `$SCLANG … $SCRIPT_RUN_TESTS $TEST_LIST_RESULT`, then `$SCLANG $SCRIPT_PRINT_RESULTS $TEST_LIST_RESULT`:
  // a results file named by a variable, handed to the run and then to a later program.
  // (The whole argument: `$RESULTS_DIR/junit.xml` names a folder, which a later `find` only lists.)
  for (const m of script.matchAll(/(?<=\s|^)["']?\$\{?(\w*(?:RESULTS?|REPORT)\w*)\}?["']?(?=\s|$)/gim))
    if (!/(DIR|PATH|FOLDER)$/i.test(m[1]!)) files.push(`$${m[1]!}`);
  if (files.length === 0) return undefined;
  for (const later of job.steps) {
    if (later.index <= step.index || !later.run || (later.if && FAILURE_ONLY.test(later.if.value))) continue;
    if (mayContinueOnError(later.continueOnError)) continue;
    for (const line of later.run.value.split('\n')) {
      const file = files.find((f) =>
        f.startsWith('$')
          ? new RegExp(`\\s["']?\\$\\{?${escapeRegExp(f.slice(1))}\\}?["']?(\\s|$)`).test(line)
          : new RegExp(`(^|[\\s/'"=])(\\./)?${escapeRegExp(f)}\\b`).test(line),
      );
      const program =
        line
          .trim()
          .split(/\s+/)
          .find((w) => !/^(timeout|sudo|\d+[smh]?)$/.test(w) && !/^-/.test(w)) ?? '';
      if (file && !SHOWS.test(program) && !/>>?\s*["']?(\.\/)?[\w./-]*$/.test(line.split(file)[0] ?? ''))
        return `step "${later.name?.value ?? later.index + 1}" runs \`${line.trim().slice(0, 60)}\` on ${file}, which it writes`;
    }
  }
  return undefined;
}

/**
 * Actions that report their findings in a check run of their own (and issues on scheduled runs), which
 * shows red whatever the job's conclusion: `rustsec/audit-check` with a token. Data, matched on owner/repo.
 */
/** Actions that publish test results as a check run whose conclusion is failure when tests failed. Data. */
const RESULT_CHECK_RUNS = /^(mikepenz\/action-junit-report|dorny\/test-reporter|EnricoMi\/publish-unit-test-result-action(\/[\w-]+)?)$/i;

const SELF_REPORTING = /^(rustsec|actions-rs)\/audit-check$|^actions-rs\/clippy-check$/i;

/** The self-reporting action that is all the steps do, besides setting up (checkout, toolchains, caches). */
function selfReporting(steps: readonly Step[]): string | undefined {
  let found: string | undefined;
  for (const s of steps) {
    const uses = s.uses ? actionPath(s.uses.value) : undefined;
    if (uses && SELF_REPORTING.test(uses)) found = uses;
    else if (s.run || !uses || !['setup', 'cache'].includes(roleOfAction(uses) ?? '')) return undefined;
  }
  return found;
}

/** The step reads the outcome only in an `if:` that runs it when the step succeeded (`== 'success'`, `!= 'failure'`). */
function successGuard(text: string, reader: Step, id: string): boolean {
  const cond = reader.if?.value;
  // `if: steps.broken.outcome != 'failure'` then `exit 1`: a test that the step fails, not a skip.
  if (!cond || cond.includes('||') || (reader.run && FAILS_RUN.test(reader.run.value))) return false;
  const ref = new RegExp(`steps\\.${escapeRegExp(id)}\\.(outcome|conclusion)\\b`, 'g');
  const guard = new RegExp(`steps\\.${escapeRegExp(id)}\\.(outcome|conclusion)\\s*(==\\s*'success'|!=\\s*'failure')`);
  if (!guard.test(cond)) return false;
  // Read nowhere else in the step (a `run:` that prints or acts on it reads it for more than the skip).
  const body = text.slice(reader.span.start, reader.span.end).replace(cond, '');
  return !ref.test(body);
}

/**
 * A job output carrying the step's outcome (`test-result: ${{ steps.run-tests.outcome }}`) that a job
 * needing this one reads and acts on: a message to people (jQuery's beta-browser alert), a verdict,
 * a retry. A reader that only uploads or reports what was left does not catch the failure.
 */
function outcomeRelay(a: WorkflowAnalysis, job: Job, id: string): string | undefined {
  const text = a.model.file.text;
  for (const key of jobOutputKeys(text, job, `steps.${id}.outcome`))
    for (const other of a.model.jobs) {
      if (!other.needs.includes(job.id) || mayContinueOnError(other.continueOnError)) continue;
      const ref = new RegExp(`needs(\\.${escapeRegExp(job.id)}|\\[['"]${escapeRegExp(job.id)}['"]\\])\\.outputs\\.${escapeRegExp(key)}\\b`);
      const o = spanOf(other.map);
      if (!ref.test(text.slice(o.start, o.end))) continue;
      const acts =
        ACTS.has(classifyJob(other).role) || other.steps.some((x) => ACTS.has(a.roleOf(x, other).role) || (x.run !== undefined && FAILS.test(x.run.value)));
      if (acts) return `job ${other.id} reads steps.${id}.outcome through this job's output ${key}`;
    }
  return undefined;
}

/**
 * typos' "Check" step runs `cargo clippy … | clippy-sarif` allowed to fail, for the code-scanning
 * upload; its "Report status" step runs `cargo clippy … -D warnings` again, not allowed to fail. Every
 * check, test or build of the allowed step that a later step of the job runs again (the same program
 * and subcommand) fails the job there.
 */
function rerunLater(a: WorkflowAnalysis, job: Job, step: Step): string | undefined {
  const own = criticalRuns(a, step);
  if (own.length === 0) return undefined;
  for (const later of job.steps) {
    if (later.index <= step.index || mayContinueOnError(later.continueOnError) || (later.if && FAILURE_ONLY.test(later.if.value))) continue;
    const again = criticalRuns(a, later);
    if (own.every((w) => again.some((l) => coversRun(l, w))))
      return `step "${later.name?.value ?? later.index + 1}" runs \`${runName(own[0]!)}\` again, and is not allowed to fail`;
  }
  return undefined;
}

/** A program and its subcommand (`cargo clippy`, `go test`). */
function runName(w: readonly string[]): string | undefined {
  const r = resolveCommand(w);
  return r ? `${r.program} ${positional(r.words.slice(1))[0] ?? ''}` : undefined;
}

/** The checks, tests and builds a step runs, by the tool table (not those its own option keeps from failing, `flake8 --exit-zero`). */
function criticalRuns(a: WorkflowAnalysis, s: Step): string[][] {
  return a
    .sitesOf(s)
    .flatMap((site) => (site.parsed ? commandsIn(site.parsed.root).map(commandWords) : []))
    .filter((w) => {
      const t = toolRole(w);
      return t !== undefined && !t.weak && CRITICAL_ROLES.has(t.role) && !failureTurnedOff(w);
    });
}

/** What a run selects: its targets and packages (`-p core`, `--features x`, `tests/`). */
function selects(w: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < w.length; i++) {
    if (SELECTORS.has(w[i]!)) {
      out.push(`${w[i]}=${w[i + 1] ?? ''}`);
      i++;
    } else if (!w[i]!.startsWith('-')) out.push(w[i]!);
  }
  return out;
}

/** A later run covers an earlier one when it is the same program and subcommand and selects at least as much (`cargo test -p other` does not). */
function coversRun(l: readonly string[], w: readonly string[]): boolean {
  return runName(l) === runName(w) && selects(w).every((x) => selects(l).includes(x));
}

/**
 * ffuf's "coverage" job (`go test -coverprofile=coverage.out ./...`, allowed to fail: "Informational
 * coverage") beside its "test" job, which runs `go test -race ./...` not allowed to fail on the same
 * runner and events: every check, test or build of the allowed job runs again in a job that fails the
 * run. The other job must run wherever this one does: the same `if:` (or none) and a runner this one's
 * `runs-on` is among (its own, or one of its matrix's values).
 */
function rerunInOtherJob(a: WorkflowAnalysis, job: Job): string | undefined {
  const own = job.steps.filter((s) => !mayContinueOnError(s.continueOnError)).flatMap((s) => criticalRuns(a, s));
  if (own.length === 0 || job.runsOn.includes('${{')) return undefined;
  for (const other of a.model.jobs) {
    if (other === job || mayContinueOnError(other.continueOnError) || (other.if?.value.trim() ?? '') !== (job.if?.value.trim() ?? '')) continue;
    const runners = other.runsOn.includes('${{') ? [...other.matrixValues.values()].flat() : [other.runsOn];
    if (!runners.includes(job.runsOn)) continue;
    const again = other.steps.filter((s) => !mayContinueOnError(s.continueOnError) && !s.if).flatMap((s) => criticalRuns(a, s));
    if (own.every((w) => again.some((l) => coversRun(l, w)))) return `job ${other.id} runs \`${runName(own[0]!)}\` again, and is not allowed to fail`;
  }
  return undefined;
}

const SELECTORS = new Set(['-p', '--package', '--features', '-F', '--target', '--manifest-path', '-k', '-m', '--filter', '-C', '--test-dir', '-R']);

/**
 * The later step that uploads this step's SARIF file to code scanning: the step names a `.sarif` file
 * (an option or input), and a later github/codeql-action/upload-sarif step's `sarif_file` is that file
 * or the folder it is in. Its label, for messages.
 */
export function sarifUploadedLater(text: string, job: Job, step: Step): string | undefined {
  // A scanner action (snyk, trivy, checkov), or a script that is the one scanner command writing the
  // file (`snyk container test … --sarif-file-output=snyk.sarif`): a longer script may test or build besides.
  if (step.run ? !singleCommand(step.run.value) : !step.uses) return undefined;
  // Expressions written as their bodies (`${{ matrix.image.name }}` → `{matrix.image.name}`), so paths
  // compare as written and split only at real spaces.
  const plain = (t: string) => t.replace(/\$\{\{\s*([\s\S]*?)\s*\}\}/g, (_m, e: string) => `{${e.replace(/\s+/g, '')}}`);
  // `${{ github.workspace }}/x.sarif` is `x.sarif` where the step runs (the workspace).
  const clean = (p: string) =>
    p
      .replace(/^(\{github\.workspace\}|\$\{?GITHUB_WORKSPACE\}?)\//, '')
      .replace(/^\.\//, '')
      .replace(/\/+$/, '');
  const files = [...plain(text.slice(step.span.start, step.span.end)).matchAll(/[^\s='"]+\.sarif(?![\w.])/g)].map((m) => clean(m[0]));
  if (files.length === 0) return undefined;
  for (const s of job.steps) {
    if (s.index <= step.index || !/^github\/codeql-action\/upload-sarif$/i.test(actionPath(s.uses?.value ?? ''))) continue;
    const value = s.with.get('sarif_file')?.value.trim();
    const target = value ? clean(plain(value)) : undefined;
    if (target && files.some((f) => f === target || f.startsWith(`${target}/`))) return s.name ? `"${s.name.value}"` : String(s.index + 1);
  }
  return undefined;
}

/** The role of what a step itself runs: its action's, else its commands' most important one; its name aside. */
function ownWorkRole(a: WorkflowAnalysis, step: Step): Role | undefined {
  const commands = a.sitesOf(step).flatMap((site) => (site.parsed ? commandsIn(site.parsed.root).map(commandWords) : []));
  return commandsRole(commands)?.role ?? (step.uses ? roleOfAction(step.uses.value) : undefined);
}
