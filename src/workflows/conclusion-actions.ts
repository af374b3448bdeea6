import { escapeRegExp } from '../core/regexp.js';
import { mayContinueOnError, type Job } from '../sources/workflow.js';

/**
 * Actions that read the conclusions of the run's jobs through the API and hand back one verdict,
 * with where it lands: `technote-space/workflow-conclusion-action` sets `env.WORKFLOW_CONCLUSION`
 * (and the output `conclusion`); `martialonline/workflow-status` sets the output `status`.
 */
const CONCLUSION_ACTIONS: readonly { action: RegExp; env?: string; output: string }[] = [
  { action: /^technote-space\/workflow-conclusion-action@/i, env: 'WORKFLOW_CONCLUSION', output: 'conclusion' },
  { action: /^martialonline\/workflow-status@/i, output: 'status' },
];

/**
 * Whether a job reads the run's results through such an action and fails on them: a later step gated
 * on its verdict that fails (`if: env.WORKFLOW_CONCLUSION == 'failure'` with `run: exit 1`), which is
 * `contains(needs.*.result, 'failure')` by other means.
 */
export function failsOnRunConclusion(job: Job): boolean {
  return job.steps.some((s, i) => {
    const known = CONCLUSION_ACTIONS.find((c) => c.action.test(s.uses?.value.trim() ?? ''));
    if (!known) return false;
    const reads = [
      ...(known.env ? [new RegExp(`\\benv\\.${known.env}\\b`)] : []),
      ...(s.id ? [new RegExp(`\\bsteps\\.${escapeRegExp(s.id.value)}\\.outputs\\.${known.output}\\b`)] : []),
    ];
    // A statement of its own that fails (not the word `false` in a JSON payload), in a step not allowed to fail.
    return job.steps
      .slice(i + 1)
      .some(
        (later) =>
          later.if &&
          reads.some((r) => r.test(later.if!.value)) &&
          !mayContinueOnError(later.continueOnError) &&
          /(^|[;&|]\s*|\bthen\s+)(exit\s+[1-9]\d*|false)\s*(;|$)/m.test(later.run?.value.replace(/'[^'\n]*'|"[^"\n]*"/g, "''") ?? ''),
      );
  });
}
