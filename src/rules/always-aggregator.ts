import type { RuleMeta } from '../core/rule.js';
import { spanOf } from '../sources/yaml-source.js';
import { mayContinueOnError, type Job } from '../sources/workflow.js';
import { classifyJob } from '../workflows/step-role.js';
import { failsOnRunConclusion } from '../workflows/conclusion-actions.js';
import { conjuncts, expressionBody } from '../workflows/matrix.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'always-aggregator',
  summary: 'a job that runs `if: always()` after others succeeds without checking their results',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: "Repositories often make one \"all checks passed\" job the required status check. With `if: always()` it runs even when the jobs it `needs:` failed, and unless it looks at `needs.*.result` it succeeds, so branch protection sees green while tests failed. Low, not a claim: a job that downloads the jobs' artifacts (it examines their results its own way), or runs a local action (`uses: ./.github/actions/x`) whose steps are in another file, and one after jobs that only upload, report or clean up. Not a finding: `if: ${{ !cancelled() && !failure() }}` (skipped when a needed job failed) or `if: failure()`, since `failure()` and `success()` in a job's condition read the results of the jobs it needs. Not a finding either: a job named like a gate (\"Coverage processing\", `coverage-summary`) whose steps only upload, report or notify (a Codecov `send-notifications`). A gate that fails only on `failure` or `cancelled` results (`contains(needs.*.result, 'failure')`) when a job it needs has a need of its own that the gate does not list: when that upstream job fails, the needed job is skipped and the gate passes. Low where the upstream job is not allowed to fail (the run is red on its failure; the gate's green check matters only where branch protection requires it alone); medium where it is (`continue-on-error`), as the run is green too. Not when the gate also rejects `skipped`, demands `success`, or hands `toJSON(needs)` to a checker. Not a finding: a job that runs only after a failure (`if: always() && (needs.publish.result == 'failure' || …)`, to file an issue or notify): the run is already red, and it gates nothing. Reads the results: a job that runs an action reading the run's job conclusions through the API (`technote-space/workflow-conclusion-action`, which sets `env.WORKFLOW_CONCLUSION`; `martialonline/workflow-status`) and then fails in a step gated on its verdict (`if: env.WORKFLOW_CONCLUSION == 'failure'` with `run: exit 1`); a step there that only prints checks nothing.",
    fix: "Fail the job when any dependency failed: `if: always()` plus a step `run: exit 1` with `if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')`, or drop `always()` so the job is skipped (and the check fails) when a dependency fails.",
    bad: 'all-green:\n  needs: [test, lint]\n  if: always()\n  runs-on: ubuntu-latest\n  steps:\n    - run: echo all done',
    good: "all-green:\n  needs: [test, lint]\n  if: always()\n  runs-on: ubuntu-latest\n  steps:\n    - if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')\n      run: exit 1",
  },
};

/** Jobs that run after others to upload, report or clean up: not gates, whatever they read. */
const NOT_GATES: ReadonlySet<string> = new Set(['upload', 'cache', 'stats', 'report', 'notify', 'cleanup']);

const ALWAYS = /\balways\(\)|!\s*cancelled\(\)|success\(\)\s*\|\|\s*failure\(\)|failure\(\)\s*\|\|\s*success\(\)/;
const GATE_NAME = /(^|[-_ ])(all|gate|status|required|final|ci[-_ ]?(success|pass|ok)|merge|done|complete|green|summary|result|results|check|checks)([-_ ]|$)/i;

function readsResults(job: Job, text: string): boolean {
  const span = spanOf(job.map);
  const body = text.slice(span.start, span.end);
  return (
    // Expression functions are case-insensitive: `toJson(needs)` is `toJSON(needs)`.
    /needs(\.[\w-]+|\.\*|\[[^\]]+\])\.result|toJSON\(\s*needs\s*\)|needs\.\*\.result|needs\.[\w-]+\.outputs/i.test(body) ||
    /\bneeds\b/.test(job.if?.value.replace(ALWAYS, '') ?? '') ||
    // In a job's `if:`, `failure()` and `success()` are about the jobs it needs: `!cancelled() &&
    // !failure()` skips the job when one failed, and `failure()` runs it only then.
    /\b(failure|success)\(\)/i.test(job.if?.value.replace(ALWAYS, '') ?? '') ||
    failsOnRunConclusion(job)
  );
}

/**
 * A gate that reads the results but fails only on `failure` or `cancelled` (`contains(needs.*.result,
 * 'failure')`) passes a `skipped` one: a job it needs whose own needs include a job the gate does not
 * need is skipped when that one fails. (The run shows the failure; the gate's check does not.) Not when
 * the gate also looks at `skipped` or demands `success`, or hands `needs` to a checker (alls-green).
 */
