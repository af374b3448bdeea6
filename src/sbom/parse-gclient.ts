import type { FetchDeclaration } from './fetched.js';
import { assignments, lineFinder, tokenize, type PyValue } from './python-expr.js';
import type { Scope } from './scope.js';
import { archiveRef } from './upstream-url.js';
import { isTemplate } from './variables.js';
import { own } from '../core/own.js';

/** Checkouts that hold build tooling (Chromium's `build`, `buildtools`, `tools/clang`), not shipped code. */
const TOOLING = /^(?:build|buildtools|tools|third_party\/depot_tools|third_party\/llvm-build)(?:\/|$)/;

/**
 * A gclient `DEPS` file: `vars`, then `deps` mapping a checkout path to `url@revision` (a string,
 * or a dict with `url` and `condition`), with `Var('x')` and `{x}` substituted. CIPD packages are
 * prebuilt binaries, not source, and are left out.
 */
export function parseGclientDeps(file: string, text: string): FetchDeclaration[] {
  const tokens = tokenize(text);
  const first = assignments(tokens, text, { get: () => undefined });
  const rawVars = first.get('vars');
  const vars: Record<string, PyValue> = rawVars && typeof rawVars === 'object' && !Array.isArray(rawVars) ? rawVars : {};
  // a var may use another var; two rounds resolve the usual one level of indirection
  for (let round = 0; round < 2; round++) {
    for (const [k, v] of Object.entries(vars))
      if (typeof v === 'string') vars[k] = v.replace(/\{(\w+)\}/g, (m, n: string) => (typeof own(vars, n) === 'string' ? (own(vars, n) as string) : m));
  }
  const values = assignments(tokens, text, { get: () => undefined, vars });
  const deps = values.get('deps');
  if (!deps || typeof deps !== 'object' || Array.isArray(deps)) return [];
  const lineOf = lineFinder(text);
  const prefix = file.split('/').slice(0, -1).join('/');
  const out: FetchDeclaration[] = [];
  for (const [rawPath, spec] of Object.entries(deps)) {
    const entry =
      typeof spec === 'string' ? { url: spec } : spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, PyValue>) : undefined;
    if (!entry || entry.dep_type === 'cipd' || entry.dep_type === 'gcs') continue;
    const full = typeof entry.url === 'string' ? entry.url : undefined;
    if (!full || isTemplate(full)) continue;
    const at = full.lastIndexOf('@');
    const url = at > full.indexOf('://') ? full.slice(0, at) : full;
    const rev = at > full.indexOf('://') ? full.slice(at + 1) : undefined;
    const ref = archiveRef(url);
    // DEPS paths are relative to the checkout's parent unless use_relative_paths is set
    const relative = values.get('use_relative_paths') === true;
    const path = relative ? (prefix ? `${prefix}/${rawPath}` : rawPath) : rawPath.split('/').slice(1).join('/') || rawPath;
    const condition = typeof entry.condition === 'string' ? entry.condition : '';
    const scope: Scope = TOOLING.test(path)
      ? 'build-only'
      : /(?:^|\/)(?:testing|tests?|benchmarks?)(?:\/|$)/.test(path) || /test|bench/i.test(condition)
        ? 'test-only'
        : 'shipped';
    const quoted = text.indexOf(`'${rawPath}'`) >= 0 ? text.indexOf(`'${rawPath}'`) : text.indexOf(`"${rawPath}"`);
    out.push({
      name:
        ref?.github?.split('/')[1] ??
        url
          .replace(/\.git$/, '')
          .split('/')
          .pop() ??
        rawPath,
      via: 'gclient-deps',
      file,
      line: quoted >= 0 ? lineOf(quoted) : 1,
      url,
      ref: rev,
      patches: [],
      path,
      scope,
      confidence: rev ? 'high' : 'low',
      resolved: condition ? [`condition: ${condition}`] : undefined,
    });
  }
  return out;
}
