import type { Config } from '../config/config.js';
import { applyDirectives, findingAt, sortFindings } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { ignoreWithoutReason } from '../rules/ignore-without-reason.js';
import { invalidInput } from '../rules/invalid-input.js';
import { unusedIgnore } from '../rules/unused-ignore.js';
import { WORKFLOW_RULES } from '../rules/workflow-rules.js';
import type { Repository } from '../services/repository.js';
import { isActionPath, isWorkflowPath, type WorkflowModel } from '../sources/workflow.js';
import { checkChunk, type ChunkRequest } from './check-chunk.js';
import { parseModel, type ModelCache } from './model-cache.js';
import { checkInWorkers, workerCount } from './parallel.js';
import { joinReusableFacts } from './reusable-inputs.js';

export interface CheckOptions {
  repo: Repository;
  config: Config;
  /** Validate workflows against GitHub's schema too (slower; see bench/); also on when the config turns `workflow-schema` on. */
  schema?: boolean;
  /** Parsed models to share with other capabilities (the audit's pin check). */
  models?: ModelCache;
  /** Only these rule ids (after config). */
  only?: readonly string[];
  /** Only these repository-relative files. */
  files?: readonly string[];
  /** Use worker threads for large trees (default true); off when files live only in memory (fix passes). */
  parallel?: boolean;
  /** At most this many worker threads (default: one per core). */
  jobs?: number;
}

export interface CheckResult {
  findings: Finding[];
  allowed: Finding[];
  ignored: Finding[];
  /** Workflow and action files considered. */
  files: string[];
  /** Files read and parsed; the others have an invalid-input or yaml-syntax finding. */
  analysed: string[];
  /** Files named on the command line that the configuration's `ignore` leaves out. */
  skipped: string[];
}

/** Rules an `allow-failure` comment can keep allowed. */
export const SILENT_FAILURE_RULES: ReadonlySet<string> = new Set(WORKFLOW_RULES.map((r) => r.meta.id));

/** Workflows under .github/workflows/ and local actions anywhere, minus ignored paths. */
export function workflowFiles(repo: Repository, config: Config): string[] {
  return repo.files().filter((p) => (isWorkflowPath(p) || (isActionPath(p) && !p.includes('node_modules/'))) && !config.isIgnoredPath(p));
}

/** Loads and parses every workflow and local action; unreadable files become findings. */
export function loadModels(repo: Repository, files: readonly string[], cache?: ModelCache): { models: Map<string, WorkflowModel>; inputFindings: Finding[] } {
  const models = new Map<string, WorkflowModel>();
  const inputFindings: Finding[] = [];
  for (const path of files) {
    const read = repo.read(path);
    if (!read.ok) {
      inputFindings.push(findingAt(invalidInput, path, { line: 1 }, `${path}: ${read.message}`));
      continue;
    }
    models.set(path, parseModel(read.file, cache));
  }
  return { models, inputFindings };
}

/** Runs the workflow audit (M03) over a repository: per-file stage (in workers for large trees), then the cross-file join and the directives. */
export async function checkWorkflows(opts: CheckOptions): Promise<CheckResult> {
  const { repo, config } = opts;
  // Named files obey the configuration's `ignore` too: pre-commit names every staged workflow.
  const named = opts.files?.filter((p) => config.isIgnoredPath(p)) ?? [];
  const files = opts.files ? opts.files.filter((p) => !config.isIgnoredPath(p)) : workflowFiles(repo, config);
  const want = (id: string) => config.rule(id).enabled && (!opts.only || opts.only.includes(id));
  const schema = Boolean(opts.schema) || config.explicitlyEnabled('workflow-schema');
  const request: ChunkRequest = { root: repo.root, files, configRaw: config.raw, configPath: config.path, only: opts.only, schema };
  const workers = opts.parallel === false ? 1 : workerCount(files.length, opts.jobs);
  const outcomes = workers > 1 ? await checkInWorkers(request, workers) : await checkChunk(request, repo, opts.models);

  const facts = new Map(outcomes.filter((o) => o.facts).map((o) => [o.path, o.facts!]));
  const perFile = new Map(outcomes.map((o) => [o.path, [...o.findings]]));
  for (const f of joinReusableFacts(facts)) perFile.get(f.file)?.push(f);

  const ran = new Set(WORKFLOW_RULES.map((r) => r.meta.id).filter(want));
  const result: CheckResult = {
    findings: [],
    allowed: [],
    ignored: [],
    files,
    skipped: named,
    analysed: outcomes.filter((o) => o.analysed).map((o) => o.path),
  };
  for (const o of outcomes) {
    const s = applyDirectives(perFile.get(o.path) ?? [], o.directives, SILENT_FAILURE_RULES, ran);
    result.findings.push(...s.findings);
    result.allowed.push(...s.allowed);
    result.ignored.push(...s.ignored);
    for (const { directive, problem } of s.directiveProblems) {
      const meta = problem === 'no-reason' ? ignoreWithoutReason : unusedIgnore;
      if (!want(meta.id)) continue;
      const what = directive.kind === 'ignore' ? `ignore[${directive.rules.join(', ')}]` : 'allow-failure';
      const message =
        problem === 'no-reason' ? `\`groundwork: ${what}\` gives no reason` : `\`groundwork: ${what}\` suppresses nothing on this line or the next`;
      result.findings.push(
        findingAt(meta, o.path, { line: directive.line, column: directive.column, endColumn: directive.endColumn }, message, {
          sourceLine: directive.lineText,
        }),
      );
    }
  }
  sortFindings(result.findings);
  sortFindings(result.allowed);
  return result;
}
