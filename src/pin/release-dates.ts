import { NetworkError } from '../core/errors.js';
import { redactUrl } from './git-base.js';

/** Release publication times by tag name, for the `--min-age` cooldown. */
export interface ReleaseDates {
  datesFor(repository: string): Promise<ReadonlyMap<string, number>>;
}

export interface GithubApiOptions {
  /** `https://api.github.com`, or `https://ghe.example.com/api/v3`. */
  apiBase: string;
  /** From GITHUB_TOKEN / GH_TOKEN; sent only to `apiBase`'s origin, never printed. */
  token?: string;
  timeoutMs?: number;
  maxPages?: number;
}

/**
 * The optional GitHub REST backend: `GET /repos/{owner}/{repo}/releases`. A release is usually
 * published after its tag is pushed, so its date is the better start for a cooldown. Redirects are
 * followed by hand so the token can never travel to another host.
 */
export class GithubReleaseDates implements ReleaseDates {
  private readonly origin: string;
  private readonly cache = new Map<string, Promise<ReadonlyMap<string, number>>>();

  constructor(private readonly opts: GithubApiOptions) {
    this.origin = new URL(opts.apiBase).origin;
  }

  datesFor(repository: string): Promise<ReadonlyMap<string, number>> {
    let p = this.cache.get(repository);
    if (!p) {
      p = this.load(repository);
      this.cache.set(repository, p);
    }
    return p;
  }

  private async get(url: string): Promise<{ body: unknown; next?: string }> {
    let target = url;
    for (let hop = 0; hop < 5; hop++) {
      const sameOrigin = new URL(target).origin === this.origin;
      const headers: Record<string, string> = { Accept: 'application/vnd.github+json', 'User-Agent': 'groundwork' };
      if (this.opts.token && sameOrigin) headers.Authorization = `Bearer ${this.opts.token}`;
      let res: Response;
      try {
        res = await fetch(target, { headers, redirect: 'manual', signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000) });
      } catch (e) {
        throw new NetworkError(`GitHub API ${redactUrl(target)}: ${(e as Error).message}`);
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        target = new URL(location, target).toString();
        continue;
      }
      if (!res.ok) throw new NetworkError(`GitHub API ${redactUrl(target)}: HTTP ${res.status}`);
      const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      return { body: await res.json(), next };
    }
    throw new NetworkError(`GitHub API ${redactUrl(url)}: too many redirects`);
  }

  private async load(repository: string): Promise<ReadonlyMap<string, number>> {
    const dates = new Map<string, number>();
    let url: string | undefined = `${this.opts.apiBase.replace(/\/+$/, '')}/repos/${repository}/releases?per_page=100`;
    for (let page = 0; url && page < (this.opts.maxPages ?? 5); page++) {
      const { body, next } = await this.get(url);
      for (const r of Array.isArray(body) ? (body as { tag_name?: string; published_at?: string | null; draft?: boolean }[]) : []) {
        const when = r.published_at ? Date.parse(r.published_at) : NaN;
        if (r.tag_name && !r.draft && !Number.isNaN(when)) dates.set(r.tag_name, when);
      }
      url = next;
    }
    return dates;
  }
}
