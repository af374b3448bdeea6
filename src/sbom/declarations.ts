import { cmakeCommands, type CmakeCommand } from './cmake-lang.js';
import type { FetchDeclaration } from './fetched.js';
import { bazelConstants, bazelLoads, parseBazelDeclarations } from './parse-bazel.js';
import { cmakeDeclarations, collectCmakeVars, expandCmakeHelpers } from './parse-cmake.js';
import { parseGclientDeps } from './parse-gclient.js';
import { parseMesonWrap } from './parse-meson.js';
import { isMetadataFile, parseMetadataFile } from './parse-metadata.js';
import { isVendoringScript, parseVendoringScript } from './parse-script.js';
import type { PyValue } from './python-expr.js';
import { isNotTheBuild } from './scope.js';
import type { TreeSnapshot } from './tree.js';
import { keyValueLines, VarPool } from './variables.js';

const CMAKE = /(?:^|\/)(?:CMakeLists\.txt|[^/]+\.cmake)(?:\.in)?$/;
const BAZEL = /(?:^|\/)(?:WORKSPACE(?:\.bazel|\.bzlmod)?|MODULE\.bazel|[^/]+\.bzl)$/;
const CMAKE_HINT = /FetchContent_Declare|ExternalProject_Add|CPMAddPackage|CPMDeclarePackage|CPMFindPackage/i;
const BAZEL_HINT = /http_archive|git_repository|bazel_dep|_archive\s*\(|_repository\s*\(|urls?\s*=/;
/** Lists of versions a build reads (`versions.txt`, `third_party_release`, `deps.env`). */
const VERSION_LIST = /(?:^|[-_.])(?:versions?|releases?|deps|dependencies|pins?)(?:[-_.]|$)/i;

export interface DeclarationScan {
  declarations: FetchDeclaration[];
  /** Build files that were not read as the repository's own build, with why. */
  ignored: { file: string; reason: string }[];
}

/**
 * Every declaration of third-party code in one tree: build files (CMake, Bazel, meson, gclient),
 * metadata files and vendoring scripts. Variables are resolved across the repository first, so a
 * `${X_VERSION}` set in one file and used in another resolves; a name set to two values does not.
 */
export function scanDeclarations(tree: TreeSnapshot, vendorRoots: ReadonlySet<string>, insideSubmodule: (p: string) => boolean): DeclarationScan {
  const ignored: { file: string; reason: string }[] = [];
  const pool = new VarPool();
  const cmakeFiles: { file: string; commands: CmakeCommand[] }[] = [];
  const bazelFiles: { file: string; text: string }[] = [];
  const out: FetchDeclaration[] = [];
  const readLists = new Set<string>();
  for (const file of tree.files) {
    if (insideSubmodule(file)) continue;
    const cmake = CMAKE.test(file);
    const bazel = BAZEL.test(file);
    const base = file.split('/').pop()!;
    const wrap = base.endsWith('.wrap') && file.split('/').includes('subprojects');
    const deps = base === 'DEPS';
    const meta = isMetadataFile(file);
    const script = isVendoringScript(file, vendorRoots);
    if (!cmake && !bazel && !wrap && !deps && !meta && !script) continue;
    if (isNotTheBuild(file)) {
      if (cmake || bazel || wrap || deps)
        ignored.push({ file, reason: "in a folder of test cases, fixtures, templates or documentation: data, not this repository's build" });
      continue;
    }
    const text = tree.read(file);
    if (text === undefined) continue;
    if (cmake) {
      // set() values are needed from every CMake file; the commands only where something is declared or set
      if (!/\bset\s*\(|\bfile\s*\(/i.test(text) && !CMAKE_HINT.test(text)) continue;
      const commands = cmakeCommands(text);
      collectCmakeVars(file, commands, pool);
      for (const c of commands)
        if (/^file$/i.test(c.name) && /^(?:STRINGS|READ)$/i.test(c.args[0] ?? '') && c.args[1])
          readLists.add(c.args[1].replace(/^\$\{(?:CMAKE_CURRENT_(?:SOURCE|LIST)_DIR|PROJECT_SOURCE_DIR|CMAKE_SOURCE_DIR)\}\//, ''));
      if (CMAKE_HINT.test(text)) cmakeFiles.push({ file, commands });
    } else if (bazel) {
      if (BAZEL_HINT.test(text)) bazelFiles.push({ file, text });
    } else if (wrap) {
      const d = parseMesonWrap(file, text);
      if (d) out.push(d);
    } else if (deps) out.push(...parseGclientDeps(file, text));
    else if (meta) out.push(...parseMetadataFile(file, text));
    else if (script) out.push(...parseVendoringScript(file, text));
  }
  // KEY=VALUE lists: the ones CMake reads, and files named as version lists
  for (const file of tree.files) {
    const base = file.split('/').pop()!;
    const named = base !== 'DEPS' && VERSION_LIST.test(base) && /^[^.]*(?:\.(?:txt|env|cfg|list|sh))?$/i.test(base) && !insideSubmodule(file);
    const read = [...readLists].some((r) => file === r || file.endsWith(`/${r}`));
    if (!named && !read) continue;
    const text = tree.read(file);
    if (text === undefined || text.length > 200_000) continue;
    for (const kv of keyValueLines(text)) pool.set(kv.key, { value: kv.value, file, line: kv.line }, true);
    if (named && !isNotTheBuild(file)) out.push(...parseVendoringScript(file, text, true));
  }
  for (const { file, commands } of cmakeFiles) out.push(...cmakeDeclarations(file, commands, pool));
  out.push(...expandCmakeHelpers(cmakeFiles, pool));
  out.push(...bazelDeclarations(tree, bazelFiles));
  return { declarations: out, ignored };
}

/** Bazel files with the constants of the files they `load` (`XLA_COMMIT` from `revision.bzl`). */
function bazelDeclarations(tree: TreeSnapshot, files: { file: string; text: string }[]): FetchDeclaration[] {
  const cache = new Map<string, Map<string, PyValue>>();
  const constantsOf = (path: string) => {
    if (!cache.has(path)) {
      const text = tree.read(path);
      cache.set(path, text === undefined ? new Map() : bazelConstants(text));
    }
    return cache.get(path)!;
  };
  const out: FetchDeclaration[] = [];
  for (const { file, text } of files) {
    const loaded = new Map<string, PyValue>();
    for (const l of bazelLoads(text)) {
      const consts = constantsOf(l.path);
      for (const [local, remote] of l.names) if (consts.has(remote)) loaded.set(local, consts.get(remote));
    }
    out.push(...parseBazelDeclarations(file, text, { get: (n) => loaded.get(n) }));
  }
  return out;
}
