import type { Config } from '../config/config.js';
import { applyDirectives, finalize, findingAt, sortFindings } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { ignoreWithoutReason } from '../rules/ignore-without-reason.js';
import { invalidInput } from '../rules/invalid-input.js';
import { unusedIgnore } from '../rules/unused-ignore.js';
import type { WorkflowRule } from '../rules/workflow-rule.js';
import { WORKFLOW_RULES } from '../rules/workflow-rules.js';
import { workflowSchema } from '../rules/workflow-schema.js';
import { yamlSyntax } from '../rules/yaml-syntax.js';
import type { Repository } from '../services/repository.js';
import { loadParser } from '../sources/tree-sitter.js';
import { isActionPath, isWorkflowPath, parseAction, parseWorkflow, type WorkflowModel } from '../sources/workflow.js';
import { analyse } from './analysis.js';
import { schemaProblems } from './schema-check.js';

export interface CheckOptions {
  repo: Repository;
  config: Config;
  /** Validate workflows against GitHub's schema too (slower; see bench/). */
  schema?: boolean;
  /** Only these rule ids (after config). */
  only?: readonly string[];
  /** Only these repository-relative files. */
  files?: readonly string[];
}

export interface CheckResult {
  findings: Finding[];
  allowed: Finding[];
  ignored: Finding[];
  /** Files analysed (workflows and actions). */
  files: string[];
  models: Map<string, WorkflowModel>;
}

/** Rules an `allow-failure` comment can keep allowed. */
export const SILENT_FAILURE_RULES: ReadonlySet<string> = new Set(WORKFLOW_RULES.map((r) => r.meta.id));

/** Workflows under .github/workflows/ and local actions anywhere, minus ignored paths. */
export function workflowFiles(repo: Repository, config: Config): string[] {
  return repo.files().filter((p) => (isWorkflowPath(p) || (isActionPath(p) && !p.includes('node_modules/'))) && !config.isIgnoredPath(p));
}

/** Loads and parses every workflow and local action; unreadable files become findings. */
export function loadModels(repo: Repository, files: readonly string[]): { models: Map<string, WorkflowModel>; inputFindings: Finding[] } {
  const models = new Map<string, WorkflowModel>();
  const inputFindings: Finding[] = [];
  for (const path of files) {
    const read = repo.read(path);
    if (!read.ok) {
      inputFindings.push(findingAt(invalidInput, path, { line: 1 }, `${path}: ${read.message}`));
      continue;
    }
    const model = isWorkflowPath(path) ? parseWorkflow(read.file) : parseAction(read.file);
    models.set(path, model);
  }
  return { models, inputFindings };
}

/** Runs the workflow audit (M03) over a repository. */
export async function checkWorkflows(opts: CheckOptions): Promise<CheckResult> {
  const { repo, config } = opts;
  const files = opts.files ?? workflowFiles(repo, config);
  const { models, inputFindings } = loadModels(repo, files);
  const rules: WorkflowRule[] = WORKFLOW_RULES.filter((r) => config.rule(r.meta.id).enabled && (!opts.only || opts.only.includes(r.meta.id)));
  const bash = await loadParser('bash');
  const perFile = new Map<string, Finding[]>();
  const add = (f: Finding) => perFile.set(f.file, [...(perFile.get(f.file) ?? []), f]);
  const want = (id: string) => config.rule(id).enabled && (!opts.only || opts.only.includes(id));

  for (const [path, model] of models) {
    const lines = model.file.lines;
    if (model.problems.length > 0) {
      if (want(yamlSyntax.id)) for (const p of model.problems) add(finalize({ ruleId: yamlSyntax.id, message: p.message, span: p.span }, yamlSyntax, path, lines, config));
      continue;
    }
    if (opts.schema && model.kind === 'workflow' && want(workflowSchema.id)) {
      for (const p of schemaProblems(path, model.file.text)) add({ ...findingAt(workflowSchema, path, p, p.message, { sourceLine: lines.lineText(p.line) }), span: { start: lines.lineStart(p.line) + p.column - 1, end: lines.lineStart(p.endLine) + p.endColumn - 1 } });
    }
    const analysis = analyse(model, models, bash);
    for (const rule of rules) {
      for (const draft of rule.check(analysis)) {
        const target = draft.file ? models.get(draft.file) : model;
        if (!target) continue;
        add(finalize(draft, rule.meta, target.file.path, target.file.lines, config));
      }
    }
  }
  bash.delete();

  const result: CheckResult = { findings: [...inputFindings], allowed: [], ignored: [], files: [...files], models };
  const ran = new Set(rules.map((r) => r.meta.id));
  for (const [path, model] of models) {
    const s = applyDirectives(perFile.get(path) ?? [], model.file.text, model.file.lines, SILENT_FAILURE_RULES, ran);
    result.findings.push(...s.findings);
    result.allowed.push(...s.allowed);
    result.ignored.push(...s.ignored);
    for (const { directive, problem } of s.directiveProblems) {
      const meta = problem === 'no-reason' ? ignoreWithoutReason : unusedIgnore;
      if (!want(meta.id)) continue;
      const what = directive.kind === 'ignore' ? `ignore[${directive.rules.join(', ')}]` : 'allow-failure';
      const message = problem === 'no-reason' ? `\`groundwork: ${what}\` gives no reason` : `\`groundwork: ${what}\` suppresses nothing on this line or the next`;
      result.findings.push(findingAt(meta, path, { line: directive.line, column: directive.column, endColumn: directive.endColumn }, message, { sourceLine: model.file.lines.lineText(directive.line) }));
    }
  }
  for (const f of result.findings) if (f.severity !== (config.rule(f.ruleId).severity ?? f.severity)) f.severity = config.rule(f.ruleId).severity!;
  sortFindings(result.findings);
  sortFindings(result.allowed);
  return result;
}

