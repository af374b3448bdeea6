import { memoIn } from '../core/memo.js';
import { falsy } from '@actions/expressions/result';
import type { Document } from 'yaml';
import { envText, type Job, type Step } from '../sources/workflow.js';
import { conjuncts, evaluate, expressionBody, type MatrixRow, matrixRows, runsOnFor } from './matrix.js';

export type Os = 'windows' | 'macos' | 'linux';

/** Which operating systems a step runs on, from `runs-on` (matrix values resolved) and the step's `if:`. */
export interface RunnerLegs {
  windows: boolean;
  posix: boolean;
  /** For messages: `windows-latest`, `matrix.os (windows-latest, ubuntu-24.04)`. */
  because: string;
}

export function osOfLabel(label: string): Os | undefined {
  const l = label.toLowerCase();
  if (/windows|\bwin(dows)?[-_]?\d|^win-|[-_.]win\b|\bwin\b/.test(l)) return 'windows';
  if (/macos|\bosx\b|\bmac[-_]|\bmac\b|darwin/.test(l)) return 'macos';
  if (/ubuntu|linux|debian|centos|fedora|rocky|alpine|rhel|amazon/.test(l)) return 'linux';
  return undefined;
}

/** The values a `matrix.a.b` reference can take, from the job's written-out matrix. */
function matrixCandidates(job: Job, path: string): string[] | undefined {
  const [key, ...rest] = path.split('.');
  const values = job.matrixValues.get(key!);
  if (!values) return undefined;
  if (rest.length === 0) return values;
  // Nested objects are flattened as `k:v,k:v`; pick the named member.
  const field = rest[rest.length - 1]!;
  const out = values.flatMap((v) =>
    v
      .split(',')
      .filter((kv) => kv.startsWith(`${field}:`))
      .map((kv) => kv.slice(field.length + 1)),
  );
  return out.length ? out : undefined;
}

/** Candidate runner labels of `runs-on`: literals, quoted strings in an expression, matrix values it names. */
function candidates(job: Job): { values: string[]; via?: string } | undefined {
  const text = job.runsOn;
  if (!text) return undefined;
  if (!text.includes('${{')) return { values: [text] };
  // Arguments of functions are what is tested, not what runs-on becomes: `contains(matrix.x, 'arm64') && 'windows-11-arm' || 'windows-2022'`.
  let expr = text;
  for (let i = 0; i < 5 && /\w+\([^()]*\)/.test(expr); i++) expr = expr.replace(/\w+\([^()]*\)/g, 'true');
  const values: string[] = [];
  let via: string | undefined;
  for (const m of expr.matchAll(/'([^']*)'/g)) values.push(m[1]!);
  for (const m of expr.matchAll(/\bmatrix\.([\w.-]+)/g)) {
    const vs = matrixCandidates(job, m[1]!);
    if (!vs) return undefined; // a matrix computed at run time: unknown
    via = `matrix.${m[1]}`;
    values.push(...vs);
  }
  if (/\b(inputs|needs|vars|env|fromJSON)\b/i.test(expr) && values.length === 0) return undefined;
  return values.length ? { values, via } : undefined;
}

/**
 * Whether every runner the job can get is a GitHub-hosted image whose jq is 1.7 or later (Ubuntu 24.04
 * and `ubuntu-latest` since 2025, macOS and Windows images), with no container: there `jq -e` exits 4 on
 * empty input, where jq 1.6 (Ubuntu 22.04 and older, many containers) exits 0.
 */
export function jqFailsOnEmpty(job: Job): boolean {
  // A runner chosen at run time (`${{ vars.RUNNER || 'ubuntu-latest' }}`) may be any image.
  if (job.map.has('container') || /\b(inputs|vars|needs|env|fromJSON)\b/i.test(job.runsOn)) return false;
  const c = candidates(job);
  return Boolean(c && c.values.length > 0 && c.values.every((v) => /^(ubuntu-(latest|slim|2[4-9]\.\d\d)(-arm)?|macos-[\w.-]+|windows-[\w.-]+)$/.test(v)));
}

const RUNNER_OS: Record<Os, string> = { windows: 'Windows', macos: 'macOS', linux: 'Linux' };

/**
 * The legs of a step from the rows of a written-out matrix: `runs-on` and the step's `if:` are
 * evaluated on each row with GitHub's expression library (`matrix.build == 'linux-arm'` keeps only
 * that row). Undefined when the matrix is not written out or `runs-on` cannot be evaluated.
 */
/** A matrix row with the runner labels `runs-on` gives on it and their OS: the same for every step of a job. */
interface RowRunner {
  row: MatrixRow;
  labels: string[];
  os: Os | undefined;
}

/** Per job: its rows' runners, or null when the matrix is not written out or `runs-on` cannot be evaluated on a row. */
const rowRunners = new WeakMap<Job, RowRunner[] | null>();

