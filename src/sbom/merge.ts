import type { Component, DeclarationSite, PinConflict } from './model.js';
import { mergeScope, type Scope } from './scope.js';
import { cleanVersion } from './version-probes.js';

/** Names too common to say two declarations are the same upstream. */
const GENERIC = new Set([
  'json',
  'test',
  'tests',
  'utils',
  'util',
  'common',
  'core',
  'src',
  'include',
  'lib',
  'libs',
  'external',
  'deps',
  'tools',
  'build',
  'base',
  'main',
  'data',
  'docs',
  'misc',
  'python',
  'cmake',
  'third_party',
  'vendor',
]);

/** `com_github_google_googletest` → `googletest`, `abseil-cpp` → `abseilcpp`: a name to compare. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(?:com|org|io|net)_(?:github|gitlab|googlesource|google)_(?:[a-z0-9-]+_)?/, '')
    .replace(/^(?:lib(?=[a-z]{4,}))/, '')
    .replace(/[-_.](?:src|source|ep|external|project)$/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** A pin in a form that compares: a full sha lower-cased, a version without `v`/`release-` and trailing `.0`s. */
function pinKey(pin: string): string {
  if (/^[0-9a-f]{40}$/i.test(pin)) return pin.toLowerCase();
  // a date release written two ways (re2's `2023-03-01` and `20230301`) is one pin
  const date = /^v?(\d{4})-?(\d{2})-?(\d{2})$/.exec(pin);
  if (date) return `${date[1]}${date[2]}${date[3]}`;
  const v = cleanVersion(pin);
  return v ? v.replace(/(?:\.0)+$/, '') : pin.toLowerCase();
}

/** Distinct pins of one upstream that cannot both be true: two shas, or two versions. A sha and a tag cannot be compared offline. */
export function pinConflict(sites: readonly DeclarationSite[]): PinConflict | undefined {
  const pinned = sites.filter((s) => s.pin && !/^(?:main|master|head|trunk)$/i.test(s.pin));
  const shas = new Map<string, DeclarationSite>();
  const versions = new Map<string, DeclarationSite>();
  for (const s of pinned) {
    const k = pinKey(s.pin!);
    const into = /^[0-9a-f]{40}$/.test(k) ? shas : versions;
    if (!into.has(k)) into.set(k, s);
  }
  // 24.3 and 24.3.25 say the same at two precisions
  const vkeys = [...versions.keys()];
  const distinctVersions = vkeys.filter((k) => !vkeys.some((o) => o !== k && o.startsWith(`${k}.`)));
  const groups = [shas.size > 1 ? [...shas.values()] : [], distinctVersions.length > 1 ? distinctVersions.map((k) => versions.get(k)!) : []].filter(
    (g) => g.length > 1,
  );
  if (!groups.length) return undefined;
  const pins = groups.flat().map((s) => ({ pin: s.pin!, file: s.file, line: s.line, scope: s.scope }));
  const shipped = groups.some((g) => g.filter((s) => s.scope === 'shipped').length > 1);
  return { pins, shipped };
}

function richness(c: Component): number {
  return (c.present ? 8 : 0) + (c.kind === 'submodule' ? 4 : c.kind === 'vendored' ? 2 : 0) + (c.commit ? 1 : 0) + (c.version.value ? 1 : 0);
}

/** Identity keys of a component: its upstream, its paths in the tree, its names. */
interface Keys {
  upstream?: string;
  paths: string[];
  names: string[];
  /** Paths that belong to whichever component holds them (an inventory's `Files:`). */
  within?: string[];
}

/**
 * One component per upstream: components that share an upstream URL, a path in the tree (a
 * vendored folder wrapping a submodule, a DEPS path, a local_path_override), or — when one of them
 * names no upstream — a distinctive name, are merged. Every declaration site is kept, and
 * different pins of one upstream are reported instead of hidden.
 */
