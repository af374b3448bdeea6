import { NetworkError } from '../core/errors.js';
import { git } from '../services/git.js';
import { redactUrl, type GitBases } from './git-base.js';
import type { RefCache } from './ref-cache.js';
import { parseLsRemote, type RemoteRefs } from './remote-refs.js';
import { ResolveFailure, type RefResolver } from './resolver.js';

export interface GitResolverOptions {
  bases: GitBases;
  cache?: RefCache;
  timeoutMs?: number;
  /** Extra attempts after a transient failure (time-out, connection refused, HTTP 5xx). */
  retries?: number;
  /** Tests shorten the back-off. */
  backoffMs?: number;
  now?: () => Date;
}

const NOT_FOUND =
  /not found|does not appear to be a git repository|does not exist|returned error: 40[134]|Authentication failed|could not read Username|terminal prompts disabled/i;

/** Resolves with `git ls-remote --heads --tags`: one call per repository, whatever the number of refs. */
export class GitLsRemoteResolver implements RefResolver {
  private readonly inFlight = new Map<string, Promise<RemoteRefs>>();
  private made = 0;

  constructor(private readonly opts: GitResolverOptions) {}

  get calls(): number {
    return this.made;
  }

  urlOf(repository: string): string {
    return this.opts.bases.urlOf(repository);
  }

  offlineHint(): string {
    const cache = this.opts.cache;
    const reuse = cache
      ? cache.ttlMs > 0
        ? `refs listed in the last ${Math.round(cache.ttlMs / 60_000)} min are reused from the cache in ${cache.dir} (--cache-dir, --cache-ttl; --verify and --update always list afresh)`
        : `this run does not reuse the cache in ${cache.dir} (--cache-ttl 0, --verify or --update); a plain run reuses listings younger than --cache-ttl`
      : 'no cache is configured';
    return `To run without github.com: --git-base URL (or OWNER=URL, or pin.gitBase in groundwork.yml) lists tags from a mirror or a local clone, e.g. --git-base file:///srv/mirrors; ${reuse}.`;
  }

  listRefs(repository: string): Promise<RemoteRefs> {
    const url = this.urlOf(repository);
    let p = this.inFlight.get(url);
    if (!p) {
      p = this.fetch(repository, url);
      this.inFlight.set(url, p);
    }
    return p;
  }

  private async fetch(repository: string, url: string): Promise<RemoteRefs> {
    const shown = redactUrl(url);
    const cached = this.opts.cache?.get(shown);
    if (cached) return cached;
    const attempts = 1 + (this.opts.retries ?? 2);
    let last = '';
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, (this.opts.backoffMs ?? 500) * 2 ** (attempt - 1)));
      this.made++;
      try {
        const out = await git(['ls-remote', '--heads', '--tags', url], { timeoutMs: this.opts.timeoutMs ?? 30_000 });
        const refs = parseLsRemote(shown, out, (this.opts.now?.() ?? new Date()).toISOString());
        this.opts.cache?.put(refs);
        return refs;
      } catch (e) {
        last = redactUrl((e as Error).message.split('\n').filter(Boolean).slice(-1)[0] ?? String(e));
        if (!(e instanceof NetworkError) && NOT_FOUND.test((e as Error).message))
          throw new ResolveFailure(repository, 'not-found', `${repository}: repository not found at ${shown} (${last})`);
      }
    }
    throw new ResolveFailure(repository, 'unreachable', `${repository}: ${shown} could not be reached after ${attempts} attempt(s): ${last}`);
  }
}