function runnersOfRows(doc: Document, job: Job): RowRunner[] | null {
  let out = rowRunners.get(job);
  if (out !== undefined) return out;
  out = null;
  const rows = matrixRows(doc, job);
  if (rows && rows.length > 0) {
    const list: RowRunner[] = [];
    for (const row of rows) {
      const labels = runsOnFor(job.runsOn, row);
      if (!labels) break;
      list.push({ row, labels, os: labels.map(osOfLabel).find((o) => o !== undefined) });
    }
    if (list.length === rows.length) out = list;
  }
  rowRunners.set(job, out);
  return out;
}

/**
 * A condition with the job's and the workflow's `env:` written in (`env.IS_MAIN_PYTHON == 'true'`, with
 * `IS_MAIN_PYTHON: ${{ matrix.python-version == '3.10' && matrix.platform == 'ubuntu-latest' }}` on
 * the job), so that it can be evaluated per matrix row. A value that is not a whole expression or a
 * plain string is left as it is (and the condition stays unknown).
 */
function withEnv(doc: Document, job: Job, cond: string): string {
  return cond.replace(/\benv\.([A-Za-z_][\w-]*)/g, (ref, name: string) => {
    const value = envText(doc, [job.map, doc.contents], name);
    if (value === undefined) return ref;
    const expr = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(value);
    if (expr) return `(${expr[1]!.trim()})`;
    return value.includes('${{') ? ref : `'${value.replace(/'/g, "''")}'`;
  });
}

function legsFromRows(doc: Document, job: Job, step: Step | undefined): RunnerLegs | undefined {
  const kept = runnersWhereStepRuns(doc, job, step);
  return kept ? legsOfRunners(job, kept) : undefined;
}

function legsOfRunners(job: Job, runners: readonly RowRunner[]): RunnerLegs {
  const oses: (Os | undefined)[] = [];
  const windowsLabels = new Set<string>();
  for (const { labels, os } of runners) {
    oses.push(os);
    if (os === 'windows') for (const l of labels) if (osOfLabel(l) === 'windows') windowsLabels.add(l);
  }
  const windows = oses.includes('windows');
  const posix = oses.some((o) => o !== 'windows');
  const key = /\bmatrix\.([\w.-]+)/.exec(job.runsOn)?.[1];
  const list = [...windowsLabels].slice(0, 4).join(', ');
  return { windows, posix: posix || !windows, because: windows ? (key ? `matrix.${key} = ${list}` : `runs-on \`${list}\``) : `runs-on \`${job.runsOn}\`` };
}

/**
 * The legs of a step. Unknown runners count as Linux (GitHub's hosted default, and what a reusable
 * workflow's `runs-on: ${{ inputs.runner }}` usually is): a Windows claim needs Windows evidence.
 */
export function runnerLegs(job: Job | undefined, step?: Step, doc?: Document): RunnerLegs {
  // Asked again for each site and each pair of steps; a step's legs never change within a run.
  const key = step ?? job;
  if (!key) return legsOf(job, step, doc);
  const cache = doc ? legsWithDoc : legsWithoutDoc;
  let legs = cache.get(key);
  if (!legs) cache.set(key, (legs = legsOf(job, step, doc)));
  return legs;
}

const legsWithDoc = new WeakMap<Step | Job, RunnerLegs>();
const legsWithoutDoc = new WeakMap<Step | Job, RunnerLegs>();

