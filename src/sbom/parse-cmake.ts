import type { Confidence } from '../core/finding.js';
import { cmakeCommands, type CmakeCommand } from './cmake-lang.js';
import { versionFromName, type FetchDeclaration } from './fetched.js';
import { isTestCondition, isTestPath } from './scope.js';
import { archiveRef } from './upstream-url.js';
import { isTemplate, VarPool, type VarSite } from './variables.js';

const DECLARE = /^(?:FetchContent_Declare|ExternalProject_Add|CPMAddPackage|CPMDeclarePackage|CPMFindPackage)$/i;
const KEYWORDS = new Set([
  'URL',
  'URL_HASH',
  'URL_MD5',
  'GIT_REPOSITORY',
  'GIT_TAG',
  'GIT_SHALLOW',
  'GIT_PROGRESS',
  'GIT_SUBMODULES',
  'SOURCE_DIR',
  'BINARY_DIR',
  'PATCH_COMMAND',
  'CONFIGURE_COMMAND',
  'BUILD_COMMAND',
  'INSTALL_COMMAND',
  'TEST_COMMAND',
  'UPDATE_COMMAND',
  'DOWNLOAD_COMMAND',
  'CMAKE_ARGS',
  'PREFIX',
  'SOURCE_SUBDIR',
  'USES_TERMINAL_DOWNLOAD',
  'DOWNLOAD_EXTRACT_TIMESTAMP',
  'EXCLUDE_FROM_ALL',
  'SYSTEM',
  'OVERRIDE_FIND_PACKAGE',
  'FIND_PACKAGE_ARGS',
  'NAME',
  'VERSION',
  'GITHUB_REPOSITORY',
  'GITLAB_REPOSITORY',
  'OPTIONS',
  'DOWNLOAD_ONLY',
  'DEPENDS',
  'LOG_DOWNLOAD',
  'TIMEOUT',
  'TLS_VERIFY',
  'DOWNLOAD_NAME',
  'DOWNLOAD_NO_EXTRACT',
  'GIT_CONFIG',
  'GIT_REMOTE_NAME',
  'STEP_TARGETS',
  'BUILD_BYPRODUCTS',
  'BUILD_IN_SOURCE',
  'LIST_SEPARATOR',
  'INSTALL_DIR',
  'TMP_DIR',
  'STAMP_DIR',
  'LOG_CONFIGURE',
  'LOG_BUILD',
  'LOG_INSTALL',
  'UPDATE_DISCONNECTED',
  'CMAKE_CACHE_ARGS',
  'BUILD_ALWAYS',
]);

/** The `set()` values of one CMake file, into the repository's pool. */
export function collectCmakeVars(file: string, commands: readonly CmakeCommand[], pool: VarPool): void {
  for (const c of commands) {
    const lower = c.name.toLowerCase();
    if (lower !== 'set' || !c.args[0] || isTemplate(c.args[0])) continue;
    if (c.inFunction) continue; // a function's locals are its parameters' business
    const end = c.args.findIndex((a, i) => i > 0 && (a === 'CACHE' || a === 'PARENT_SCOPE'));
    const values = c.args.slice(1, end < 0 ? undefined : end);
    pool.set(c.args[0], { value: values.join(';'), file, line: c.line });
  }
}

function keyword(args: readonly string[], key: string): string | undefined {
  const i = args.findIndex((a, k) => k > 0 && a.toUpperCase() === key);
  return i >= 0 && i + 1 < args.length && !KEYWORDS.has(args[i + 1]!) ? args[i + 1] : undefined;
}