export function mergeComponents(list: readonly Component[], keysOf: (c: Component) => Keys): Component[] {
  const parent = list.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const keys = list.map(keysOf);
  const byUpstream = new Map<string, number>();
  const byPath = new Map<string, number>();
  keys.forEach((k, i) => {
    if (k.upstream) {
      const j = byUpstream.get(k.upstream);
      if (j === undefined) byUpstream.set(k.upstream, i);
      else union(i, j);
    }
    for (const p of k.paths) {
      const j = byPath.get(p);
      if (j === undefined) byPath.set(p, i);
      else union(i, j);
    }
  });
  // an inventory entry naming files inside a component's folder describes that component
  const folders = [...byPath.entries()].filter(([p]) => p.length > 0);
  keys.forEach((k, i) => {
    for (const w of k.within ?? []) {
      const holder = folders.filter(([p]) => w.startsWith(`${p}/`)).sort((x, y) => y[0].length - x[0].length)[0];
      if (holder) union(i, holder[1]);
    }
  });
  // a name joins a component without an upstream to the one component with an upstream of that name
  const upstreamOf = (i: number) => keys.map((k, j) => (find(j) === find(i) ? k.upstream : undefined)).find(Boolean);
  const byName = new Map<string, Set<number>>();
  keys.forEach((k, i) => {
    for (const n of k.names) if (n.length >= 3 && !GENERIC.has(n)) byName.set(n, (byName.get(n) ?? new Set()).add(i));
  });
  for (const members of byName.values()) {
    const roots = [...new Set([...members].map(find))];
    if (roots.length < 2) continue;
    const withUpstream = [...new Set(roots.map((r) => upstreamOf(r)).filter(Boolean))];
    if (withUpstream.length > 1) continue; // two different upstreams share a name: not the same code
    for (const r of roots.slice(1)) union(roots[0]!, r);
  }
  const groups = new Map<number, Component[]>();
  list.forEach((c, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), c]));
  return [...groups.values()].map(combine);
}

function combine(group: Component[]): Component {
  if (group.length === 1) return finish(group[0]!);
  const sorted = [...group].sort((a, b) => richness(b) - richness(a));
  const main = sorted[0]!;
  const withVersion = sorted.find((c) => c.version.value && c.version.confidence !== 'low') ?? sorted.find((c) => c.version.value);
  const withLicence = [...sorted].sort(
    (a, b) => rank(b.licence.expression ? b.licence.confidence : undefined) - rank(a.licence.expression ? a.licence.confidence : undefined),
  )[0]!;
  const url = main.url ?? sorted.find((c) => c.url)?.url;
  const github = main.github ?? sorted.find((c) => c.github)?.github;
  const merged: Component = {
    ...main,
    // code in the tree keeps its folder's name; a declared upstream is named after its repository
    name: main.present || !github ? main.name : github.split('/')[1]!,
    url,
    github,
    commit: main.commit ?? sorted.find((c) => c.commit)?.commit,
    paths: [...new Set([...main.paths, ...sorted.slice(1).flatMap((c) => c.paths)])],
    parents: [...new Set(group.flatMap((c) => c.parents))].sort(),
    version: main.version.value
      ? { ...main.version, evidence: uniqEvidence([...main.version.evidence, ...sorted.slice(1).flatMap((c) => c.version.evidence)]) }
      : withVersion
        ? { ...withVersion.version, evidence: uniqEvidence(sorted.flatMap((c) => c.version.evidence)) }
        : main.version,
    licence:
      main.licence.expression && rank(main.licence.confidence) >= rank(withLicence.licence.confidence)
        ? main.licence
        : withLicence.licence.expression
          ? withLicence.licence
          : main.licence,
    hashes: uniqBy(
      group.flatMap((c) => c.hashes),
      (h) => `${h.alg}:${h.content}`,
    ),
    patches: [...new Set(group.flatMap((c) => c.patches))],
    declaredIn: main.declaredIn ?? sorted.find((c) => c.declaredIn)?.declaredIn,
    recognisedBy: [...new Set(sorted.map((c) => c.recognisedBy))].join('; '),
    sites: uniqBy(
      group.flatMap((c) => c.sites),
      (s) => `${s.file}:${s.line}:${s.via}`,
    ),
    scope: main.scope,
  };
  return finish(merged, group);
}

function finish(c: Component, group: Component[] = [c]): Component {
  const sites = [...c.sites].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const declared = sites.map((s) => s.scope).filter((s): s is Scope => s !== 'unknown');
  const scope = declared.length ? mergeScope(declared) : mergeScope(group.map((g) => g.scope));
  return { ...c, sites, scope, pinConflict: pinConflict(sites) };
}

const RANKS = { high: 3, medium: 2, low: 1 } as const;
function rank(c: keyof typeof RANKS | undefined): number {
  return c ? RANKS[c] : 0;
}

function uniqBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function uniqEvidence<T extends { source: string; value: string; location: string }>(items: T[]): T[] {
  return uniqBy(items, (e) => `${e.source}|${e.value}|${e.location}`);
}
