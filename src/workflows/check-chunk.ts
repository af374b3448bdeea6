import { Config } from '../config/config.js';
import { WORKFLOW_RULES } from '../rules/workflow-rules.js';
import { Repository } from '../services/repository.js';
import { loadParser } from '../sources/tree-sitter.js';
import { ScriptCache } from './analysis.js';
import { checkFile, type FileOutcome } from './file-check.js';
import type { ModelCache } from './model-cache.js';

/** What a worker needs to check a chunk of files: all plain data. */
export interface ChunkRequest {
  root: string;
  files: string[];
  configRaw: Record<string, unknown>;
  configPath?: string;
  only?: readonly string[];
  schema: boolean;
}

/** The single-file stage over a list of files, in this thread. */
export async function checkChunk(req: ChunkRequest, repo: Repository = Repository.open(req.root), models?: ModelCache): Promise<FileOutcome[]> {
  const config = new Config(req.configRaw, req.configPath);
  const want = (id: string) => config.rule(id).enabled && (!req.only || req.only.includes(id));
  const rules = WORKFLOW_RULES.filter((r) => want(r.meta.id));
  const bash = await loadParser('bash');
  try {
    const scripts = new ScriptCache(bash);
    return req.files.map((path) => checkFile(path, { repo, config, rules, want, schema: req.schema, scripts, models }));
  } finally {
    bash.delete();
  }
}