/** A release named in the comment next to a pinned sha: `GIT_TAG 53d0d913… # v3.5.0`. */
function commentVersion(comments: readonly string[]): string | undefined {
  for (const c of comments) {
    const m = /(?:^|\s|=|:)v?(\d+\.\d+(?:\.\d+){0,2})\b/.exec(c);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * FetchContent, ExternalProject and CPM declarations of one file, with `${VAR}` resolved from the
 * repository's `set()` values and version lists. A declaration whose name is itself a placeholder
 * is a template (a helper function's body), not a dependency: its callers are expanded instead.
 */
export function cmakeDeclarations(file: string, commands: readonly CmakeCommand[], pool: VarPool, bindings?: Map<string, string>): FetchDeclaration[] {
  const out: FetchDeclaration[] = [];
  for (const c of commands) {
    if (!DECLARE.test(c.name)) continue;
    if (c.inFunction && !bindings) continue; // expanded at the call sites
    const used: VarSite[] = [];
    const expand = (v: string | undefined) =>
      v === undefined ? undefined : pool.expand(bindings ? v.replace(/\$\{(\w+)\}/g, (m, k: string) => bindings.get(k) ?? m) : v, used);
    const cpm = /^CPM/i.test(c.name);
    const args = c.args.map((a) => expand(a)!);
    const short = cpm && args.length === 1 ? /^(gh|gl|bb):([\w.-]+\/[\w.-]+)(?:@([\w.-]+))?(?:#([\w.-]+))?$/.exec(args[0]!) : null;
    const name = short ? short[2]!.split('/')[1]! : cpm ? (keyword(['', ...args], 'NAME') ?? '') : args[0];
    if (!name || isTemplate(name)) continue;
    const ghRepo = cpm ? (short?.[2] ?? keyword(['', ...args], 'GITHUB_REPOSITORY')) : undefined;
    const urls = c.args.slice(1).flatMap((a, i) => (c.args[i]!.toUpperCase() === 'URL' ? [expand(a)!] : []));
    const url = ghRepo ? `https://github.com/${ghRepo}` : (urls.find((u) => !isTemplate(u)) ?? keyword(args, 'GIT_REPOSITORY'));
    const tagRaw = (short ? (short[4] ?? short[3]) : undefined) ?? keyword(args, 'GIT_TAG') ?? (cpm ? keyword(['', ...args], 'VERSION') : undefined);
    const tag = tagRaw && !isTemplate(tagRaw) ? tagRaw : undefined;
    const hash = keyword(args, 'URL_HASH');
    const cleanUrl = url && !isTemplate(url) ? url : undefined;
    const ref = cleanUrl ? archiveRef(cleanUrl) : undefined;
    const commented = tag && /^[0-9a-f]{40}$/i.test(tag) ? commentVersion(c.comments) : undefined;
    const version = versionFromName(tag) ?? (ref?.tag ? versionFromName(ref.tag) : undefined) ?? versionFromName(cleanUrl) ?? commented;
    const viaList = used.some((u) => u.file !== file) || used.length > 0;
    const confidence: Confidence =
      !version && !tag
        ? 'low'
        : commented && version === commented
          ? 'medium'
          : viaList && used.some((u) => !/\.cmake$|CMakeLists\.txt$/.test(u.file))
            ? 'medium'
            : 'high';
    const patch = keyword(args, 'PATCH_COMMAND');
    out.push({
      name,
      via: cpm ? 'cmake-cpm' : /^FetchContent/i.test(c.name) ? 'cmake-fetchcontent' : 'cmake-externalproject',
      file,
      line: c.line,
      url: cleanUrl,
      ref: tag ?? ref?.commit ?? ref?.branch,
      sha256: hash && /^SHA256=/i.test(hash) && !isTemplate(hash) ? hash.slice(7).toLowerCase() : undefined,
      version,
      patches: patch && !isTemplate(patch) ? [`PATCH_COMMAND ${patch}`] : [],
      scope: isTestPath(file) || c.conditions.some(isTestCondition) ? 'test-only' : 'shipped',
      confidence,
      resolved: [...new Set(used.map((u) => `${u.value} from ${u.file}:${u.line}`))],
    });
  }
  return out;
}

/** Parses one file on its own (no variables from elsewhere). */
export function parseCmakeDeclarations(file: string, text: string, pool = new VarPool()): FetchDeclaration[] {
  const commands = cmakeCommands(text);
  collectCmakeVars(file, commands, pool);
  return cmakeDeclarations(file, commands, pool);
}

/**
 * Helper functions that wrap FetchContent (`function(fetch_dep name url) FetchContent_Declare(${name}
 * URL ${url})`): each call binds the parameters, and the body is read once per call.
 */
export function expandCmakeHelpers(all: readonly { file: string; commands: readonly CmakeCommand[] }[], pool: VarPool): FetchDeclaration[] {
  const helpers = new Map<string, { params: string[]; body: CmakeCommand[]; file: string }>();
  for (const { file, commands } of all) {
    for (const c of commands) {
      if (!c.inFunction || !DECLARE.test(c.name)) continue;
      const key = c.inFunction.name.toLowerCase();
      const h = helpers.get(key) ?? { params: c.inFunction.params, body: [], file };
      h.body.push(c);
      helpers.set(key, h);
    }
  }
  if (helpers.size === 0) return [];
  const out: FetchDeclaration[] = [];
  for (const { file, commands } of all) {
    for (const call of commands) {
      const h = helpers.get(call.name.toLowerCase());
      if (!h || call.inFunction) continue;
      const bindings = new Map<string, string>();
      h.params.forEach((p, i) => {
        if (call.args[i] !== undefined) bindings.set(p, pool.expand(call.args[i]!));
      });
      bindings.set('ARGV0', call.args[0] ?? '');
      for (const d of cmakeDeclarations(h.file, h.body, pool, bindings))
        out.push({ ...d, file, line: call.line, scope: isTestPath(file) || call.conditions.some(isTestCondition) ? 'test-only' : d.scope });
    }
  }
  return out;
}
