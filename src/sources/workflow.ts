import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { Span } from '../core/finding.js';
import type { SourceFile } from './source-file.js';
import { deref, mapOf, pairOf, parseYaml, seqOf, spanOf, strAt, strMap, valueOf, type Str, type YamlProblem } from './yaml-source.js';

/** An action's `owner/repo[/path]`, without the `@ref`. */
export function actionPath(uses: string): string {
  return uses.replace(/@.*$/, '');
}

export interface Step {
  index: number;
  map: YAMLMap;
  span: Span;
  id?: Str;
  name?: Str;
  run?: Str;
  uses?: Str;
  shell?: Str;
  if?: Str;
  with: Map<string, Str>;
  continueOnError?: Pair;
}

export interface Job {
  id: string;
  idSpan: Span;
  map: YAMLMap;
  name?: Str;
  if?: Str;
  needs: string[];
  runsOn: string;
  /** `uses:` of a job that calls a reusable workflow. */
  uses?: Str;
  with: Map<string, Str>;
  continueOnError?: Pair;
  defaultShell?: Str;
  steps: Step[];
  /** Every scalar under the job's `strategy.matrix`, by key, for templated values. */
  matrixValues: Map<string, string[]>;
  /** Whether the matrix is written out in the file (not `${{ fromJSON(…) }}`), so an absent key is known to be absent. */
  matrixLiteral: boolean;
  /** Whether the matrix, or rows of it, come from another job's outputs (`${{ fromJSON(needs.plan.outputs.matrix) }}`): computed by code at run time. */
  matrixFromJobs: boolean;
}

export interface WorkflowInput {
  name: string;
  default?: Str;
  type?: string;
}

/** A workflow file or a local action (`action.yml`), parsed with spans. */
export interface WorkflowModel {
  kind: 'workflow' | 'action';
  file: SourceFile;
  doc: Document.Parsed;
  problems: YamlProblem[];
  name?: string;
  defaultShell?: Str;
  /** Inputs of `on.workflow_call` or of an action. */
  inputs: WorkflowInput[];
  /** For workflows: the events of `on:` and the crons of `on.schedule`, when they are written out. */
  triggers?: { events: string[]; crons: string[] };
  /** For actions: `runs.using`. */
  using?: string;
  /** Jobs; a composite action has one pseudo-job holding its steps. */
  jobs: Job[];
}

function readSteps(doc: Document, node: unknown, file: SourceFile): Step[] {
  const seq = seqOf(doc, node);
  if (!seq) return [];
  const steps: Step[] = [];
  seq.items.forEach((item, index) => {
    const map = mapOf(doc, item);
    if (!map) return;
    steps.push({
      index,
      map,
      span: spanOf(map),
      id: strAt(doc, map, 'id', file),
      name: strAt(doc, map, 'name', file),
      run: strAt(doc, map, 'run', file),
      uses: strAt(doc, map, 'uses', file),
      shell: strAt(doc, map, 'shell', file),
      if: strAt(doc, map, 'if', file),
      with: strMap(doc, valueOf(doc, map, 'with'), file),
      continueOnError: pairOf(doc, map, 'continue-on-error'),
    });
  });
  return steps;
}

function flatText(doc: Document, node: unknown): string {
  const n = deref(doc, node);
  if (isScalar(n)) return String(n.value ?? '');
  if (isSeq(n)) return n.items.map((i) => flatText(doc, i)).join(',');
  if (isMap(n)) return n.items.map((i) => `${flatText(doc, i.key)}:${flatText(doc, i.value)}`).join(',');
  return '';
}

function matrixValues(doc: Document, job: YAMLMap): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (k: string, v: unknown) => {
    const n = deref(doc, v);
    const values = isSeq(n) ? n.items.map((i) => flatText(doc, i)) : [flatText(doc, n)];
    out.set(k, [...(out.get(k) ?? []), ...values]);
  };
  const matrix = mapOf(doc, valueOf(doc, valueOf(doc, job, 'strategy'), 'matrix'));
  if (!matrix) return out;
  for (const item of matrix.items) {
    const key = flatText(doc, item.key);
    if (key === 'include' || key === 'exclude') {
      if (key === 'exclude') continue;
      for (const entry of seqOf(doc, item.value)?.items ?? []) {
        for (const p of mapOf(doc, entry)?.items ?? []) add(flatText(doc, p.key), p.value);
      }
    } else add(key, item.value);
  }
  return out;
}

function readJob(doc: Document, pair: Pair, file: SourceFile): Job | undefined {
  const key = deref(doc, pair.key);
  const map = mapOf(doc, pair.value);
  if (!isScalar(key) || !map) return undefined;
  const needsNode = deref(doc, valueOf(doc, map, 'needs'));
  const needs = isSeq(needsNode) ? needsNode.items.map((i) => flatText(doc, i)) : isScalar(needsNode) ? [String(needsNode.value)] : [];
  return {
    id: String(key.value),
    idSpan: spanOf(key),
    map,
    name: strAt(doc, map, 'name', file),
    if: strAt(doc, map, 'if', file),
    needs,
    runsOn: flatText(doc, valueOf(doc, map, 'runs-on')),
    uses: strAt(doc, map, 'uses', file),
    with: strMap(doc, valueOf(doc, map, 'with'), file),
    continueOnError: pairOf(doc, map, 'continue-on-error'),
    defaultShell: strAt(doc, valueOf(doc, valueOf(doc, map, 'defaults'), 'run'), 'shell', file),
    steps: readSteps(doc, valueOf(doc, map, 'steps'), file),
    matrixValues: matrixValues(doc, map),
    matrixLiteral: isLiteralMatrix(doc, map),
    matrixFromJobs: /\bneeds\.[\w-]+\.outputs\b/.test(flatText(doc, valueOf(doc, valueOf(doc, map, 'strategy'), 'matrix'))),
  };
}

