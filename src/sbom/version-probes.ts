import type { Confidence } from '../core/finding.js';
import type { VersionEvidence } from './model.js';

/** Reads files of one component; paths are relative to the component folder. */
export interface FolderReader {
  files: readonly string[];
  read(rel: string): string | undefined;
}

type Probe = (text: string) => string | undefined;

const V = String.raw`v?(\d+(?:\.\d+){1,3}(?:[-.+]?[0-9A-Za-z.-]*)?)`;

/** Drops a leading `v`, `release-` or `name-` and trailing spaces; undefined when not a version. */
export function cleanVersion(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const m = /(\d+(?:\.\d+){1,3}(?:-?(?:rc|alpha|beta|dev|pre|post)[.\d]*)?)/i.exec(raw.trim());
  return m ? m[1] : undefined;
}

/**
 * `120201` → `12.2.1` (fmt), `20401` → `2.4.1` (mimalloc). Shorter integers are not decoded: volk's
 * `VOLK_HEADER_VERSION 355` is a Vulkan header patch number, not 3.5.5.
 */
export function decodePacked(n: number): { value: string; confidence: Confidence } | undefined {
  if (!Number.isInteger(n) || n < 10000) return undefined;
  return { value: `${Math.floor(n / 10000)}.${Math.floor(n / 100) % 100}.${n % 100}`, confidence: 'medium' };
}

const cmakeProject: Probe = (t) => new RegExp(String.raw`^\s*project\s*\([^)]*?\bVERSION\s+"?${V}"?`, 'im').exec(stripHash(t))?.[1];

/** Version macros of another thing: an ABI or API level, a minimum required, the compiler's or Python's. */
const FOREIGN =
  /(?:^|_)(?:ABI|API|SO|COMPAT|COMPATIBILITY|MIN|MINIMUM|MAX|REQUIRED|REQ|PY|PYTHON|CUDA|CUDART|CUDNN|GCC|GNUC|CLANG|MSC|MSVC|GLIBC|GLIBCXX|CXX|CPLUSPLUS|OMP|OPENMP|SDK|TARGET|LIBC|ANDROID|IOS|MACOS|OSX|NDK|WIN|WINVER|NTDDI|PROTOCOL|FORMAT|FILE|SCHEMA|HEADER|DEPRECATED|LAST|PREV|PREVIOUS|NEXT|OLD|INTERFACE|BUILD)(?:_|$)/i;

interface Triplet {
  prefix: string;
  /** Every value this prefix gives; more than one when `#if` branches define it differently. */
  values: string[];
}

/** MAJOR/MINOR/PATCH (or RELEASE, MICRO, REVISION, SUBMINOR; Eigen's WORLD) groups sharing a prefix. */
function triplets(t: string, form: 'cmake' | 'c'): Triplet[] {
  const re =
    form === 'cmake'
      ? /set\s*\(\s*(\w*?)_?VERSION_(MAJOR|MINOR|PATCH|MICRO|RELEASE)\s+"?(\d+)"?\s*\)/gi
      : /#\s*define\s+(\w*?)_?(?:VERSION_)?(MAJOR|MINOR|PATCH|REVISION|RELEASE|MICRO|SUBMINOR|WORLD)(?:_VERSION)?_*\s+\(?(\d+)[uUlL]*\)?\s*(?:\/[/*].*)?$/gim;
  const by = new Map<string, Record<string, string[]>>();
  for (const m of t.matchAll(re)) {
    const key = m[1]!.toUpperCase();
    const parts = by.get(key) ?? {};
    const part = m[2]!.toUpperCase();
    const list = (parts[part] ??= []);
    if (!list.includes(m[3]!)) list.push(m[3]!);
    by.set(key, parts);
  }
  const out: Triplet[] = [];
  for (const [prefix, p] of by) {
    const third = p.PATCH ?? p.RELEASE ?? p.MICRO ?? p.REVISION ?? p.SUBMINOR;
    // Eigen counts WORLD.MAJOR.MINOR; everyone else MAJOR.MINOR.PATCH
    const [a, b, c] = p.WORLD && p.MAJOR && p.MINOR ? [p.WORLD, p.MAJOR, p.MINOR] : [p.MAJOR, p.MINOR, third];
    if (!a || !b) continue;
    // `#if` branches define the parts in the same order: the i-th of each belong together
    const values: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length, c?.length ?? 0); i++) {
      const [x, y, z] = [a[i] ?? a[0]!, b[i] ?? b[0]!, c ? (c[i] ?? c[0]) : undefined];
      values.push(z !== undefined ? `${x}.${y}.${z}` : `${x}.${y}`);
    }
    out.push({ prefix, values: [...new Set(values)] });
  }
  return out;
}

