import type { InitGenerator } from '../init/generator.js';
import type { Repository } from '../services/repository.js';
import { sourceFile } from '../sources/source-file.js';
import { contributingSection, hooksFor, mergeConfig, newConfig } from './generate.js';

export const PRECOMMIT_CONFIG = '.pre-commit-config.yaml';
export const CONTRIBUTING = 'CONTRIBUTING.md';

function read(repo: Repository, path: string): string | undefined {
  const r = repo.read(path);
  return r.ok ? r.file.text : undefined;
}

/** `.pre-commit-config.yaml` from what the repository contains, merged into an existing one, and the CONTRIBUTING.md section. */
export function preCommitFiles(repo: Repository): { files: { path: string; content: string }[]; notes: string[] } {
  const specs = hooksFor(repo.files());
  const existing = read(repo, PRECOMMIT_CONFIG);
  const files: { path: string; content: string }[] = [];
  const notes = specs.map((s) => `${s.hooks.map((h) => h.id).join(', ')}: ${s.because}`);
  if (existing === undefined) files.push({ path: PRECOMMIT_CONFIG, content: newConfig(specs) });
  else {
    const merged = mergeConfig(sourceFile(PRECOMMIT_CONFIG, existing), specs);
    if (merged.added.length) files.push({ path: PRECOMMIT_CONFIG, content: merged.text });
    notes.push(merged.added.length ? `kept the existing ${PRECOMMIT_CONFIG}; added ${merged.added.join(', ')}` : `${PRECOMMIT_CONFIG} already has every hook groundwork would add`);
  }
  const contributing = contributingSection(read(repo, CONTRIBUTING));
  if (contributing !== undefined) files.push({ path: CONTRIBUTING, content: contributing });
  return { files, notes };
}

export const preCommitGenerator: InitGenerator = {
  name: 'pre-commit',
  summary: '.pre-commit-config.yaml with frozen revs for what the repository contains, and the CONTRIBUTING.md setup section (M13)',
  async generate(repo) {
    return preCommitFiles(repo);
  },
};
