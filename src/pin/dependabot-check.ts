import picomatch from 'picomatch';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { findingAt } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { dependabotActionsUncovered } from '../rules/dependabot-actions-uncovered.js';
import type { Repository } from '../services/repository.js';
import { actionDirectories } from './dependabot-init.js';

const CANDIDATES = ['.github/dependabot.yml', '.github/dependabot.yaml'];

/** Directories a github-actions entry covers (`directory:` or `directories:`, globs allowed). */
function coveredPatterns(entry: YAMLMap): string[] {
  const out: string[] = [];
  const one = entry.get('directory');
  if (typeof one === 'string') out.push(one);
  const many = entry.get('directories', true);
  if (isSeq(many)) for (const d of many.items) if (isScalar(d)) out.push(String(d.value));
  return out.map((d) => (d.length > 1 ? d.replace(/\/$/, '') : d));
}

/**
 * M07's check: every directory holding `uses:` (workflows at `/`, each composite action's folder)
 * is covered by a Dependabot `github-actions` entry. Nothing to report when there is no action at all.
 */
export function checkDependabot(repo: Repository): Finding[] {
  const needed = actionDirectories(repo);
  const hasWorkflows = repo.files().some((p) => p.startsWith('.github/workflows/'));
  if (!hasWorkflows && needed.length <= 1) return [];
  const path = CANDIDATES.find((p) => repo.files().includes(p));
  if (!path)
    return [findingAt(dependabotActionsUncovered, '.github/dependabot.yml', { line: 1 }, "no .github/dependabot.yml: nothing keeps the actions' pins current")];
  const read = repo.read(path);
  if (!read.ok) return [findingAt(dependabotActionsUncovered, path, { line: 1 }, `${path}: ${read.message}`)];
  const doc = parseDocument(read.file.text);
  const updates = doc.get('updates', true);
  const entries = isSeq(updates) ? updates.items.filter((i): i is YAMLMap => isMap(i) && i.get('package-ecosystem') === 'github-actions') : [];
  if (entries.length === 0)
    return [findingAt(dependabotActionsUncovered, path, { line: 1 }, `${path} has no github-actions entry: the actions' pins are never updated`)];
  const patterns = entries.flatMap(coveredPatterns);
  const covers = picomatch(patterns, { dot: true });
  // `/.github/actions/*` stands for every folder under it: covered when a pattern matches a sample folder.
  const uncovered = needed.filter((dir) => !patterns.includes(dir) && !covers(dir.replace(/\*$/, 'any-action')));
  if (uncovered.length === 0) return [];
  const line = read.file.lines.position(entries[0]!.range?.[0] ?? 0).line;
  return [
    findingAt(dependabotActionsUncovered, path, { line }, `the github-actions entry does not cover ${uncovered.join(', ')}, so pins there are never updated`, {
      sourceLine: read.file.lines.lineText(line),
    }),
  ];
}
