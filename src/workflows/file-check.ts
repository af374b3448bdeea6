import type { Config } from '../config/config.js';
import { finalize, findingAt } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { findDirectives, type Directive } from '../core/ignores.js';
import { invalidInput } from '../rules/invalid-input.js';
import type { WorkflowRule } from '../rules/workflow-rule.js';
import { workflowSchema } from '../rules/workflow-schema.js';
import { yamlSyntax } from '../rules/yaml-syntax.js';
import type { Repository } from '../services/repository.js';
import { analyse, type ScriptCache } from './analysis.js';
import { parseModel, type ModelCache } from './model-cache.js';
import { reusableFacts, type ReusableFacts } from './reusable-inputs.js';
import { schemaProblems } from './schema-check.js';
import { guardShared, sharedRanges } from './shared-anchors.js';

/** Everything the per-file stage learns about one file: plain data, so workers can return it. */
export interface FileOutcome {
  path: string;
  /** Whether the file was read and parsed (false: an invalid-input or yaml-syntax finding says why). */
  analysed: boolean;
  findings: Finding[];
  directives: Directive[];
  facts?: ReusableFacts;
}

export interface FileCheckContext {
  repo: Repository;
  config: Config;
  rules: readonly WorkflowRule[];
  /** Whether a rule id is enabled and selected. */
  want: (ruleId: string) => boolean;
  schema: boolean;
  scripts: ScriptCache;
  /** Parsed models shared with other capabilities of the run. */
  models?: ModelCache;
}

/** Reads, parses and checks one workflow or local action with the single-file rules. */
export function checkFile(path: string, ctx: FileCheckContext): FileOutcome {
  const read = ctx.repo.read(path);
  if (!read.ok) return { path, analysed: false, findings: [findingAt(invalidInput, path, { line: 1 }, `${path}: ${read.message}`)], directives: [] };
  const model = parseModel(read.file, ctx.models);
  const lines = model.file.lines;
  const directives = findDirectives(model.file.text, lines);
  const findings: Finding[] = [];
  if (model.problems.length > 0) {
    // Later errors are nearly always cascades of the first, so only the first is reported.
    const first = model.problems[0]!;
    const more = model.problems.length > 1 ? ` (first of ${model.problems.length} parser errors)` : '';
    if (ctx.want(yamlSyntax.id))
      findings.push(
        finalize({ ruleId: yamlSyntax.id, message: `not valid YAML: ${first.message}${more}`, span: first.span }, yamlSyntax, path, lines, ctx.config),
      );
    return { path, analysed: false, findings, directives };
  }
  if (ctx.schema && model.kind === 'workflow' && ctx.want(workflowSchema.id)) {
    for (const p of schemaProblems(path, model.file.text)) {
      const span = { start: lines.lineStart(p.line) + p.column - 1, end: lines.lineStart(p.endLine) + p.endColumn - 1 };
      findings.push({ ...findingAt(workflowSchema, path, p, p.message, { sourceLine: lines.lineText(p.line) }), span });
    }
  }
  const analysis = analyse(model, ctx.scripts);
  const shared = sharedRanges(model.doc, model.file.text);
  for (const rule of ctx.rules) {
    for (const draft of rule.check(analysis)) findings.push(finalize({ ...draft, fix: guardShared(draft.fix, shared) }, rule.meta, path, lines, ctx.config));
  }
  return { path, analysed: true, findings, directives, facts: ctx.want('continue-on-error') ? reusableFacts(model, ctx.config) : undefined };
}
