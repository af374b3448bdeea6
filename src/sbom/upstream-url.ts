/** A submodule or download URL in a comparable form. */
export interface Upstream {
  /** `https://host/owner/repo` without `.git`, or the URL as written when it has no such shape. */
  url: string;
  host?: string;
  /** `owner/repo` (GitLab groups keep every segment). */
  slug?: string;
  github?: string;
}

/**
 * Normalises `git@host:o/r.git`, `ssh://git@host/o/r`, `https://host/o/r.git/` and relative URLs
 * (`../r.git`, resolved against the superproject's own remote when known) so that the same upstream
 * written two ways is recognised as one.
 */
export function normaliseUpstream(raw: string, superproject?: string): Upstream {
  let url = raw.trim();
  if ((url.startsWith('./') || url.startsWith('../')) && superproject) url = resolveRelative(superproject, url);
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(url);
  if (scp && !/^[a-z]+:\/\//i.test(url) && !/^[A-Za-z]:[\\/]/.test(url)) url = `https://${scp[1]}/${scp[2]}`;
  const m = /^(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/*$/i.exec(url);
  if (!m) return { url }; // a local path or an unresolvable relative URL, kept as resolved as it gets
  const host = m[1]!.toLowerCase();
  const slug = m[2]!.replace(/\.git$/i, '');
  const clean = `https://${host}/${slug}`;
  const github = host === 'github.com' && /^[^/]+\/[^/]+$/.test(slug) ? slug : undefined;
  return { url: clean, host, slug, github };
}

/** Key used to match an OSV `repo` or an ls-remote target against a component: host/slug, lower case. */
export function upstreamKey(raw: string): string {
  const u = normaliseUpstream(raw);
  return u.host && u.slug ? `${u.host}/${u.slug}`.toLowerCase() : u.url.toLowerCase();
}

function resolveRelative(base: string, rel: string): string {
  const b = normaliseUpstream(base);
  const parts = (b.host && b.slug ? `${b.host}/${b.slug}` : b.url).split('/');
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return b.host ? `https://${parts.join('/')}` : parts.join('/');
}
