import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Repository } from '../services/repository.js';
import { isWorkflowPath } from '../sources/workflow.js';

/**
 * The runner labels actionlint 1.7.12 knows (rule_runner_label.go): GitHub-hosted images and the
 * preset labels of self-hosted runners. Any other label in `runs-on` is a self-hosted runner's and
 * must be listed in .github/actionlint.yaml, or the first actionlint run fails on it.
 */
export const KNOWN_LABELS = new Set([
  'windows-latest',
  'windows-latest-8-cores',
  'windows-2025',
  'windows-2025-vs2026',
  'windows-2022',
  'windows-11-arm',
  'ubuntu-slim',
  'ubuntu-latest',
  'ubuntu-latest-4-cores',
  'ubuntu-latest-8-cores',
  'ubuntu-latest-16-cores',
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04',
  'ubuntu-22.04-arm',
  'macos-latest',
  'macos-latest-xlarge',
  'macos-latest-large',
  'macos-26-intel',
  'macos-26-xlarge',
  'macos-26-large',
  'macos-26',
  'macos-15-intel',
  'macos-15-xlarge',
  'macos-15-large',
  'macos-15',
  'macos-14-xlarge',
  'macos-14-large',
  'macos-14',
  'linux',
  'macos',
  'windows',
  'self-hosted',
  'x64',
  'arm',
  'arm64',
]);

/** GitHub-hosted images GitHub has retired: a job on one never starts. A real error, never configured away. */
const RETIRED = /^(ubuntu-(16|18|20)\.04|macos-(10\.\d+|11|12|13)(-.*)?|windows-(2016|2019))$/;

export interface LabelUse {
  label: string;
  file: string;
  line: number;
}

export interface RunnerLabels {
  /** Labels of self-hosted runners, each with where it is first used. */
  selfHosted: LabelUse[];
  /** Retired GitHub-hosted images still in `runs-on`. */
  retired: LabelUse[];
}

const MATRIX_REF = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/;

/**
 * Every literal label of every job's `runs-on` (a string, a list, `{group, labels}`), and the
 * values of a matrix key `runs-on: ${{ matrix.os }}` names, as actionlint expands them. Other
 * expressions are not resolved (actionlint skips them too).
 */
export function runnerLabels(repo: Repository): RunnerLabels {
  const selfHosted = new Map<string, LabelUse>();
  const retired: LabelUse[] = [];
  for (const file of repo.files().filter(isWorkflowPath).sort()) {
    const r = repo.read(file);
    if (!r.ok) continue;
    const counter = new LineCounter();
    const doc = parseDocument(r.file.text, { lineCounter: counter });
    const jobs = isMap(doc.contents) ? doc.contents.get('jobs', true) : undefined;
    if (!isMap(jobs)) continue;
    for (const pair of jobs.items) {
      const job = pair.value;
      if (!isMap(job)) continue;
      const runsOn = job.get('runs-on', true) as Node | undefined;
      const strategy = job.get('strategy', true);
      const matrix = isMap(strategy) ? strategy.get('matrix', true) : undefined;
      for (const scalar of labelScalars(runsOn, isMap(matrix) ? matrix : undefined)) {
        const label = String(scalar.value);
        if (label.includes('${{')) continue;
        const use = { label, file, line: scalar.range ? counter.linePos(scalar.range[0]).line : 1 };
        if (RETIRED.test(label.toLowerCase())) retired.push(use);
        else if (!KNOWN_LABELS.has(label.toLowerCase()) && !selfHosted.has(label)) selfHosted.set(label, use);
      }
    }
  }
  return { selfHosted: [...selfHosted.values()].sort((a, b) => (a.label < b.label ? -1 : 1)), retired };
}

type Scalar = { value: unknown; range?: [number, number, number] | null };

function labelScalars(node: Node | undefined, matrix: import('yaml').YAMLMap | undefined): Scalar[] {
  if (!node) return [];
  if (isScalar(node)) {
    const ref = MATRIX_REF.exec(String(node.value).trim());
    return ref ? matrixValues(matrix, ref[1]!) : [node as Scalar];
  }
  if (isSeq(node)) return node.items.flatMap((i) => labelScalars(i as Node, matrix));
  if (isMap(node)) return labelScalars(node.get('labels', true) as Node | undefined, matrix);
  return [];
}

function matrixValues(matrix: import('yaml').YAMLMap | undefined, key: string): Scalar[] {
  if (!matrix) return [];
  const out: Scalar[] = [];
  const row = matrix.get(key, true);
  if (isSeq(row)) for (const v of row.items) out.push(...labelScalars(v as Node, undefined));
  const include = matrix.get('include', true);
  if (isSeq(include)) for (const entry of include.items) if (isMap(entry)) out.push(...labelScalars(entry.get(key, true) as Node | undefined, undefined));
  return out;
}