function legsOf(job: Job | undefined, step?: Step, doc?: Document): RunnerLegs {
  const stepIf = step?.if?.value ?? '';
  // `runner.os == 'Windows'` and friends on the step decide on their own.
  // `!startsWith(inputs.os, 'windows')` says the opposite: the step runs everywhere but Windows.
  const onWindows = /(!\s*)?(\bcontains|startsWith)\(\s*[\w.]*(runner|os)[\w.]*\s*,\s*'win/i.exec(stepIf);
  // …within the legs the job has: `if: runner.os == 'Windows'` in a job that runs on ubuntu-latest only never runs.
  const jobOses = job && !job.runsOn.includes('${{') ? candidates(job)?.values.map(osOfLabel) : undefined;
  const jobHasWindows = !jobOses || jobOses.some((o) => o === 'windows' || o === undefined);
  const jobHasPosix = !jobOses || jobOses.some((o) => o !== 'windows');
  if (onWindows?.[1]) return { windows: false, posix: jobHasPosix, because: `its \`if: ${stepIf.trim()}\`` };
  if (/runner\.os\s*==\s*'windows'/i.test(stepIf) || onWindows) {
    return { windows: jobHasWindows, posix: false, because: `its \`if: ${stepIf.trim()}\`` };
  }
  if (/runner\.os\s*(==\s*'(linux|macos)'|!=\s*'windows')/i.test(stepIf))
    return { windows: false, posix: jobHasPosix, because: `its \`if: ${stepIf.trim()}\`` };
  const fromRows = job && doc ? legsFromRows(doc, job, step) : undefined;
  if (fromRows) return fromRows;
  const c = job ? candidates(job) : undefined;
  if (!c) return { windows: false, posix: true, because: job?.runsOn ? `runs-on \`${job.runsOn}\` (not known)` : 'the runner is not known' };
  let values = c.values;
  // A step condition on the same matrix key narrows the legs: `matrix.os == 'windows-latest' || …`.
  if (c.via) {
    const key = c.via.replace(/\./g, '\\.');
    const eq = [...stepIf.matchAll(new RegExp(`${key}\\s*==\\s*'([^']*)'`, 'g'))].map((m) => m[1]!);
    const ne = [...stepIf.matchAll(new RegExp(`${key}\\s*!=\\s*'([^']*)'`, 'g'))].map((m) => m[1]!);
    const starts = [...stepIf.matchAll(new RegExp(`startsWith\\(\\s*${key}\\s*,\\s*'([^']*)'`, 'g'))].map((m) => m[1]!);
    if (eq.length || starts.length) values = values.filter((v) => eq.includes(v) || starts.some((s) => v.startsWith(s)));
    if (ne.length) values = values.filter((v) => !ne.includes(v));
  }
  const oses = values.map(osOfLabel);
  const windows = oses.includes('windows');
  const posix = oses.some((o) => o !== 'windows');
  // Say which values make the Windows legs, when there are some; else what the runner is.
  const shown = windows ? values.filter((v) => osOfLabel(v) === 'windows') : values;
  const list = [...new Set(shown)].slice(0, 4).join(', ');
  return { windows, posix: posix || !windows, because: c.via ? `${c.via} = ${list}` : `runs-on \`${list}\`` };
}

/**
 * Whether a step's `if:` is false on a matrix row. One false operand of a top-level `&&` is enough
 * (`startsWith(matrix.TARGET_PLATFORM, 'osx-') && github.event_name != 'pull_request'`), whatever the
 * operands known only at run time say.
 */
/** A step's condition and its top-level `&&` operands, with `env.` written in: the same on every row. */
const stepConditions = new WeakMap<Step, string[]>();

function skipsRow(doc: Document, job: Job, step: Step, row: MatrixRow, os: Os | undefined): boolean {
  if (!step.if) return false;
  let conds = stepConditions.get(step);
  if (!conds) {
    const cond = expressionBody(withEnv(doc, job, step.if.value));
    stepConditions.set(step, (conds = [cond, ...conjuncts(cond)]));
  }
  return conds.some((c) => {
    const v = evaluate(c, row, os ? RUNNER_OS[os] : undefined);
    return v !== undefined && falsy(v);
  });
}

/**
 * The matrix rows on which a step runs, read with the runner's OS left unknown (a `runs-on` from an
 * input): for comparing two steps' legs. Undefined when the rows are not known (a matrix from `needs`).
 */
export function rowsWhereStepRunsOnAnyRunner(doc: Document, job: Job, step: Step): readonly MatrixRow[] | undefined {
  let rows = jobRows.get(job);
  if (rows === undefined) jobRows.set(job, (rows = matrixRows(doc, job) ?? null));
  if (!rows) return undefined;
  return memoIn(rowsByCondition, job, step.if?.value ?? '', () => (step.if ? rows.filter((row) => !skipsRow(doc, job, step, row, undefined)) : rows));
}

const jobRows = new WeakMap<Job, MatrixRow[] | null>();
const rowsByCondition = new WeakMap<Job, Map<string, readonly MatrixRow[]>>();

/**
 * The matrix rows (with the job's `runs-on` resolved) on which a step runs, or undefined when the job's
 * runners are not known row by row.
 */
export function rowsWhereStepRuns(doc: Document, job: Job, step: Step): readonly MatrixRow[] | undefined {
  return runnersWhereStepRuns(doc, job, step)?.map(({ row }) => row);
}

/**
 * The rows, with their runners, on which a step runs (all of them for a step without `if:`), worked out
 * once per job and condition: steps of a job share few conditions, and a condition reads the same on
 * every step that has it. Undefined when the job's runners are not known row by row.
 */
function runnersWhereStepRuns(doc: Document, job: Job, step: Step | undefined): readonly RowRunner[] | undefined {
  const runners = runnersOfRows(doc, job);
  if (!runners) return undefined;
  return memoIn(runnersByCondition, job, step?.if?.value ?? '', () =>
    step?.if ? runners.filter(({ row, os }) => !skipsRow(doc, job, step, row, os)) : runners,
  );
}

const runnersByCondition = new WeakMap<Job, Map<string, readonly RowRunner[]>>();

/** Two steps of a job that never run on the same leg: one only on Windows, the other never there (`if: runner.os == 'Windows'` beside `runner.os != 'Windows'`). */
export function disjointLegs(job: Job, a: Step, b: Step, doc?: Document): boolean {
  const x = runnerLegs(job, a, doc);
  const y = runnerLegs(job, b, doc);
  return (x.windows && !x.posix && !y.windows) || (y.windows && !y.posix && !x.windows);
}
