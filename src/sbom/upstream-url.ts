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

/** What a download URL says about its upstream: the repository, and the commit or tag it names. */
export interface ArchiveRef {
  /** The repository (`https://github.com/o/r`) or, for a plain download, the URL itself. */
  repo: string;
  /** Identity for merging: `github.com/o/r`, or host + archive base name for plain downloads. */
  key: string;
  github?: string;
  commit?: string;
  tag?: string;
  /** A branch (`main`, `master`, `HEAD`): the download is not pinned. */
  branch?: string;
}

const FLOATING = /^(main|master|HEAD|trunk|develop|dev|latest|nightly)$/i;
const ARCHIVE_EXT = /\.(?:tar\.gz|tar\.bz2|tar\.xz|tar\.zst|tgz|tbz2|txz|zip|7z|tar)$/i;

/**
 * Reads a repository and a ref out of a download URL: GitHub `archive/<ref>`, `releases/download/<tag>`,
 * codeload, GitLab `-/archive/<ref>`, googlesource `+archive/<ref>`, `repo.git@<rev>` (gclient), and
 * mirrors that embed `github.com/o/r` in their path. Plain downloads (`zlib.net/zlib-1.3.tar.xz`) are
 * keyed by host and archive name without the version, so two declarations of one upstream meet.
 */
export function archiveRef(raw: string): ArchiveRef | undefined {
  const url = raw.trim().replace(/^git\+/, '');
  if (!/^(?:https?|git|ssh):\/\//i.test(url) && !/^git@/.test(url)) return undefined;
  const at = /^(.*?\.git|[^@]*?\/[^/@]+)@([\w./-]+)$/.exec(url.replace(/^(\w+:\/\/)[^@/]+@/, '$1'));
  if (at && !/^git@/.test(url)) {
    const up = normaliseUpstream(at[1]!);
    return withRef({ repo: up.url, key: upstreamKey(up.url), github: up.github }, at[2]!);
  }
  const gh = /(?:^|\/)(?:codeload\.)?github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:\/(.*))?$/i.exec(url.replace(/[?#].*$/, ''));
  if (gh && !/^(?:orgs|settings|sponsors)$/i.test(gh[1]!)) {
    const github = `${gh[1]}/${gh[2]}`;
    const base: ArchiveRef = { repo: `https://github.com/${github}`, key: `github.com/${github}`.toLowerCase(), github };
    const rest = gh[3] ?? '';
    const m =
      /^archive\/refs\/(?:tags|heads)\/(.+?)(?:\.tar\.gz|\.zip|\.tgz)$/.exec(rest) ??
      /^archive\/(.+?)(?:\.tar\.gz|\.zip|\.tgz)$/.exec(rest) ??
      /^releases\/download\/([^/]+)\//.exec(rest) ??
      /^(?:tar\.gz|zip|legacy\.tar\.gz)\/(?:refs\/(?:tags|heads)\/)?(.+)$/.exec(rest) ??
      /^(?:tree|commit|blob|raw)\/([^/]+)/.exec(rest);
    return m ? withRef(base, m[1]!, /^archive\/refs\/heads\//.test(rest)) : base;
  }
  const lab = /^https?:\/\/([^/]+)\/(.+?)\/-\/archive\/([^/]+)\//.exec(url);
  if (lab) return withRef({ repo: `https://${lab[1]}/${lab[2]}`, key: `${lab[1]}/${lab[2]}`.toLowerCase() }, lab[3]!);
  const gs = /^(https?:\/\/[^/]+\.googlesource\.com\/.+?)\/\+archive\/([^/]+?)\.tar\.gz$/.exec(url);
  if (gs) return withRef({ repo: gs[1]!, key: upstreamKey(gs[1]!) }, gs[2]!);
  const file =
    url
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? '';
  if (ARCHIVE_EXT.test(file)) {
    const host = /^\w+:\/\/([^/:]+)/.exec(url)![1]!.toLowerCase();
    const stem = file
      .replace(ARCHIVE_EXT, '')
      .replace(/[-_.]v?\d[\w.-]*$/, '')
      .replace(/-(?:src|source|sources)$/i, '')
      .toLowerCase();
    return { repo: url, key: `${host}/${stem || file.toLowerCase()}` };
  }
  const up = normaliseUpstream(url);
  return { repo: up.url, key: upstreamKey(up.url), github: up.github };
}

function withRef(base: ArchiveRef, ref: string, isBranch = false): ArchiveRef {
  const r = decodeURIComponent(ref).replace(/\.git$/, '');
  if (/^[0-9a-f]{40}$/i.test(r)) return { ...base, commit: r.toLowerCase() };
  if (isBranch || FLOATING.test(r)) return { ...base, branch: r };
  return { ...base, tag: r };
}
