import type { RuleMeta } from '../core/rule.js';
import { sarifUploadedLater } from '../workflows/allowed-failure.js';
import { escapeRegExp } from '../core/regexp.js';
import { actionPath, mayContinueOnError, type Job, type Step } from '../sources/workflow.js';
import type { WorkflowAnalysis } from '../workflows/analysis.js';
import type { RoleEvidence } from '../workflows/roles/role.js';
import { classifyJob, roleNote, severityOf } from '../workflows/step-role.js';
import { evaluate, matrixRows } from '../workflows/matrix.js';
import type { WorkflowRule } from './workflow-rule.js';
import { FAILURE_INPUTS, REPORTERS } from '../workflows/failure-inputs.js';

const meta: RuleMeta = {
  id: 'failure-disabled-input',
  summary: "an action input turns the action's failure off (`fail_ci_if_error: false`, `exit-code: 0` …)",
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "Many actions take an input that keeps them from failing: a vulnerability scanner with `exit-code: 0`, a linter with `fail-on-error: false`, a test reporter that fails on nothing. The step is green whatever it found. Low for a test reporter (`dorny/test-reporter`, `mikepenz/action-junit-report`, `EnricoMi/publish-unit-test-result-action`) when no step before it is allowed to fail: the tests fail their own step, and the reporter only re-reads the results. lycheeverse/lychee-action's `fail: false` lets broken links pass. Not reported: lychee's `fail: false` where a later step reads the step's outputs (`steps.lychee.outputs.exit_code`, turned into a report issue or a verdict); its outcome, `success` once failure is off, tells nothing. Low: a scanner whose SARIF file a later github/codeql-action/upload-sarif step uploads (`output: trivy-results.sarif` then `sarif_file: ${{ github.workspace }}/trivy-results.sarif`): code scanning judges the results in its own check. \"Test Report\", \"Test summary\", \"Test results\" name a report of the tests, not tests: a reporter told not to fail after the tests failed their own step is low. A value set from the matrix (`ignore-errors: ${{ matrix.config.ignore-errors || false }}`) is evaluated on each leg; the finding says on how many legs it turns failure off. OSS-Fuzz's CIFuzz actions (`google/oss-fuzz/infra/cifuzz/actions/build_fuzzers` and `run_fuzzers`) with `dry-run: true` exit 0 on a fuzzer build that fails and on a crash found (their entrypoints set the return code on error to success). Low, where the verdict moved: a report the action writes (`output-file: grype-report.json`) that a later step reads, and that step or one after it (running whenever the scan does, or under a condition over the action's own inputs) fails the job on (`jq … grype-report.json`, then `exit 1` on blocking findings). No finding for a generic input (`allow_failure: true`) on a check whose result a later step's `if:` reads (`if: steps.label_check.outputs.label_check == 'success'`): a question whose answer chooses what runs.",
    fix: 'Remove the input or set it to fail (`exit-code: 1`, `fail-on-error: true`); if the result is informational on purpose, mark it with `# groundwork: allow-failure <reason>`.',
    bad: '- uses: aquasecurity/trivy-action@0.28.0\n  with:\n    exit-code: 0',
    good: '- uses: aquasecurity/trivy-action@0.28.0\n  with:\n    exit-code: 1',
  },
};

export const failureDisabledInput: WorkflowRule = {
  meta,
  *check(a) {
    for (const job of a.model.jobs) {
      // Local reusable workflows are followed by continue-on-error, which reports at the caller.
      const remoteCall = job.uses && !job.uses.value.startsWith('./');
      const calls = [
        ...job.steps.filter((s) => s.uses).map((s) => ({ uses: s.uses!.value, with: s.with, step: s })),
        ...(remoteCall ? [{ uses: job.uses!.value, with: job.with, step: undefined }] : []),
      ];
      for (const call of calls) {
        const action = actionPath(call.uses).toLowerCase();
        for (const [name, value] of call.with) {
          const v = value.value.trim().toLowerCase();
          let legs: string | undefined;
          const hit = FAILURE_INPUTS.find((f) => {
            if ((f.action && !f.action.test(action)) || !f.input.test(name)) return false;
            if (f.off.includes(v)) return true;
            legs = offOnLegs(a, job, value.value, f.off);
            return legs !== undefined;
          });
          if (!hit) continue;
          const role = hit.role !== 'other' ? { role: hit.role, because: `action ${action}` } : call.step ? a.roleOf(call.step, job) : calledJobRole(a, job);
          // A test reporter only re-reads results: the tests failed their own step already, unless a
          // step before it was allowed to fail (then the reporter is the only gate left).
          const reporterOnly =
            REPORTERS.test(action) && call.step !== undefined && !job.steps.some((s) => s.index < call.step!.index && mayContinueOnError(s.continueOnError));
          // A later step that reads the step's outputs or outcome (`steps.lychee.outputs.exit_code`)
          // acts on the result itself: it turns it into a verdict or an issue.
          if (hit.reportsInOutputs && readLater(a, job, call.step)) continue;
          // A check whose result a later step's `if:` reads (`allow_failure: true` on a label checker,
          // then `if: steps.label_check.outputs.label_check == 'success'` on the backport): a question
          // whose answer chooses what runs, not a gate switched off.
          if (!hit.action && call.step && readLater(a, job, call.step, true)) continue;
          // A scanner whose SARIF a later upload-sarif step uploads: code scanning judges the results.
          const sarif = call.step ? sarifUploadedLater(a.model.file.text, job, call.step) : undefined;
          // A report a later step reads and fails the job on (`output-file: grype-report.json`, then
          // `jq … grype-report.json` and `exit 1` on blocking findings): the scan's verdict moved there.
          const gate = call.step ? reportGatedLater(a.model.file.text, job, call.step) : undefined;
          if (gate) {
            yield {
              ruleId: meta.id,
              message: `\`${name}: ${value.value}\` keeps ${action} from failing the step whatever it finds; step ${gate.step} fails the job on what its report (${gate.file}) holds ${roleNote(role)}`,
              span: value.span,
              scope: call.step?.span ?? job.idSpan,
              severity: 'low',
              confidence: 'medium',
            };
            continue;
          }
          yield {
            ruleId: meta.id,
            message: `\`${name}: ${value.value}\`${legs ? ` (${legs})` : ''} keeps ${action} from failing the ${call.step ? 'step' : `job ${job.id}`} whatever it finds ${roleNote(role)}${reporterOnly ? '; the tests fail their own step, and no step before it is allowed to fail' : ''}${sarif ? `; step ${sarif} uploads its SARIF results to code scanning, which judges them in its own check` : ''}`,
            span: value.span,
            scope: call.step?.span ?? job.idSpan,
            severity: reporterOnly || sarif ? 'low' : severityOf(role),
            confidence: hit.action ? 'high' : 'medium',
          };
        }
      }
    }
  },
};