function isLiteralMatrix(doc: Document, job: YAMLMap): boolean {
  const matrix = mapOf(doc, valueOf(doc, valueOf(doc, job, 'strategy'), 'matrix'));
  if (!matrix) return false;
  return !matrix.items.some((p) => {
    const key = flatText(doc, p.key);
    const value = flatText(doc, p.value);
    return key.includes('${{') || ((key === 'include' || key === 'exclude') && value.includes('${{') && !isSeq(deref(doc, p.value)));
  });
}

function readInputs(doc: Document, node: unknown, file: SourceFile): WorkflowInput[] {
  const m = mapOf(doc, node);
  if (!m) return [];
  return m.items.flatMap((item) => {
    const k = deref(doc, item.key);
    if (!isScalar(k)) return [];
    const spec = mapOf(doc, item.value);
    return [
      { name: String(k.value), default: spec ? strAt(doc, spec, 'default', file) : undefined, type: spec ? strAt(doc, spec, 'type', file)?.value : undefined },
    ];
  });
}

/** The written value of a step's or job's `continue-on-error:` (`true`, `${{ matrix.x }}`), or undefined when it has none. */
export function continueOnErrorValue(pair: Pair | undefined): string | undefined {
  if (!pair || !isScalar(pair.value)) return undefined;
  return String(pair.value.value);
}

/** Whether a step or job may be allowed to fail: `continue-on-error` is set to anything but `false` (`true` or an expression). */
export function mayContinueOnError(pair: Pair | undefined): boolean {
  const v = continueOnErrorValue(pair);
  return v !== undefined && v !== 'false';
}

/** Parses a workflow file under `.github/workflows/`. */
export function parseWorkflow(file: SourceFile): WorkflowModel {
  const { doc, problems } = parseYaml(file, 'failsafe');
  const model: WorkflowModel = { kind: 'workflow', file, doc, problems, inputs: [], jobs: [] };
  if (problems.length > 0 || !isMap(doc.contents)) return model;
  const root = doc.contents;
  model.name = strAt(doc, root, 'name', file)?.value;
  model.defaultShell = strAt(doc, valueOf(doc, valueOf(doc, root, 'defaults'), 'run'), 'shell', file);
  const on = deref(doc, valueOf(doc, root, 'on') ?? valueOf(doc, root, 'true'));
  model.inputs = readInputs(doc, valueOf(doc, valueOf(doc, on, 'workflow_call'), 'inputs'), file);
  model.triggers = readTriggers(doc, on);
  for (const pair of mapOf(doc, valueOf(doc, root, 'jobs'))?.items ?? []) {
    const job = readJob(doc, pair, file);
    if (job) model.jobs.push(job);
  }
  return model;
}

/** Parses a local action (`action.yml`); composite steps become one pseudo-job named `runs`. */
export function parseAction(file: SourceFile): WorkflowModel {
  const { doc, problems } = parseYaml(file, 'failsafe');
  const model: WorkflowModel = { kind: 'action', file, doc, problems, inputs: [], jobs: [] };
  if (problems.length > 0 || !isMap(doc.contents)) return model;
  const root = doc.contents;
  model.name = strAt(doc, root, 'name', file)?.value;
  model.inputs = readInputs(doc, valueOf(doc, root, 'inputs'), file);
  const runsPair = pairOf(doc, root, 'runs');
  const runs = mapOf(doc, runsPair?.value);
  model.using = runs ? strAt(doc, runs, 'using', file)?.value : undefined;
  if (runs && runsPair) {
    model.jobs.push({
      id: 'runs',
      idSpan: spanOf(runsPair.key as never),
      map: runs,
      needs: [],
      runsOn: '',
      with: new Map(),
      steps: readSteps(doc, valueOf(doc, runs, 'steps'), file),
      matrixValues: new Map(),
      matrixLiteral: false,
      matrixFromJobs: false,
    });
  }
  return model;
}

export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function isActionPath(path: string): boolean {
  return /(^|\/)action\.ya?ml$/.test(path);
}

/** `on: push`, `on: [push, pull_request]`, `on: { schedule: [{ cron: … }] }`; undefined when not plain data. */
function readTriggers(doc: Document, on: unknown): { events: string[]; crons: string[] } | undefined {
  if (isScalar(on) && typeof on.value === 'string') return { events: [on.value], crons: [] };
  const seq = seqOf(doc, on);
  if (seq) {
    const events = seq.items.map((i) => deref(doc, i)).map((i) => (isScalar(i) ? String(i.value) : ''));
    return events.every(Boolean) ? { events, crons: [] } : undefined;
  }
  const map = mapOf(doc, on);
  if (!map) return undefined;
  const events: string[] = [];
  for (const item of map.items) {
    const k = deref(doc, item.key);
    if (!isScalar(k)) return undefined;
    events.push(String(k.value));
  }
  const crons: string[] = [];
  for (const entry of seqOf(doc, valueOf(doc, map, 'schedule'))?.items ?? []) {
    const cron = deref(doc, valueOf(doc, deref(doc, entry), 'cron'));
    if (isScalar(cron)) crons.push(String(cron.value));
  }
  return { events, crons };
}

/**
 * The text of `env.NAME` as the first of `owners` (a step's, a job's, the workflow's map, in that
 * order) that sets it as a string; undefined when none does.
 */
export function envText(doc: Document, owners: readonly unknown[], name: string): string | undefined {
  for (const owner of owners) {
    if (!owner) continue;
    const v = deref(doc, valueOf(doc, valueOf(doc, owner, 'env'), name));
    if (isScalar(v) && typeof v.value === 'string') return v.value;
  }
  return undefined;
}
