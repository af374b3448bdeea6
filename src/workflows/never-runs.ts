import type { Job, Step, WorkflowModel } from '../sources/workflow.js';
import { conjuncts, expressionBody } from './matrix.js';
import { rowsWhereStepRuns } from './runner-os.js';

/**
 * Why a job or step can never run, from its `if:` and the workflow's triggers: a condition that
 * requires an event the workflow is not triggered by (`github.event_name == 'pull_request'` in a
 * workflow run only on schedule), or a cron it does not have (`github.event.schedule == '0 0 * * *'`
 * with only `0 0 * * 3`). Nothing such a step does can hide a failure. A reusable workflow
 * (`workflow_call`) sees its caller's event, so nothing is concluded there. A step whose `if:` is false
 * on every leg of the job's matrix never runs either.
 */
export function neverRuns(model: WorkflowModel, job: Job, step?: Step): string | undefined {
  const t = model.triggers;
  const events = model.kind === 'workflow' && t && !t.events.includes('workflow_call');
  for (const cond of [model.kind === 'workflow' ? job.if?.value : undefined, step?.if?.value]) {
    if (!cond) continue;
    const expr = expressionBody(cond);
    for (const c of conjuncts(expr)) {
      const part = c.replace(/^\(\s*([\s\S]*?)\s*\)$/, '$1');
      // `if: ${{ false }}`: switched off by hand.
      if (/^(false|0|'')$/.test(part)) return 'its `if:` is always false';
      // `… && !always()`: the idiom for a step switched off while kept in the file.
      if (/^!\s*always\(\s*\)$/.test(part)) return 'its `if:` is always false (`!always()`)';
      if (!events || !t) continue;
      const event = /^github\.event_name\s*==\s*'([\w-]+)'$|^'([\w-]+)'\s*==\s*github\.event_name$/.exec(part);
      const name = event?.[1] ?? event?.[2];
      if (name && !t.events.includes(name)) return `it runs only on ${name}, which does not trigger the workflow (on: ${t.events.join(', ')})`;
      const cron = /^github\.event\.schedule\s*==\s*'([^']+)'$/.exec(part)?.[1];
      if (cron && !t.crons.includes(cron)) return `it runs only on the schedule '${cron}', which the workflow does not have`;
    }
  }
  // `if: startsWith(matrix.cfg.label, 'QCSk-next')` with every such entry commented out of the matrix.
  // (Not with `env.` operands: an earlier step may rewrite them through $GITHUB_ENV.)
  if (step?.if && /\bmatrix\./.test(step.if.value) && !/\benv\./.test(step.if.value) && rowsWhereStepRuns(model.doc, job, step)?.length === 0)
    return 'its `if:` is false on every leg of the matrix';
  return undefined;
}