function skippedByUpstream(job: Job, jobs: readonly Job[], text: string): { needed: string; upstream: string } | undefined {
  const span = spanOf(job.map);
  // Comments say why, not what runs ("skipped jobs count as success").
  const body = text.slice(span.start, span.end).replace(/(^|\s)#[^\n]*/g, '$1');
  // (An action that reads the run's conclusion sees the upstream job's failure itself.)
  if (failsOnRunConclusion(job) || !/'(failure|cancelled)'/.test(body) || /skipped|'success'|toJSON\(\s*needs|\bsuccess\(\)/i.test(body)) return undefined;
  const all = new Set(job.needs);
  for (const id of job.needs) {
    const needed = jobs.find((j) => j.id === id);
    const upstream = needed?.needs.find((u) => !all.has(u) && u !== job.id && jobs.some((j) => j.id === u));
    if (needed && upstream) return { needed: id, upstream };
  }
  return undefined;
}

/** A job of its own that does nothing but print: a pure gate. A reusable-workflow call is not trivial. */
function trivial(job: Job): boolean {
  return !job.uses && job.steps.every((s) => !s.uses && (!s.run || /^\s*(echo\b[^\n]*|true|:)?\s*$/.test(s.run.value)));
}

/** Nothing needs the job and none of its steps fails on purpose (`exit 1`): it reports the failure, it is no gate. */
function notifierOnly(job: Job, jobs: readonly Job[]): boolean {
  return !jobs.some((j) => j.needs.includes(job.id)) && !job.steps.some((s) => /\bexit\s+[1-9$]|core\.setFailed|(^|\s)false(\s|$)/.test(s.run?.value ?? ''));
}

/** A condition with an `&&` operand that holds only when a needed job failed. */
function runsOnlyOnFailure(cond: string): boolean {
  const failed = /^(needs(\.[\w-]+|\['[\w-]+'\])\.result\s*==\s*'failure'|contains\(\s*needs\.\*\.result\s*,\s*'failure'\s*\))$/;
  return conjuncts(expressionBody(cond)).some((c) =>
    c
      .replace(/^\(\s*([\s\S]*)\s*\)$/, '$1')
      .split('||')
      .every((part) => failed.test(part.trim())),
  );
}

export const alwaysAggregator: WorkflowRule = {
  meta,
  *check(a) {
    for (const job of a.model.jobs) {
      if (!job.if || job.needs.length === 0 || !ALWAYS.test(job.if.value)) continue;
      if (readsResults(job, a.model.file.text)) {
        // `always() && (needs.publish.result == 'failure' || …)`: it runs only after a failure (to file
        // an issue, to notify); the run is already red, and it gates nothing.
        if (runsOnlyOnFailure(job.if.value) && notifierOnly(job, a.model.jobs)) continue;
        const gap = skippedByUpstream(job, a.model.jobs, a.model.file.text);
        // An upstream job not allowed to fail fails the run itself (holoviz's pre_commit): only the
        // gate's own check is green, which matters where branch protection requires it alone (low).
        const upstream = gap ? a.model.jobs.find((j) => j.id === gap.upstream) : undefined;
        const runFails = upstream !== undefined && !mayContinueOnError(upstream.continueOnError);
        if (gap)
          yield {
            ruleId: meta.id,
            message: `job ${job.id} fails only on a failed or cancelled result of the jobs it needs, but ${gap.needed} needs ${gap.upstream}, which ${job.id} does not need: when ${gap.upstream} fails, ${gap.needed} is skipped and ${job.id} passes${runFails ? ` (the run fails on ${gap.upstream} itself; ${job.id}'s check is green, which matters where branch protection requires it alone)` : ''}`,
            span: job.if.span,
            scope: job.idSpan,
            severity: runFails ? 'low' : 'medium',
            confidence: 'medium',
          };
        continue;
      }
      const role = classifyJob(job);
      if (NOT_GATES.has(role.role)) continue;
      // Named like a gate ("Coverage processing", `coverage-summary`) but every step only uploads,
      // reports or notifies (a Codecov `send-notifications`): post-processing, not a gate.
      if (job.steps.length > 0 && job.steps.every((s) => NOT_GATES.has(a.roleOf(s, job).role))) continue;
      // A job that downloads what the jobs before it produced examines their results its own way.
      // So may a local action it runs (`uses: ./.github/actions/workflow-results`): its steps are in
      // another file, and a claim needs them seen.
      const examines = job.steps.some((s) => /download-artifact/.test(s.uses?.value ?? ''));
      const local = job.steps.find((s) => s.uses?.value.startsWith('./'))?.uses?.value;
      const gate = !examines && !local && (GATE_NAME.test(job.id) || GATE_NAME.test(job.name?.value ?? '') || trivial(job));
      // What it hides is the failures of the jobs it needs: when they only upload, report or clean
      // up (a log upload before a status update), a lost failure is theirs, not a test's.
      const needed = job.needs.map((id) => a.model.jobs.find((j) => j.id === id)).filter((j): j is Job => j !== undefined);
      const roles = needed.map((j) => classifyJob(j).role);
      const quiet = needed.length === job.needs.length && roles.every((r) => NOT_GATES.has(r));
      const what = quiet
        ? `; the jobs it needs only ${[...new Set(roles)].join(' and ')}, so what it hides is theirs`
        : local && !examines
          ? `; it runs the local action ${local}, which may examine their results its own way (not read here)`
          : gate
            ? ' (it looks like a gate or required check)'
            : '';
      yield {
        ruleId: meta.id,
        message: `job ${job.id} runs with \`if: ${job.if.value.trim()}\` after ${job.needs.join(', ')} but never reads needs.*.result, so it succeeds when they fail${what}`,
        span: job.if.span,
        scope: job.idSpan,
        severity: gate && !quiet ? 'high' : 'low',
        confidence: gate && !quiet ? 'high' : 'medium',
      };
    }
  },
};
