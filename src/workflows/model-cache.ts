import type { SourceFile } from '../sources/source-file.js';
import { isActionPath, isWorkflowPath, parseAction, parseWorkflow, type WorkflowModel } from '../sources/workflow.js';

/**
 * Parsed workflows and actions shared by the capabilities of one run (the audit's workflow check and
 * pin check parse the same files; YAML is the costliest step). An entry is reused only for the same
 * text, so in-memory edits (fix passes) are never served stale. Opt-in: a one-off check of a large tree
 * would only hold memory.
 */
export class ModelCache {
  private readonly models = new Map<string, WorkflowModel>();

  parse(file: SourceFile): WorkflowModel {
    const hit = this.models.get(file.path);
    if (hit && hit.file.text === file.text) return hit;
    const model = parseModel(file);
    this.models.set(file.path, model);
    return model;
  }
}

/**
 * A workflow under .github/workflows/ or a local action, by path. A file named on the command line
 * elsewhere (a copy, a test input) is a workflow when it has a top-level `jobs:` key, as GitHub's own
 * schema tells the two apart.
 */
export function parseModel(file: SourceFile, cache?: ModelCache): WorkflowModel {
  if (cache) return cache.parse(file);
  const workflow = isWorkflowPath(file.path) || (!isActionPath(file.path) && /^jobs[ \t]*:/m.test(file.text));
  return workflow ? parseWorkflow(file) : parseAction(file);
}
