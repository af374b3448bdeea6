import { versionFromName, type FetchDeclaration } from './fetched.js';
import { assignments, callsIn, lineFinder, tokenize, type PyValue, type Scope as PyScope } from './python-expr.js';
import { isTestPath, type Scope } from './scope.js';
import { archiveRef } from './upstream-url.js';
import { isTemplate } from './variables.js';

/** Repository rules that download code; wrappers (`tf_http_archive`, `maybe(http_archive, …)`) too. */
const FETCH_RULE = /(?:^|_)(?:http_archive|git_repository|new_git_repository|http_file|http_jar|github_archive|archive|repository)$/;
const LOCAL_RULE = /^(?:new_)?local_repository$/;

/** Bazel's own rule sets and toolchains: needed to build, not shipped in what is built. */
export function isBazelTooling(name: string): boolean {
  return /^(?:rules_\w+|bazel_\w+|build_bazel_\w+|io_bazel_\w+|platforms|apple_support|toolchains_\w+|\w+_toolchains?|buildifier\w*|buildozer|gazelle|bazel_gazelle|hedron_compile_commands|local_config_\w+)$/i.test(
    name,
  );
}

function str(v: PyValue): string | undefined {
  return typeof v === 'string' && v !== '' && !isTemplate(v) ? v : undefined;
}

function strList(v: PyValue): string[] {
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '' && !isTemplate(x));
}

/** `sha256-<base64>` (Subresource Integrity) → hex, so archive hashes compare across build systems. */
function integrityHex(v: string | undefined): string | undefined {
  const m = v ? /^sha256-([A-Za-z0-9+/=]+)$/.exec(v) : null;
  return m ? Buffer.from(m[1]!, 'base64').toString('hex') : undefined;
}

function scopeOf(file: string, kwargs: Record<string, PyValue>, name: string): Scope {
  if (kwargs.dev_dependency === true || isTestPath(file)) return 'test-only';
  return isBazelTooling(name) ? 'build-only' : 'shipped';
}

/**
 * Declarations of `WORKSPACE`, `*.bzl` and `MODULE.bazel`: repository rules with their URLs, commit,
 * tag, sha256 and strip_prefix; `bazel_dep` with its version and `dev_dependency`; the overrides
 * that pin a module to an archive, a commit or a local path. Comments and docstrings are dropped
 * first, and names are resolved from the file's constants and what it `load`s.
 */
