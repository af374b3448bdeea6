import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { isFullSha, isVersionLike, looksLikeShortSha, parseUses } from '../../../src/pin/uses-ref.js';
import { git, RemoteHost } from './remotes.js';

/** `../shared` next to the repository root, or undefined when it is not there. */
export function sharedDir(): string | undefined {
  const dir = new URL('../../../../shared/corpus/', import.meta.url).pathname;
  return existsSync(dir) ? dir : undefined;
}

export function corpusFolders(corpus: string): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(corpus, e.name, '.github')))
    .map((e) => e.name)
    .sort();
}

/** Copies a corpus folder's `.github/**` YAML and templates into a fresh git work tree. */
export function copyCorpus(folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-pin-corpus-'));
  const walk = (rel: string) => {
    for (const e of readdirSync(join(folder, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else if (/\.(ya?ml|j2)$/.test(e.name)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        copyFileSync(join(folder, path), join(dir, path));
      }
    }
  };
  walk('.github');
  git(['init', '--quiet', dir]);
  return dir;
}

/**
 * An independent count of `uses:` references: the files as plain JS data (yaml.parse), jobs' and
 * steps' `uses` keys only, so `uses:` text inside a `with:` block string is not counted.
 */
export function yamlWalkCount(dir: string, files: readonly string[]): number {
  let n = 0;
  for (const path of files) {
    let data: unknown;
    try {
      data = parse(readFileSync(join(dir, path), 'utf8'), { uniqueKeys: false, strict: false, maxAliasCount: 1000 });
    } catch {
      continue;
    }
    const obj = data as { jobs?: Record<string, { uses?: unknown; steps?: { uses?: unknown }[] }>; runs?: { steps?: { uses?: unknown }[] } } | null;
    if (!obj || typeof obj !== 'object') continue;
    const steps = (list: unknown) =>
      Array.isArray(list)
        ? list.filter((s) => s && typeof s === 'object' && typeof (s as { uses?: unknown }).uses === 'string' && (s as { uses: string }).uses !== '').length
        : 0;
    if (/^\.github\/workflows\//.test(path)) {
      for (const job of Object.values(obj.jobs && typeof obj.jobs === 'object' ? obj.jobs : {})) {
        if (!job || typeof job !== 'object') continue;
        if (typeof job.uses === 'string' && job.uses !== '') n++;
        n += steps(job.steps);
      }
    } else n += steps(obj.runs?.steps);
  }
  return n;
}

/**
 * A bare repository for every external repository the values reference, with each requested
 * version as a tag (plus a more specific `.99` tag on the same commit, which the comment must
 * name) and every other name as a branch. One commit made with fast-import is shared through
 * `objects/info/alternates`, and each repository is just a directory with a packed-refs file, so
 * hundreds of remotes cost no process at all.
 */
export function remotesFor(values: readonly string[]): { host: RemoteHost; repositories: string[] } {
  const wanted = new Map<string, Set<string>>();
  for (const v of values) {
    const u = parseUses(v);
    if (u.kind !== 'action' && u.kind !== 'reusable-workflow') continue;
    const set = wanted.get(u.repository) ?? new Set<string>();
    if (!isFullSha(u.ref) && !(looksLikeShortSha(u.ref) && /[a-f]/.test(u.ref))) set.add(u.ref);
    wanted.set(u.repository, set);
  }
  const host = new RemoteHost();
  const store = join(host.root, '.objects.git');
  git(['init', '--quiet', '--bare', store]);
  const msg = 'a release\n';
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: store,
    input: `commit refs/heads/base\ncommitter t <t@example.com> 1700000000 +0000\ndata ${msg.length}\n${msg}\n`,
  });
  const sha = git(['rev-parse', 'refs/heads/base'], store);
  for (const [repository, refs] of wanted) {
    const dir = join(host.root, ...repository.split('/'));
    mkdirSync(join(dir, 'objects', 'info'), { recursive: true });
    mkdirSync(join(dir, 'refs', 'heads'), { recursive: true });
    mkdirSync(join(dir, 'refs', 'tags'), { recursive: true });
    writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/groundwork-base\n');
    writeFileSync(join(dir, 'config'), '[core]\n\trepositoryformatversion = 0\n\tbare = true\n');
    writeFileSync(join(dir, 'objects', 'info', 'alternates'), `${join(store, 'objects')}\n`);
    const names = new Set(['refs/heads/groundwork-base']);
    for (const ref of refs) {
      names.add(`refs/${isVersionLike(ref) ? 'tags' : 'heads'}/${ref}`);
      if (/^v?\d+(\.\d+)?$/.test(ref)) names.add(`refs/tags/${ref}.99`);
    }
    writeFileSync(
      join(dir, 'packed-refs'),
      `# pack-refs with: peeled fully-peeled sorted \n${[...names]
        .sort()
        .map((n) => `${sha} ${n}\n`)
        .join('')}`,
    );
  }
  return { host, repositories: [...wanted.keys()].sort() };
}
