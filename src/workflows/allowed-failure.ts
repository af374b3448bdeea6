import { spanOf } from '../sources/yaml-source.js';
import type { Job, Step, WorkflowModel } from '../sources/workflow.js';

const FAILURE_ONLY = /^\s*(\$\{\{\s*)?failure\(\)\s*(\}\})?\s*$/;

/**
 * What makes a step's or a job's allowed failure visible after all: a later step reading the step's
 * outcome (retry, fallback, report), a job reading the job's result, or a job that needs it and uses
 * what it produces (its outputs or artifacts), where the failure surfaces instead.
 */
export function allowedFailureHandled(model: WorkflowModel, job: Job, step?: Step): { handled?: string; surfaces?: string } {
  const text = model.file.text;
  if (step) {
    const id = step.id?.value;
    if (step.if && FAILURE_ONLY.test(step.if.value)) return { handled: 'the step runs only after a failure' };
    if (id) {
      const re = new RegExp(`steps\\.${id.replace(/-/g, '\\-')}\\.(outcome|conclusion)`);
      const reader = job.steps.find((s) => s.index > step.index && re.test(text.slice(s.span.start, s.span.end)));
      if (reader) return { handled: `step ${reader.name ? `"${reader.name.value}"` : reader.index + 1} reads steps.${id}.outcome` };
    }
    return {};
  }
  for (const other of model.jobs) {
    if (!other.needs.includes(job.id)) continue;
    const body = text.slice(spanOf(other.map).start, spanOf(other.map).end);
    if (
      new RegExp(`needs\\.${job.id.replace(/-/g, '\\-')}\\.result|needs\\.\\*\\.result|contains\\(\\s*needs\\.\\*\\.result|toJSON\\(\\s*needs\\s*\\)`).test(
        body,
      )
    )
      return { handled: `job ${other.id} reads its result` };
    if (new RegExp(`needs\\.${job.id.replace(/-/g, '\\-')}\\.outputs`).test(body)) return { surfaces: `job ${other.id} uses its outputs` };
    if (other.steps.some((s) => /download-artifact/.test(s.uses?.value ?? ''))) return { surfaces: `job ${other.id} downloads artifacts after it` };
  }
  return {};
}
