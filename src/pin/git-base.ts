import { UsageError } from '../core/errors.js';

export const DEFAULT_GIT_BASE = 'https://github.com';

/**
 * Where `owner/repo` is fetched from: a default base plus per-owner overrides
 * (`--git-base pytorch=file:///srv/mirrors/pytorch`). GitHub Enterprise is just another base.
 */
export class GitBases {
  private constructor(
    readonly base: string,
    private readonly byOwner: Map<string, string>,
  ) {}

  static parse(specs: readonly string[], configured?: string): GitBases {
    let base = configured ?? DEFAULT_GIT_BASE;
    const byOwner = new Map<string, string>();
    for (const spec of specs) {
      const eq = spec.indexOf('=');
      const isOwner = eq > 0 && !spec.slice(0, eq).includes(':') && !spec.slice(0, eq).includes('/');
      const url = isOwner ? spec.slice(eq + 1) : spec;
      if (!/^(https?|file|ssh|git):\/\//.test(url)) throw new UsageError(`--git-base: '${url}' is not a URL (https://, http://, file://, ssh:// or git://)`);
      if (isOwner) byOwner.set(spec.slice(0, eq), url.replace(/\/+$/, ''));
      else base = url.replace(/\/+$/, '');
    }
    return new GitBases(base.replace(/\/+$/, ''), byOwner);
  }

  urlOf(repository: string): string {
    const [owner, name] = repository.split('/');
    const own = this.byOwner.get(owner!);
    return own ? `${own}/${name}` : `${this.base}/${repository}`;
  }
}

/** Hides credentials a URL may carry (`https://user:token@host`) before it is shown or cached. */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}
