import { spanOf } from '../sources/yaml-source.js';
import type { Job, Step } from '../sources/workflow.js';
import { escapeRegExp } from '../core/regexp.js';

/**
 * A step allowed to fail whose only use is an output that later steps read with a default
 * (`no-cache: ${{ steps.apt.outputs.no_cache || github.event_name == 'workflow_dispatch' }}`):
 * GitHub reads a failed step's missing output as `''`, so the default applies and the step that
 * reads it runs as it would have. Such a step works out a value (moveit2's "Check for apt updates"
 * decides whether to build without Docker's cache); what matters is the step that uses it.
 *
 * Returns the first reader and the expression, or undefined when the step is referred to in any
 * other way: its outcome or conclusion, an output without a default, or a job output (read by
 * other jobs, which this does not follow).
 */
export function defaultedOutputReader(fileText: string, job: Job, step: Step): { reader: Step; expression: string } | undefined {
  const id = step.id?.value;
  if (!id) return undefined;
  const outputs = job.map.get('outputs', true);
  const any = new RegExp(`\\bsteps\\.${escapeRegExp(id)}\\b`, 'g');
  if (outputs && fileText.slice(spanOf(outputs).start, spanOf(outputs).end).search(any) >= 0) return undefined;
  // `steps.apt.outputs.no_cache ||`: the reference is the left operand of `||` (a bracketed
  // `steps['apt']` form is not read here, and so counts as another use).
  const defaulted = new RegExp(`^steps\\.${escapeRegExp(id)}\\.outputs\\.[\\w-]+\\s*\\|\\|`);
  let first: { reader: Step; expression: string } | undefined;
  for (const s of job.steps) {
    if (s.index <= step.index) continue;
    const text = fileText.slice(s.span.start, s.span.end);
    for (const m of text.matchAll(any)) {
      const rest = text.slice(m.index);
      if (!defaulted.test(rest)) return undefined;
      first ??= { reader: s, expression: rest.slice(0, rest.search(/\}\}|\n/)).trim() };
    }
  }
  return first;
}