export function parseBazelDeclarations(file: string, text: string, outer?: PyScope): FetchDeclaration[] {
  const tokens = tokenize(text);
  const base: PyScope = outer ?? { get: () => undefined };
  const consts = assignments(tokens, text, base);
  const scope: PyScope = { get: (n) => (consts.has(n) ? consts.get(n) : base.get(n)) };
  const lineOf = lineFinder(text);
  const out: FetchDeclaration[] = [];
  const modules = new Map<string, FetchDeclaration>();
  const isModuleFile = /(^|\/)MODULE\.bazel$/.test(file);
  let self: string | undefined;
  for (const call of callsIn(tokens, scope)) {
    const k = call.kwargs;
    const line = lineOf(call.at);
    if (call.fn === 'module' && isModuleFile) {
      self = str(k.name);
      continue;
    }
    if (call.fn === 'bazel_dep') {
      const name = str(k.name);
      if (!name) continue;
      const version = str(k.version);
      const d: FetchDeclaration = {
        name,
        via: 'bazel-dep',
        file,
        line,
        version: version && version !== '0.0.0' ? version : undefined,
        patches: [],
        registry: 'bazel',
        scope: scopeOf(file, k, name),
        confidence: version ? 'high' : 'low',
      };
      modules.set(name, d);
      out.push(d);
      continue;
    }
    if (/^(?:archive_override|git_override|local_path_override|single_version_override)$/.test(call.fn)) {
      const d = modules.get(str(k.module_name) ?? '');
      if (!d) continue;
      const urls = strList(k.urls ?? k.url);
      const remote = str(k.remote);
      if (call.fn === 'local_path_override') d.path = str(k.path)?.replace(/^\.\//, '').replace(/\/+$/, '');
      if (urls[0] || remote) {
        d.url = urls[0] ?? remote;
        d.registry = undefined;
        const ref = archiveRef(d.url!);
        d.ref = str(k.commit) ?? str(k.tag) ?? ref?.commit ?? ref?.tag;
        d.version = versionFromName(str(k.strip_prefix)) ?? versionFromName(str(k.tag)) ?? (ref?.tag ? versionFromName(ref.tag) : undefined) ?? d.version;
        d.sha256 = integrityHex(str(k.integrity)) ?? str(k.sha256);
      }
      if (str(k.version)) d.version = str(k.version);
      d.patches.push(...strList(k.patches));
      d.resolved = [...(d.resolved ?? []), `${call.fn} at ${file}:${line}`];
      continue;
    }
    const rule = FETCH_RULE.test(call.fn)
      ? call.fn
      : call.fn === 'maybe' && call.argNames[0] && FETCH_RULE.test(call.argNames[0])
        ? call.argNames[0]
        : undefined;
    const name = str(k.name);
    if (!name) continue;
    if (LOCAL_RULE.test(call.fn) || (call.fn === 'maybe' && LOCAL_RULE.test(call.argNames[0] ?? ''))) {
      const path = str(k.path);
      if (path && !path.startsWith('/'))
        out.push({
          name,
          via: 'bazel-local-repository',
          file,
          line,
          patches: [],
          path: path.replace(/^\.\//, '').replace(/\/+$/, ''),
          scope: scopeOf(file, k, name),
          confidence: 'low',
        });
      continue;
    }
    const urls = strList(k.urls ?? k.url);
    const remote = str(k.remote) ?? str(k.repo) ?? str(k.repository);
    if (!rule && !(urls.length && (k.sha256 !== undefined || k.strip_prefix !== undefined || k.commit !== undefined))) continue;
    // a mirror first and the origin second: prefer a URL that names the repository
    const url =
      urls.find((u) => archiveRef(u)?.github) ??
      urls[0] ??
      (remote && /^(?:https?|git|ssh):\/\/|^git@/.test(remote)
        ? remote
        : remote && /^[\w.-]+\/[\w.-]+$/.test(remote)
          ? `https://github.com/${remote}`
          : undefined);
    if (!url && !rule) continue;
    if (!url && !str(k.commit) && !str(k.tag)) continue; // a rule call with nothing to say (a template's body)
    const ref = url ? archiveRef(url) : undefined;
    const commit = str(k.commit) ?? ref?.commit;
    const tag = str(k.tag) ?? ref?.tag;
    out.push({
      name,
      via: /git/.test(rule ?? '') ? 'bazel-git-repository' : 'bazel-http-archive',
      file,
      line,
      url,
      ref: commit ?? str(k.tag) ?? ref?.branch,
      sha256: str(k.sha256) ?? integrityHex(str(k.integrity)),
      version: versionFromName(str(k.strip_prefix)) ?? versionFromName(tag) ?? versionFromName(str(k.version)) ?? versionFromName(url),
      patches: [...strList(k.patches), ...strList(k.patch_file)],
      scope: scopeOf(file, k, name),
      confidence: commit || tag || versionFromName(url) ? 'high' : 'medium',
    });
  }
  // the module itself is not its own dependency
  return out.filter((d) => d.name !== self);
}

/** `load("//third_party/xla:revision.bzl", "XLA_COMMIT")` → the repository path and names it loads. */
export function bazelLoads(text: string): { path: string; names: Map<string, string> }[] {
  const out: { path: string; names: Map<string, string> }[] = [];
  for (const m of text.matchAll(/^load\(\s*"(?:@[\w.-]*)?\/\/([\w./-]*):([\w./-]+)"((?:\s*,\s*(?:\w+\s*=\s*)?"[^"]+")*)\s*,?\s*\)/gm)) {
    const names = new Map<string, string>();
    for (const n of m[3]!.matchAll(/(?:(\w+)\s*=\s*)?"([^"]+)"/g)) names.set(n[1] ?? n[2]!, n[2]!);
    out.push({ path: `${m[1] ? `${m[1]}/` : ''}${m[2]}`, names });
  }
  return out;
}

/** The module-level constants of one Bazel file, for the files that load them. */
export function bazelConstants(text: string): Map<string, PyValue> {
  return assignments(tokenize(text), text, { get: () => undefined });
}
