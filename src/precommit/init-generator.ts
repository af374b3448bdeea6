import type { InitGenerator } from '../init/generator.js';
import { buildInventory, type SbomOptions } from '../sbom/inventory.js';
import type { Repository } from '../services/repository.js';
import { sourceFile } from '../sources/source-file.js';
import { contributingPath, contributingSectionFor } from './contributing.js';
import { estimateHooks, estimateNote } from './estimate.js';
import { contributingSection, excludeRegex, hooksFor, mergeConfig, newConfig } from './generate.js';
import { detectTooling } from './tooling.js';
import { isMap, isSeq, parseDocument } from 'yaml';

export const PRECOMMIT_CONFIG = '.pre-commit-config.yaml';
export const CONTRIBUTING = 'CONTRIBUTING.md';

function read(repo: Repository, path: string): string | undefined {
  const r = repo.read(path);
  return r.ok ? r.file.text : undefined;
}

/** Hook ids an existing configuration runs (nothing when it cannot be read). */
function existingHookIds(text: string | undefined): Set<string> {
  const ids = new Set<string>();
  if (text === undefined) return ids;
  const doc = parseDocument(text);
  const repos = isMap(doc.contents) ? doc.contents.get('repos', true) : undefined;
  if (!isSeq(repos)) return ids;
  for (const r of repos.items) {
    const hooks = isMap(r) ? r.get('hooks', true) : undefined;
    if (isSeq(hooks)) for (const h of hooks.items) if (isMap(h)) ids.add(String(h.get('id') ?? ''));
  }
  return ids;
}

/** The vendored roots `groundwork sbom` finds in the tree (folders and submodules): not the repository's to restyle. */
export async function vendoredRoots(repo: Repository, options: SbomOptions = {}): Promise<string[]> {
  const files = repo.files();
  const inventory = await buildInventory(repo.root, options);
  const roots = inventory.components.flatMap((c) => c.paths).filter((p) => files.some((f) => f.startsWith(`${p.replace(/\/+$/, '')}/`)));
  // A root inside another root adds nothing.
  return [...new Set(roots)].sort().filter((r, _, all) => !all.some((o) => o !== r && r.startsWith(`${o}/`)));
}

/**
 * `.pre-commit-config.yaml` for what the repository contains and the tooling it already uses,
 * merged into an existing one; vendored roots excluded; the contributing guide's setup section,
 * in the guide the repository already has. The notes say what `pre-commit run --all-files` would
 * change per hook, where groundwork can tell without running the hooks.
 */
export async function preCommitFiles(repo: Repository, sbom: SbomOptions = {}): Promise<{ files: { path: string; content: string }[]; notes: string[] }> {
  const existing = read(repo, PRECOMMIT_CONFIG);
  const tooling = detectTooling(repo.files(), (p) => read(repo, p), existingHookIds(existing));
  const specs = hooksFor(repo.files(), tooling);
  const roots = await vendoredRoots(repo, sbom);
  const exclude = excludeRegex(roots);
  const files: { path: string; content: string }[] = [];
  const notes = specs.map((s) => `${s.hooks.map((h) => h.id).join(', ')}: ${s.because}`);
  let added = specs.flatMap((s) => s.hooks.map((h) => h.id));
  if (existing === undefined) files.push({ path: PRECOMMIT_CONFIG, content: newConfig(specs, exclude) });
  else {
    const merged = mergeConfig(sourceFile(PRECOMMIT_CONFIG, existing), specs, exclude);
    added = merged.added;
    if (merged.added.length) files.push({ path: PRECOMMIT_CONFIG, content: merged.text });
    const kept = [...tooling.existingHooks].filter(Boolean);
    notes.push(
      merged.added.length
        ? `kept the existing ${PRECOMMIT_CONFIG} (${kept.length} hook(s): ${kept.join(', ')}); added ${merged.added.join(', ')}`
        : `${PRECOMMIT_CONFIG} already does every check groundwork would add (${kept.join(', ')})`,
    );
  }
  if (!tooling.clangFormatConfig && !tooling.lintrunner && repo.files().some((f) => /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|cu|cuh)$/.test(f)))
    notes.push('no clang-format hook: the repository has no .clang-format, and clang-format would restyle every C/C++ file to its defaults');
  if (roots.length) notes.push(`vendored roots excluded from the hooks: ${roots.join(', ')}`);
  notes.push(estimateNote(estimateHooks(repo, added, exclude)));
  const target = contributingPath(repo.files());
  const contributing = contributingSectionFor(target, read(repo, target), contributingSection);
  if (contributing !== undefined) files.push({ path: target, content: contributing });
  return { files, notes };
}

export const preCommitGenerator: InitGenerator = {
  name: 'pre-commit',
  summary:
    ".pre-commit-config.yaml with frozen revs for what the repository contains and the tooling it uses, vendored code excluded, and the contributing guide's setup section (M13)",
  async generate(repo) {
    return preCommitFiles(repo);
  },
};
