import type { Span } from '../core/finding.js';
import { pairOf, spanOf } from '../sources/yaml-source.js';
import type { ScriptSite, WorkflowAnalysis } from './analysis.js';

/** File span of a range of a script, through the scalar's offset map. */
export function scriptSpan(site: ScriptSite, start: number, end: number): Span {
  const map = site.value.map;
  const s = map.toFile(start);
  const e = map.toFile(end);
  return { start: s, end: Math.max(s, e) };
}

/** `step "Run tests"` / `the script input of job build`, for messages. */
export function scriptLabel(site: ScriptSite): string {
  if (site.input && site.action && site.step)
    return `the \`${site.input}\` input of ${site.step.name ? `step "${site.step.name.value}"` : `step ${site.step.index + 1}`}`;
  if (site.input) return `the \`${site.input}\` input passed by job ${site.job.id}`;
  if (site.step?.name) return `step "${site.step.name.value}"`;
  return `step ${(site.step?.index ?? 0) + 1} of job ${site.job.id}`;
}

/** Where a shell-level finding stands: the `shell:` value, an action's `shell` input, or the `run:` key of a step on the Windows default. */
export function shellAnchor(a: WorkflowAnalysis, site: ScriptSite): { span: Span; key: string } {
  if (site.shell.node) return { span: site.shell.node.span, key: `shell@${site.shell.node.span.start}` };
  const step = site.step;
  if (step && site.action) {
    const shellInput = step.with.get('shell');
    const span = shellInput?.span ?? step.uses!.span;
    return { span, key: `action@${span.start}` };
  }
  const run = step ? pairOf(a.model.doc, step.map, 'run') : undefined;
  const span = run ? spanOf(run.key as never) : site.value.span;
  return { span, key: `run@${span.start}` };
}
