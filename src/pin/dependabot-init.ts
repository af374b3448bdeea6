import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { InitGenerator } from '../init/generator.js';
import { InputError } from '../core/errors.js';
import type { Repository } from '../services/repository.js';
import { isActionPath } from '../sources/workflow.js';

const CANDIDATES = ['.github/dependabot.yml', '.github/dependabot.yaml'];

/**
 * Where Dependabot must look for `uses:`: `/` covers workflows and a root action.yml only, so
 * composite actions need their own directories (dependabot-core reads `/.github/actions/*`).
 */
export function actionDirectories(repo: Repository): string[] {
  const dirs = new Set<string>(['/']);
  for (const path of repo.files()) {
    if (!isActionPath(path) || path.includes('node_modules/')) continue;
    const dir = path.slice(0, path.lastIndexOf('/'));
    if (dir === '') continue;
    dirs.add(/^\.github\/actions\/[^/]+$/.test(dir) ? '/.github/actions/*' : `/${dir}`);
  }
  return [...dirs].sort((a, b) => (a === '/' ? -1 : b === '/' ? 1 : a < b ? -1 : 1));
}

const NEW_FILE = (dirs: string[]) => `# Written by groundwork init dependabot (M07): keeps SHA-pinned actions current.
# Dependabot reads the version from the tags on each pinned commit and rewrites the "# vX.Y.Z" comment.
version: 2
updates:
${entry(dirs)}`;

function entry(dirs: string[]): string {
  return `  - package-ecosystem: github-actions
    directories:
${dirs.map((d) => `      - "${d}"`).join('\n')}
    schedule:
      interval: weekly
    # Releases younger than a week are not proposed: a compromised release is usually caught by then.
    cooldown:
      default-days: 7
    groups:
      github-actions:
        patterns:
          - "*"
`;
}

/** Adds or completes the github-actions entry of an existing dependabot.yml, keeping everything else. */
export function mergeDependabot(text: string, dirs: string[], path: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new InputError(`${path}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); not merged`, path);
  if (!isMap(doc.contents)) throw new InputError(`${path}: expected a mapping at the top level`, path);
  const updates = doc.get('updates', true);
  if (!isSeq(updates)) {
    doc.set('updates', doc.createNode([]));
  }
  const seq = doc.get('updates', true) as import('yaml').YAMLSeq;
  let item = seq.items.find((i) => isMap(i) && (i as YAMLMap).get('package-ecosystem') === 'github-actions') as YAMLMap | undefined;
  if (!item) {
    item = doc.createNode({ 'package-ecosystem': 'github-actions' }) as YAMLMap;
    seq.items.push(item);
  }
  const existing: string[] = [];
  const single = item.get('directory');
  if (typeof single === 'string') existing.push(single);
  const many = item.get('directories', true);
  if (isSeq(many)) for (const d of many.items) if (isScalar(d)) existing.push(String(d.value));
  const merged = [...new Set([...existing, ...dirs])].sort((a, b) => (a === '/' ? -1 : b === '/' ? 1 : a < b ? -1 : 1));
  item.delete('directory');
  item.set('directories', doc.createNode(merged));
  if (!item.has('schedule')) item.set('schedule', doc.createNode({ interval: 'weekly' }));
  if (!item.has('cooldown')) item.set('cooldown', doc.createNode({ 'default-days': 7 }));
  if (!item.has('groups')) item.set('groups', doc.createNode({ 'github-actions': { patterns: ['*'] } }));
  if (!doc.has('version')) doc.set('version', 2);
  const out = doc.toString({ lineWidth: 0 });
  // The yaml library writes LF: a CRLF file stays CRLF.
  return text.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out;
}

/** `groundwork init dependabot` (M07). */
export const dependabotInit: InitGenerator = {
  name: 'dependabot',
  summary: 'Dependabot for github-actions, composite actions included, grouped, with a cooldown',
  async generate(repo) {
    const dirs = actionDirectories(repo);
    const path = CANDIDATES.find((p) => repo.files().includes(p)) ?? CANDIDATES[0]!;
    const read = repo.files().includes(path) ? repo.read(path) : undefined;
    if (read && !read.ok) throw new InputError(`${path}: ${read.message}`, path);
    const content = read?.ok ? mergeDependabot(read.file.text, dirs, path) : NEW_FILE(dirs);
    return { files: [{ path, content }], notes: [`github-actions directories: ${dirs.join(', ')}`] };
  },
};
