import type { Job, Step } from '../../sources/workflow.js';
import { spanOf } from '../../sources/yaml-source.js';
import { escapeRegExp } from '../../core/regexp.js';

/**
 * Where a step output decides whether work runs: a later step's or a job's `if:` that an empty value
 * makes false (`needs.prepare.outputs.new_version != ''`, `steps.diff.outputs.changed == 'true'`,
 * a bare `needs.x.outputs.run`). A value computed by a command whose failure is hidden then skips
 * that work, and the run stays green. (`fromJSON('')` fails instead, so it is not a gate here.)
 */
export interface OutputGate {
  /** `job release` or `step "Publish"`. */
  what: string;
  cond: string;
}

/** Whether a condition skips its work when `ref` is empty. */
function gates(cond: string, ref: string): boolean {
  const r = escapeRegExp(ref);
  if (new RegExp(`fromJSON\\(\\s*${r}`, 'i').test(cond)) return false;
  return (
    new RegExp(`${r}\\s*!=\\s*(''|"")`).test(cond) ||
    new RegExp(`${r}\\s*==\\s*'true'`).test(cond) ||
    new RegExp(`(^|[\\s(!&|{])${r}\\s*($|[\\s)&|}])`).test(cond.replace(/^\s*!/, ''))
  );
}

/** The output name an `echo "name=$V" >> "$GITHUB_OUTPUT"` statement publishes `V` as. */
export function publishedName(statement: string, variable: string): string | undefined {
  if (!/GITHUB_OUTPUT/.test(statement)) return undefined;
  const m = new RegExp(`([A-Za-z_][\\w-]*)=["']?\\$\\{?${escapeRegExp(variable)}\\b`).exec(statement);
  return m?.[1];
}

export function outputGate(fileText: string, jobs: readonly Job[], job: Job, step: Step, output: string): OutputGate | undefined {
  const id = step.id?.value;
  if (!id) return undefined;
  const stepRef = `steps.${id}.outputs.${output}`;
  for (const s of job.steps)
    if (s.index > step.index && s.if && gates(s.if.value, stepRef)) return { what: `step "${s.name?.value ?? s.index + 1}"`, cond: s.if.value.trim() };
  // `outputs: { new_version: ${{ steps.compute.outputs.new_version }} }`, read by jobs that need this one.
  const span = spanOf(job.map);
  const keys = [
    ...fileText.slice(span.start, span.end).matchAll(new RegExp(`^\\s*([\\w-]+):\\s*["']?\\$\\{\\{\\s*${escapeRegExp(stepRef)}\\s*\\}\\}`, 'gm')),
  ].map((m) => m[1]!);
  for (const key of keys) {
    const ref = `needs.${job.id}.outputs.${key}`;
    for (const other of jobs)
      if (other.needs.includes(job.id) && other.if && gates(other.if.value, ref)) return { what: `job ${other.id}`, cond: other.if.value.trim() };
  }
  return undefined;
}
