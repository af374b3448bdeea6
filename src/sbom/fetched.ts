import type { Confidence } from '../core/finding.js';
import type { Scope } from './scope.js';

/**
 * One place where the repository declares third-party code: a meson wrap, a CMake FetchContent or
 * ExternalProject, a Bazel archive or module, a gclient DEPS entry, a vendoring script, a
 * README.chromium-style metadata file.
 */
export interface FetchDeclaration {
  name: string;
  /** `meson-wrap`, `cmake-fetchcontent`, `cmake-externalproject`, `bazel-http-archive`, `bazel-git-repository`, `bazel-dep`, `gclient-deps`, `vendoring-script`, `metadata-file`. */
  via: string;
  file: string;
  line: number;
  url?: string;
  /** A git ref: tag, branch or commit. */
  ref?: string;
  sha256?: string;
  /** Version read from the URL, the archive folder, the wrap's wrapdb_version or the module. */
  version?: string;
  patches: string[];
  /** Where the build puts or finds the code in the tree (a DEPS path, a local_path_override, a wrap's folder). */
  path?: string;
  /** Whether it ships: `dev_dependency = True`, a test-only `if()` or folder, `Shipped: no`. */
  scope?: Scope;
  /** How sure the declared pin is; lower when a value came through a variable list or a comment. */
  confidence?: Confidence;
  /** A licence the declaration states (`License:` of README.chromium), as written. */
  licence?: string;
  licenceFile?: string;
  /** `bazel` for a `bazel_dep` that names a registry module, not a URL. */
  registry?: 'bazel';
  /** How values were resolved (`${X} = 1.2 at versions.txt:4`), for the evidence. */
  resolved?: string[];
}

const VERSION_IN = /(?:^|[-_/v])v?(\d+(?:[._]\d+){1,3}(?:[-.](?:rc|alpha|beta|p)\d*)?)(?:\.tar\.gz|\.tar\.bz2|\.tar\.xz|\.zip|\.tgz|\/|$)/i;

/** A version-looking piece of an archive URL or folder name (`zstd-1.5.7`, `v1.17.0.tar.gz`, `curl-8_13_0`). */
export function versionFromName(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = VERSION_IN.exec(text);
  if (!m) return undefined;
  // underscores stand for dots only when the whole number uses them (curl-8_13_0)
  return /^\d+(?:_\d+)+$/.test(m[1]!) ? m[1]!.replace(/_/g, '.') : /_/.test(m[1]!) ? undefined : m[1];
}

export { parseMesonWrap } from './parse-meson.js';
export { parseCmakeDeclarations } from './parse-cmake.js';
export { parseBazelDeclarations } from './parse-bazel.js';
