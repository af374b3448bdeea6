import { isMap, isScalar, type Node } from 'yaml';
import type { Job, Step } from '../../sources/workflow.js';
import { spanOf } from '../../sources/yaml-source.js';
import { escapeRegExp } from '../../core/regexp.js';
import type { Role } from '../roles/role.js';
import { classifyJob, classifyStep } from '../step-role.js';
import { emptyEffect, type EmptyEffect } from './empty-decides.js';

/** Work whose skipping loses nothing that matters: a notification, a report, a cleanup (removing a label). */
const MINOR: ReadonlySet<Role> = new Set(['notify', 'report', 'cleanup', 'probe']);

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

/**
 * What an empty `ref` does to a condition: GitHub's expression semantics first, and where the
 * condition is beyond that (`hashFiles`, too many unknowns), the usual spellings of a gate.
 */
function effect(cond: string, ref: string): EmptyEffect {
  const known = emptyEffect(cond, ref);
  if (known) return known;
  const r = escapeRegExp(ref);
  if (new RegExp(`fromJSON\\(\\s*${r}`, 'i').test(cond)) return 'neither';
  return new RegExp(`${r}\\s*!=\\s*(''|"")`).test(cond) ||
    new RegExp(`${r}\\s*==\\s*'true'`).test(cond) ||
    new RegExp(`(^|[\\s(&|{])${r}\\s*($|[\\s)&|}])`).test(cond)
    ? 'skips'
    : 'neither';
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
  // Every later condition that reads the output, in this job and in the jobs that need it.
  const reads: ConditionRead[] = [];
  for (const s of job.steps)
    if (s.index > step.index && s.if)
      reads.push({
        what: s.name ? `step "${s.name.value}"` : `step ${s.index + 1}`,
        cond: s.if.value,
        ref: stepRef,
        minor: () => MINOR.has(classifyStep(s, []).role),
      });
  // `outputs: { new_version: ${{ steps.compute.outputs.new_version }} }`, read by jobs that need this one.
  for (const key of jobOutputKeys(fileText, job, stepRef))
    for (const other of jobs)
      if (other.needs.includes(job.id) && other.if)
        reads.push({ what: `job ${other.id}`, cond: other.if.value, ref: `needs.${job.id}.outputs.${key}`, minor: () => minorJob(other) });
  return firstGate(reads);
}

/**
 * A job whose skipping loses nothing that matters: its role says so, or its steps only fetch what they
 * post and post it (tinyusb's "metrics-comment": download the size report, post it as a PR comment).
 */
function minorJob(job: Job): boolean {
  if (MINOR.has(classifyJob(job).role)) return true;
  const roles = job.steps.map((s) => classifyStep(s, []).role);
  return roles.some((r) => MINOR.has(r)) && roles.every((r) => MINOR.has(r) || r === 'setup' || r === 'cache');
}

interface ConditionRead {
  what: string;
  cond: string;
  ref: string;
  minor: () => boolean;
}

function firstGate(reads: readonly ConditionRead[]): OutputGate | undefined {
  let gate: OutputGate | undefined;
  for (const r of reads) {
    const e = effect(r.cond, r.ref);
    // An empty value that some condition runs on (`!x`, `x != 'true'`) is a branch the workflow
    // chose: a failed command takes it, as an empty result would, and nothing is quietly skipped.
    if (e === 'runs' || e === 'both') return undefined;
    // Skipping a label bot or a notification loses nothing that matters.
    if (e === 'skips' && !r.minor()) gate ??= { what: r.what, cond: r.cond.trim() };
  }
  return gate;
}

/** The names a step's own `env:` sets. */
function ownEnv(step: Step): Set<string> {
  const env = step.map.get('env', true);
  return new Set(isMap(env) ? env.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key)) : []);
}

/**
 * Where a value written to `$GITHUB_ENV` decides whether a later step of the job runs
 * (`echo "PROJECT_VERSION=$(mvn … | grep -v '\[')" >> $GITHUB_ENV`, then `if: ${{
 * endsWith(env.PROJECT_VERSION, '-SNAPSHOT') }}` on the deploy): an empty value skips it.
 */
export function envConditionGate(job: Job, step: Step, name: string): OutputGate | undefined {
  const ref = `env.${name}`;
  // Up to the next step that writes the variable again (its value is the one read after it), and not a
  // step whose own `env:` sets it (a step's env is merged before its `if:` is evaluated).
  const rewrite = new RegExp(`\\b${escapeRegExp(name)}=[\\s\\S]*GITHUB_ENV|GITHUB_ENV[\\s\\S]*\\b${escapeRegExp(name)}=`);
  const until = job.steps.find((s) => s.index > step.index && s.run && rewrite.test(s.run.value))?.index ?? Number.POSITIVE_INFINITY;
  const reads: ConditionRead[] = job.steps
    .filter((s) => s.index > step.index && s.index <= until && s.if && new RegExp(`\\b${escapeRegExp(ref)}\\b`).test(s.if.value) && !ownEnv(s).has(name))
    .map((s) => ({
      what: s.name ? `step "${s.name.value}"` : `step ${s.index + 1}`,
      cond: s.if!.value,
      ref,
      minor: () => MINOR.has(classifyStep(s, []).role),
    }));
  return firstGate(reads);
}

/** The job's `outputs:` keys whose value is exactly `${{ ref }}` (`test-result: ${{ steps.run-tests.outcome }}`). */
export function jobOutputKeys(fileText: string, job: Job, ref: string): string[] {
  const span = spanOf(job.map);
  const re = new RegExp(`^\\s*([\\w-]+):\\s*["']?\\$\\{\\{\\s*${escapeRegExp(ref)}\\s*\\}\\}`, 'gm');
  return [...fileText.slice(span.start, span.end).matchAll(re)].map((m) => m[1]!);
}

/**
 * A later job whose `strategy.matrix` is built from the published output (`include: ${{
 * fromJson(needs.plan.outputs.include) }}`): the value lists that job's legs. An empty value fails
 * the job (`fromJSON('')`, an empty matrix), so only a value put together from several commands can
 * lose part of itself quietly: one producer's hidden failure drops its legs and the run stays green.
 */
export function matrixReader(fileText: string, jobs: readonly Job[], job: Job, step: Step, output: string): string | undefined {
  const id = step.id?.value;
  if (!id) return undefined;
  for (const key of jobOutputKeys(fileText, job, `steps.${id}.outputs.${output}`)) {
    const ref = new RegExp(`needs\\.${escapeRegExp(job.id)}\\.outputs\\.${escapeRegExp(key)}\\b`);
    for (const other of jobs) {
      if (!other.needs.includes(job.id)) continue;
      const strategy = other.map.get('strategy', true) as Node | undefined;
      if (!strategy) continue;
      const s = spanOf(strategy);
      if (ref.test(fileText.slice(s.start, s.end))) return other.id;
    }
  }
  return undefined;
}
