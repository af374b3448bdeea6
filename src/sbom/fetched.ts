/** Code the build downloads: a meson wrap, a CMake FetchContent/ExternalProject, a Bazel archive. */
export interface FetchDeclaration {
  name: string;
  /** `meson-wrap`, `cmake-fetchcontent`, `cmake-externalproject`, `bazel-http-archive`, `bazel-git-repository`. */
  via: string;
  file: string;
  line: number;
  url?: string;
  /** A git ref: tag, branch or commit. */
  ref?: string;
  sha256?: string;
  /** Version read from the URL, the archive folder or the wrap's wrapdb_version. */
  version?: string;
  patches: string[];
}

const VERSION_IN = /(?:^|[-_/v])v?(\d+(?:\.\d+){1,3}(?:[-.](?:rc|alpha|beta|p)\d*)?)(?:\.tar\.gz|\.tar\.bz2|\.tar\.xz|\.zip|\.tgz|\/|$)/i;

/** A version-looking piece of an archive URL or folder name (`zstd-1.5.7`, `v1.17.0.tar.gz`). */
export function versionFromName(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = VERSION_IN.exec(text);
  return m ? m[1] : undefined;
}

export function parseMesonWrap(file: string, text: string): FetchDeclaration | undefined {
  const kv = new Map<string, string>();
  let section = '';
  let headerLine = 1;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const s = /^\[([\w-]+)\]$/.exec(line);
    if (s) {
      section = s[1]!;
      if (section.startsWith('wrap-')) headerLine = i + 1;
      return;
    }
    const m = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (m && section.startsWith('wrap-')) kv.set(m[1]!, m[2]!.trim());
  });
  if (kv.size === 0) return undefined;
  const name = file.split('/').pop()!.replace(/\.wrap$/, '');
  const url = kv.get('source_url') ?? kv.get('url');
  const wrapdb = kv.get('wrapdb_version')?.replace(/-\d+$/, '');
  return {
    name,
    via: 'meson-wrap',
    file,
    line: headerLine,
    url,
    ref: kv.get('revision'),
    sha256: kv.get('source_hash'),
    version: wrapdb ?? versionFromName(kv.get('directory')) ?? versionFromName(url),
    patches: [kv.get('patch_url'), kv.get('diff_files')].filter((x): x is string => Boolean(x)),
  };
}

/** Calls like `NAME(args…)` with balanced parentheses, with the line they start on. */
function* calls(text: string, names: RegExp): Generator<{ fn: string; body: string; line: number }> {
  const re = new RegExp(`(?:^|[^\\w.])(${names.source})\\s*\\(`, 'gim');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
    }
    const line = text.slice(0, m.index + m[0].indexOf(m[1]!)).split('\n').length;
    yield { fn: m[1]!, body: text.slice(re.lastIndex, i - 1), line };
  }
}

export function parseCmakeDeclarations(file: string, text: string): FetchDeclaration[] {
  const noComments = text.replace(/#[^\n]*/g, '');
  const out: FetchDeclaration[] = [];
  for (const c of calls(noComments, /FetchContent_Declare|ExternalProject_Add/)) {
    const words = c.body.match(/"[^"]*"|[^\s"]+/g)?.map((w) => w.replace(/^"|"$/g, '')) ?? [];
    const after = (key: string) => {
      const i = words.findIndex((w) => w.toUpperCase() === key);
      return i >= 0 ? words[i + 1] : undefined;
    };
    const url = after('URL') ?? after('GIT_REPOSITORY');
    const hash = after('URL_HASH');
    const ref = after('GIT_TAG');
    out.push({
      name: words[0] ?? '?',
      via: c.fn.toLowerCase().startsWith('fetch') ? 'cmake-fetchcontent' : 'cmake-externalproject',
      file,
      line: c.line,
      url: url?.includes('${') ? undefined : url,
      ref,
      sha256: hash && /^SHA256=/i.test(hash) ? hash.slice(7).toLowerCase() : undefined,
      version: versionFromName(ref) ?? versionFromName(url),
      patches: after('PATCH_COMMAND') ? [`PATCH_COMMAND ${after('PATCH_COMMAND')}`] : [],
    });
  }
  return out;
}

export function parseBazelDeclarations(file: string, text: string): FetchDeclaration[] {
  const out: FetchDeclaration[] = [];
  for (const c of calls(text, /\w*http_archive|\w*git_repository/)) {
    const str = (key: string) => new RegExp(`\\b${key}\\s*=\\s*"([^"]*)"`).exec(c.body)?.[1];
    const urls = /\burls?\s*=\s*(?:\[|\w+\()?\s*"([^"]+)"/.exec(c.body)?.[1];
    const name = str('name');
    if (!name) continue;
    const patches = [...(/\bpatch(?:es|_file)\s*=\s*\[([^\]]*)\]/.exec(c.body)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    out.push({
      name,
      via: /git_repository/.test(c.fn) ? 'bazel-git-repository' : 'bazel-http-archive',
      file,
      line: c.line,
      url: urls ?? str('remote'),
      ref: str('commit') ?? str('tag'),
      sha256: str('sha256'),
      version: versionFromName(str('strip_prefix')) ?? versionFromName(str('tag')) ?? versionFromName(urls),
      patches,
    });
  }
  return out;
}

/** Which files can hold declarations, by name. */
export function declarationParser(path: string): ((file: string, text: string) => FetchDeclaration[]) | undefined {
  const base = path.split('/').pop()!;
  if (base.endsWith('.wrap') && path.split('/').includes('subprojects')) return (f, t) => [parseMesonWrap(f, t)].filter((d): d is FetchDeclaration => Boolean(d));
  if (base === 'CMakeLists.txt' || base.endsWith('.cmake')) return parseCmakeDeclarations;
  if (base === 'WORKSPACE' || base === 'WORKSPACE.bazel' || base === 'MODULE.bazel' || base.endsWith('.bzl')) return parseBazelDeclarations;
  return undefined;
}
