import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../services/git.js';
import { redactUrl } from './git-base.js';
import { ResolveFailure } from './resolver.js';

/** What a local commit-graph copy of an action repository can answer. */
export interface RepositoryHistory {
  /** Full SHA for a unique prefix among commits reachable from branches or tags. */
  expand(prefix: string): string | undefined;
  objectType(sha: string): 'commit' | 'tag' | undefined;
  reachableFromTag(sha: string): boolean;
  reachableFromBranch(sha: string): boolean;
  /** Tag name → creation time in ms (tagger date, or the commit date of a lightweight tag). */
  tagDates: ReadonlyMap<string, number>;
}

// Fetching only heads and tags is the point: a commit that only refs/pull/* or a fork reaches
// (an impostor) is then simply absent. The clone is tree-less (commits and tags only) to stay small,
// and only purely local commands are used on it so nothing is fetched lazily.
const ENV = { GIT_NO_LAZY_FETCH: '1' };

/** Keeps a tree-less bare clone per repository URL under the cache directory. */
export class HistoryStore {
  private readonly loaded = new Map<string, Promise<RepositoryHistory>>();

  constructor(
    private readonly cacheDir: string,
    private readonly timeoutMs = 300_000,
  ) {}

  history(repository: string, url: string): Promise<RepositoryHistory> {
    let p = this.loaded.get(url);
    if (!p) {
      p = this.load(repository, url);
      this.loaded.set(url, p);
    }
    return p;
  }

  private async load(repository: string, url: string): Promise<RepositoryHistory> {
    const dir = join(this.cacheDir, 'pin', 'mirrors', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.git`);
    const run = (args: string[]) => git(args, { cwd: dir, timeoutMs: this.timeoutMs, env: ENV });
    try {
      if (!existsSync(join(dir, 'HEAD'))) {
        mkdirSync(join(this.cacheDir, 'pin', 'mirrors'), { recursive: true });
        rmSync(dir, { recursive: true, force: true });
        await git(['clone', '--quiet', '--bare', '--filter=tree:0', url, dir], { timeoutMs: this.timeoutMs, env: ENV });
      }
      await run(['fetch', '--quiet', '--prune', '--prune-tags', '--force', 'origin', '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*']);
    } catch (e) {
      throw new ResolveFailure(
        repository,
        'unreachable',
        redactUrl(`${repository}: could not fetch the history of ${url}: ${(e as Error).message.split('\n').slice(-1)[0]}`),
      );
    }
    const [objects, tagged, branched, dates] = await Promise.all([
      run(['cat-file', '--batch-all-objects', '--batch-check=%(objectname) %(objecttype)']),
      run(['rev-list', '--tags']),
      run(['rev-list', '--branches']),
      run(['for-each-ref', 'refs/tags', '--format=%(refname:strip=2) %(creatordate:unix)']),
    ]);
    const types = new Map<string, 'commit' | 'tag'>();
    for (const line of objects.split('\n')) {
      const [sha, type] = line.split(' ');
      if (sha && (type === 'commit' || type === 'tag')) types.set(sha, type);
    }
    const fromTags = new Set(tagged.split('\n').filter(Boolean));
    const fromBranches = new Set(branched.split('\n').filter(Boolean));
    const tagDates = new Map<string, number>();
    for (const line of dates.split('\n')) {
      const m = /^(\S+) (\d+)$/.exec(line);
      if (m) tagDates.set(m[1]!, Number(m[2]) * 1000);
    }
    const reachable = new Set([...fromTags, ...fromBranches]);
    return {
      expand(prefix) {
        const hits = [...reachable].filter((s) => s.startsWith(prefix));
        return hits.length === 1 ? hits[0] : undefined;
      },
      objectType: (sha) => types.get(sha),
      reachableFromTag: (sha) => fromTags.has(sha),
      reachableFromBranch: (sha) => fromBranches.has(sha),
      tagDates,
    };
  }
}