/**
 * What a job that calls a reusable workflow is for: the script it hands over (`with: script:
 * ci/test_cuml_compat.sh`), else its name (`cuml-compat-tests`).
 */
function calledJobRole(a: WorkflowAnalysis, job: Job): RoleEvidence {
  const site = a.scripts.find((s) => s.job === job && s.input && !s.step);
  if (site && site.role.role !== 'other') return site.role;
  return classifyJob(job);
}

/** A later step of the job reads this step's outputs (what the action found). */
/** Inputs that name the report file an action writes. */
const REPORT_INPUT = /^(output|output[-_]file|report|report[-_]file|json[-_]file|output[-_]path)$/i;

/**
 * A later step, running whenever this one does, whose script reads the report this step writes and
 * can fail the job (`exit 1`, `exit "$n"`, `false`): where the scan's findings are judged.
 */
function reportGatedLater(fileText: string, job: Job, step: Step): { step: string; file: string } | undefined {
  const file = [...step.with].find(([k, v]) => REPORT_INPUT.test(k) && !v.value.includes('${{'))?.[1].value.trim();
  const base = file?.split(/[/\\]/).pop();
  if (!base) return undefined;
  // Steps that run whenever the scan does: the same `if:`, or one over the action's own inputs only
  // (`if: inputs.fail-on-severity != 'none'`: the caller chooses the gate).
  const when = step.if?.value.trim() ?? '';
  const always = (s: Step) => {
    const c = s.if?.value.trim() ?? '';
    return c === when || (c !== '' && !/\b(github|matrix|steps|needs|env|runner|vars|job)\./.test(c.replace(/\binputs\.[\w-]+/g, '')));
  };
  const later = job.steps.filter((s) => s.index > step.index && s.run && always(s) && !mayContinueOnError(s.continueOnError));
  const reader = later.find((s) => s.run!.value.includes(base));
  if (!reader) return undefined;
  // The gate reads the report, or what the reader made of it (`${{ steps.security-check.outputs.critical }}`).
  const id = reader.id?.value;
  const gate = later.find(
    (s) =>
      s.index >= reader.index &&
      (s === reader || s.run!.value.includes(base) || (id !== undefined && fileText.slice(s.span.start, s.span.end).includes(`steps.${id}.outputs`))) &&
      /\bexit\s+("?\$\w+"?|[1-9])|(^|[\s;&|])false(\s|$)/m.test(s.run!.value),
  );
  return gate ? { step: `"${gate.name?.value ?? gate.index + 1}"`, file: base } : undefined;
}

function readLater(a: WorkflowAnalysis, job: Job, step: Step | undefined, inCondition = false): boolean {
  const id = step?.id?.value;
  if (!step || !id) return false;
  // Not `outcome`/`conclusion`: with failure switched off they read `success` whatever was found.
  const ref = new RegExp(`\\bsteps\\.${escapeRegExp(id)}\\.outputs\\b`);
  const text = a.model.file.text;
  return job.steps.some((s) => s.index > step.index && ref.test(inCondition ? (s.if?.value ?? '') : text.slice(s.span.start, s.span.end)));
}

/**
 * `ignore-errors: ${{ matrix.config.ignore-errors || false }}`: the value on each leg of the job's
 * matrix (a key a leg does not set is null). Says on how many legs it turns failure off, if any.
 */
function offOnLegs(a: WorkflowAnalysis, job: Job, text: string, off: readonly string[]): string | undefined {
  const expr = /^\$\{\{\s*([\s\S]*?)\s*\}\}$/.exec(text.trim());
  if (!expr || !/\bmatrix\./.test(expr[1]!) || !a.model.doc) return undefined;
  const rows = matrixRows(a.model.doc, job);
  if (!rows?.length) return undefined;
  const on = rows.filter((row) => {
    const r = evaluate(expr[1]!, row);
    return r !== undefined && off.includes(r.coerceString().toLowerCase());
  }).length;
  return on ? `on ${on} of ${rows.length} matrix legs` : undefined;
}