function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/^lib/, '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The library's own triplet: the group whose prefix names the component, else the only group that
 * is not an ABI, API, minimum or compiler version. Several candidates and no name: nothing.
 */
function ownTriplet(t: string, form: 'cmake' | 'c', name?: string): Triplet | undefined {
  const all = triplets(t, form);
  const n = name ? normName(name) : '';
  const named = n
    ? all.find((g) => {
        const p = normName(g.prefix);
        return p === n || (p.length >= 3 && !FOREIGN.test(g.prefix) && (n.startsWith(p) || p.startsWith(n)));
      })
    : undefined;
  if (named) return named;
  const own = all.filter((g) => !FOREIGN.test(g.prefix));
  return own.length === 1 ? own[0] : own.length === 0 && all.length === 0 ? undefined : own.find((g) => g.prefix === '');
}

function triplet(t: string, form: 'cmake' | 'c', name?: string): string | undefined {
  return ownTriplet(t, form, name)?.values[0];
}

const cmakeSet: Probe = (t) =>
  triplet(stripHash(t), 'cmake') ?? new RegExp(String.raw`set\s*\(\s*(?:PROJECT_|PACKAGE_)?VERSION\s+"?${V}"?\s*\)`, 'i').exec(stripHash(t))?.[1];
const versionFile: Probe = (t) => {
  const first = t
    .split(/\r?\n/)
    .find((l) => l.trim())
    ?.trim();
  return first && /^v?\d+(\.\d+)+\S*$/.test(first) ? first : undefined;
};
const packageJson: Probe = (t) => {
  try {
    const v = (JSON.parse(t) as { version?: unknown }).version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
};
const setupPy: Probe = (t) => new RegExp(String.raw`\bversion\s*=\s*['"]${V}['"]`).exec(t)?.[1];
const tomlVersion: Probe = (t) => new RegExp(String.raw`^\[(?:package|project|tool\.poetry)\][^[]*?^version\s*=\s*"${V}"`, 'ms').exec(t)?.[1];
const mesonProject: Probe = (t) => new RegExp(String.raw`^\s*project\s*\([^)]*?\bversion\s*:\s*'${V}'`, 'ms').exec(t)?.[1];
const bazelModule: Probe = (t) => new RegExp(String.raw`^\s*module\s*\([^)]*?\bversion\s*=\s*"${V}"`, 'ms').exec(t)?.[1];
const makeVersion: Probe = (t) => {
  const get = (k: string) => new RegExp(`^\\w*${k}\\s*:?=\\s*(\\d+)`, 'm').exec(t)?.[1];
  const [a, b, c] = [get('MAJOR'), get('MINOR'), get('PATCH')];
  return a && b ? (c ? `${a}.${b}.${c}` : `${a}.${b}`) : undefined;
};
const gradle: Probe = (t) => new RegExp(String.raw`^VERSION_NAME\s*=\s*${V}`, 'm').exec(t)?.[1];

/** Header probes: the library's triplet, quoted strings, then packed integers (least trusted). */
function headerProbe(t: string, name?: string): { value: string; confidence: Confidence; how: string; also?: string[] } | undefined {
  const tri = ownTriplet(t, 'c', name);
  // `#if` branches that define different numbers: both are kept, and the caller reports a conflict
  if (tri) return { value: tri.values[0]!, confidence: 'medium', how: 'header', also: tri.values.slice(1) };
  const quoted = [...t.matchAll(new RegExp(String.raw`#\s*define\s+(\w*VERSION(?:_STRING|_STR)?)\s+"${V}"`, 'g'))].filter(
    (m) => !FOREIGN.test(m[1]!.replace(/_?VERSION(?:_STRING|_STR)?$/, '')),
  );
  if (quoted[0]) return { value: quoted[0][2]!, confidence: 'medium', how: 'header' };
  const packed = [...t.matchAll(/#\s*define\s+(\w*_VERSION)\s+(\d{5,7})[uUlL]*\s*$/gm)].find((m) => !FOREIGN.test(m[1]!.replace(/_VERSION$/, '')));
  const decoded = packed ? decodePacked(Number(packed[2])) : undefined;
  if (decoded) return { value: decoded.value, confidence: decoded.confidence, how: `packed-integer ${packed![1]} ${packed![2]}` };
  return undefined;
}

const FILE_PROBES: { match: (rel: string) => boolean; source: string; probe: Probe; confidence: Confidence }[] = [
  { match: (r) => r === 'CMakeLists.txt', source: 'cmake-project', probe: cmakeProject, confidence: 'high' },
  { match: (r) => /^(VERSION|VERSION\.txt|version\.txt|VERSION_NUMBER|version)$/.test(r), source: 'version-file', probe: versionFile, confidence: 'high' },
  { match: (r) => r === 'package.json', source: 'package.json', probe: packageJson, confidence: 'high' },
  { match: (r) => r === 'Cargo.toml' || r === 'pyproject.toml', source: 'manifest', probe: tomlVersion, confidence: 'high' },
  { match: (r) => r === 'meson.build', source: 'meson', probe: mesonProject, confidence: 'high' },
  { match: (r) => r === 'MODULE.bazel', source: 'bazel-module', probe: bazelModule, confidence: 'high' },
  { match: (r) => r === 'setup.py', source: 'setup.py', probe: setupPy, confidence: 'medium' },
  { match: (r) => r === 'makefiles/version.mk', source: 'makefile', probe: makeVersion, confidence: 'medium' },
  { match: (r) => r === 'gradle.properties', source: 'gradle', probe: gradle, confidence: 'medium' },
  { match: (r) => r === 'CMakeLists.txt' || /^cmake\/[^/]*version[^/]*\.cmake$/i.test(r), source: 'cmake-set', probe: cmakeSet, confidence: 'medium' },
];

/** Header files worth reading: names that usually carry version macros, shallow enough to be the library's own. */
function isVersionHeader(rel: string): boolean {
  const depth = rel.split('/').length;
  if (depth > 5 || !/\.(h|hpp|hh|hxx)$/.test(rel)) return false;
  if (/(^|\/)(test|tests|third_party|third-party|examples?|docs?)\//i.test(rel)) return false;
  const base = rel.split('/').pop()!.toLowerCase();
  return /version|^config\.h|^macros\.h$|^common\.h$|^base\.h$|^core\.h$/.test(base) || depth === 1 || (depth === 2 && rel.startsWith('include/'));
}

/**
 * Runs every probe on a component's files. Returns all answers (not only the first) so that
 * disagreements can be reported; locations are relative to the folder, prefixed by the caller.
 */
export function probeVersions(folder: FolderReader, prefix: string, name?: string): VersionEvidence[] {
  const out: VersionEvidence[] = [];
  const files = new Set(folder.files);
  for (const p of FILE_PROBES) {
    for (const rel of folder.files.filter(p.match)) {
      const text = folder.read(rel);
      const value = text === undefined ? undefined : cleanVersion(p.probe(text));
      if (value) out.push({ source: p.source, value, location: join(prefix, rel), confidence: p.confidence });
    }
  }
  const headers = [...files]
    .filter(isVersionHeader)
    .sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))
    .slice(0, 40);
  for (const rel of headers) {
    const text = folder.read(rel);
    const found = text === undefined ? undefined : headerProbe(text, name);
    const value = cleanVersion(found?.value);
    if (found && value) out.push({ source: found.how, value, location: join(prefix, rel), confidence: found.confidence });
    for (const other of found?.also ?? []) out.push({ source: `${found!.how} (#if branch)`, value: other, location: join(prefix, rel), confidence: 'low' });
  }
  return dedupe(out);
}

function dedupe(list: VersionEvidence[]): VersionEvidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.location}\0${e.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function join(prefix: string, rel: string): string {
  return prefix ? `${prefix}/${rel}` : rel;
}

function stripHash(t: string): string {
  return t.replace(/#[^\n]*/g, '');
}
