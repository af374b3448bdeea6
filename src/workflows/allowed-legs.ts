import { truthy } from '@actions/expressions/result';
import type { Document } from 'yaml';
import { continueOnErrorValue, type Job, type Step } from '../sources/workflow.js';
import { evaluate } from './matrix.js';
import { rowsWhereStepRuns } from './runner-os.js';

/**
 * Whether the job is allowed to fail (`continue-on-error`) on every matrix leg where the step runs:
 * scalene's "Quick memory profiling smoke test" runs only `if: endsWith(matrix.python, 't')`, in a job
 * with `continue-on-error: ${{ endsWith(matrix.python, 't') }}`. Nothing the step hides can fail the
 * run there; the continue-on-error rule reports the job. Unknown when a value is known only at run time.
 */
export function jobAllowedWhereStepRuns(doc: Document, job: Job, step: Step): boolean {
  const coe = continueOnErrorValue(job.continueOnError);
  if (coe === undefined || coe === 'false') return false;
  if (coe === 'true') return true;
  const runs = rowsWhereStepRuns(doc, job, step);
  if (!runs) return false;
  return (
    runs.length > 0 &&
    runs.every((row) => {
      const v = evaluate(coe, row);
      return v !== undefined && truthy(v);
    })
  );
}
