import type { Config } from '../config/config.js';
import { finalize } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { yamlSyntax } from '../rules/yaml-syntax.js';
import type { Repository } from '../services/repository.js';
import type { Str } from '../sources/yaml-source.js';
import type { WorkflowModel } from '../sources/workflow.js';
import { loadModels, workflowFiles } from '../workflows/check.js';
import type { ModelCache } from '../workflows/model-cache.js';
import { trailingComment, type PinReference, type ReferenceSite } from './reference.js';
import { isTemplatePath, scanTemplate } from './template-scan.js';
import { parseUses } from './uses-ref.js';

export interface Inventory {
  references: PinReference[];
  /** Files scanned: workflows, local actions and templates. */
  files: string[];
  /** Files that could not be read or parsed; their references are unknown. */
  unreadable: Finding[];
  /** Parsed workflows and actions, by path (generated workflows are compared with templates). */
  models: Map<string, WorkflowModel>;
}

function fromYaml(model: WorkflowModel, str: Str, site: ReferenceSite): PinReference {
  const uses = parseUses(str.value);
  const file = model.file;
  const quoted = str.node.type === 'QUOTE_DOUBLE' || str.node.type === 'QUOTE_SINGLE';
  const valueSpan = quoted ? { start: str.span.start + 1, end: str.span.end - 1 } : str.span;
  const ref: PinReference = { file, site, value: str.value.trim(), uses, valueSpan };
  const exact = str.map.exact && file.text.slice(valueSpan.start, valueSpan.end) === str.value;
  if (!exact || str.node.type === 'BLOCK_LITERAL' || str.node.type === 'BLOCK_FOLDED') return ref;
  if (uses.refOffset >= 0) ref.refSpan = { start: valueSpan.start + uses.refOffset, end: valueSpan.start + str.value.trimEnd().length };
  const trailing = trailingComment(file.text, str.span.end);
  if (trailing) {
    ref.comment = trailing.comment;
    ref.commentAt = str.span.end;
  }
  return ref;
}

/** Every `uses:` the YAML walk finds: job-level reusable workflows and steps (composite actions included). */
export function yamlReferences(model: WorkflowModel): PinReference[] {
  const out: PinReference[] = [];
  for (const job of model.jobs) {
    if (job.uses) out.push(fromYaml(model, job.uses, 'job'));
    for (const step of job.steps) if (step.uses) out.push(fromYaml(model, step.uses, 'step'));
  }
  return out;
}

/** Files groundwork pins: workflows, local actions (wherever they are) and Jinja templates. */
export function pinFiles(repo: Repository, config: Config): string[] {
  const templates = repo.files().filter((p) => isTemplatePath(p) && !config.isIgnoredPath(p));
  return [...workflowFiles(repo, config), ...templates].sort();
}

/** Inventories every reference in the repository; parsing decides what a `uses:` is. */
export function inventory(repo: Repository, config: Config, files = pinFiles(repo, config), cache?: ModelCache): Inventory {
  const yamlFiles = files.filter((p) => !isTemplatePath(p));
  const { models, inputFindings } = loadModels(repo, yamlFiles, cache);
  const references: PinReference[] = [];
  const unreadable = [...inputFindings];
  // File order, templates included, so a later inventory of the same files lines up entry for entry.
  for (const path of files) {
    if (isTemplatePath(path)) {
      const read = repo.read(path);
      if (read.ok) references.push(...scanTemplate(read.file));
      continue;
    }
    const model = models.get(path);
    if (!model) continue;
    // Later parser errors are nearly always cascades of the first, so only the first is reported.
    const first = model.problems[0];
    if (first)
      unreadable.push(
        finalize(
          { ruleId: yamlSyntax.id, message: `not valid YAML, its references are unknown: ${first.message}`, span: first.span },
          yamlSyntax,
          model.file.path,
          model.file.lines,
          config,
        ),
      );
    references.push(...yamlReferences(model));
  }
  return { references, files, unreadable, models };
}

/** The inventory after `changed` files were rewritten: only those are parsed again (references keep file order). */
export function refreshInventory(inv: Inventory, repo: Repository, config: Config, changed: ReadonlySet<string>): Inventory {
  if (changed.size === 0) return inv;
  const fresh = inventory(
    repo,
    config,
    inv.files.filter((f) => changed.has(f)),
  );
  const byFile = new Map<string, PinReference[]>();
  for (const r of [...inv.references.filter((x) => !changed.has(x.file.path)), ...fresh.references])
    byFile.set(r.file.path, [...(byFile.get(r.file.path) ?? []), r]);
  const models = new Map([...inv.models].filter(([p]) => !changed.has(p)).concat([...fresh.models]));
  return {
    references: inv.files.flatMap((f) => byFile.get(f) ?? []),
    files: inv.files,
    unreadable: [...inv.unreadable.filter((f) => !changed.has(f.file)), ...fresh.unreadable],
    models,
  };
}
