import { join } from 'node:path';
import { fetchedComponent, inventoryComponent, submoduleComponent, vendoredComponent } from './components.js';
import { discover } from './discover.js';
import { checkedOutCommit, commitFacts, headOf, isCheckedOut, loadTree, type HeadInfo } from './git-tree.js';
import type { LoadedTree } from './git-tree.js';
import { mergeComponents, nameKey } from './merge.js';
import type { Component } from './model.js';
import { DEFAULT_OVERRIDES, parseOverrides, type Override } from './overrides.js';
import { DEFAULT_VENDOR_ROOTS } from './roots.js';
import { selfNames } from './self.js';
import { archiveRef, normaliseUpstream, upstreamKey } from './upstream-url.js';

export interface SbomOptions {
  /** Folder names that hold vendored code (default: third_party, vendor, extern, …). */
  roots?: readonly string[];
  /** Globs of folders that are not components. */
  exclude?: readonly string[];
  /** Overrides file, repository-relative (default .groundwork/sbom-overrides.yml). */
  overrides?: string;
}

/** Every vendored component of a repository, with how each fact was found. */
export interface Inventory {
  root: string;
  head?: HeadInfo;
  origin?: string;
  components: Component[];
  notes: string[];
}

const MAX_DEPTH = 6;

/**
 * Discovers, versions and licences every component; reads the disk and runs git, never the network.
 * Submodules of one level are read concurrently; results are merged in tree order, so the output
 * does not depend on which git process finishes first.
 */
export async function buildInventory(dir: string, options: SbomOptions = {}): Promise<Inventory> {
  const top = await loadTree(dir);
  // every git process is started before anything is parsed: spawning costs more as the heap grows
  const head = headOf(top.repo.root);
  const states = await gitStates(top, 0);
  const notes: string[] = [];
  const walk = (tree: LoadedTree, prefix: string, parent: string | undefined, depth: number, known: Map<string, SubmoduleState>): Component[] => {
    const { snapshot } = tree;
    const own = depth === 0 ? selfNames(snapshot, tree.origin()) : undefined;
    const d = discover(snapshot, { roots: options.roots ?? DEFAULT_VENDOR_ROOTS, exclude: options.exclude, selfKey: own?.key });
    for (const f of d.skippedFolders) notes.push(`${prefix}${f.path}: not listed: ${f.reason}`);
    for (const o of d.orphanDeclarations) notes.push(`${prefix}.gitmodules:${o.line}: submodule "${o.name}" is declared but has no gitlink in the tree`);
    for (const i of d.ignored) notes.push(`${prefix}${i.file}: not read: ${i.reason}`);
    const submodules = d.submodules.map((sm) => {
      const { head: at, date, described, sub, nested: below } = known.get(sm.path) ?? {};
      if (at && sm.sha && at !== sm.sha)
        notes.push(
          `${prefix}${sm.path}: checked out at ${at.slice(0, 12)} but pinned at ${sm.sha.slice(0, 12)}; its files, licence and version probes are read from the work tree`,
        );
      const origin = sm.decl?.url && /^\.\.?\//.test(sm.decl.url) ? tree.origin() : undefined;
      const mine = {
        ...submoduleComponent(sm, prefix, parent, origin, sub?.snapshot, date, described),
        patches: patchesFor(sm.path, snapshot.files).map((f) => `${prefix}${f}`),
      };
      const nested = sub && below ? walk(sub, `${prefix}${sm.path}/`, `${prefix}${sm.path}`, depth + 1, below) : [];
      return [mine, ...nested];
    });
    const vendored = d.vendored.map((v) => {
      const c = vendoredComponent(v, snapshot, prefix, parent, tree.treeIds.get(v.path));
      identity.set(c, [...c.paths, ...(v.wraps ?? []).map((w) => `${prefix}${w}`)]);
      return c;
    });
    const fetched = d.fetched.map((f) => {
      const c = fetchedComponent(f, prefix, parent);
      identity.set(c, f.path ? [`${prefix}${f.path}`] : []);
      return c;
    });
    const listed = d.inventories.map((e) => {
      const c = inventoryComponent(e, prefix, parent);
      identity.set(
        c,
        e.paths.map((p) => `${prefix}${p}`),
      );
      return c;
    });
    const all = [...submodules.flat(), ...vendored, ...fetched, ...listed];
    if (!own) return all;
    // the project is not its own dependency (a test that fetches the library itself, its own module)
    return all.filter((c) => {
      const key = c.url ? (archiveRef(c.url)?.key ?? upstreamKey(c.url)) : undefined;
      const self = (key && own.key && key === own.key) || (c.kind === 'fetched' && !key && own.names.has(nameKey(c.name)));
      if (self) notes.push(`${c.declaredIn ? `${c.declaredIn.file}:${c.declaredIn.line}` : c.paths[0]}: ${c.name} is this repository itself, not a dependency`);
      return !self;
    });
  };
  const identity = new Map<Component, string[]>();
  const walked = walk(top, '', undefined, 0, states);
  const components0 = mergeComponents(walked, (c) => ({
    upstream: c.url ? (archiveRef(c.url)?.key ?? upstreamKey(c.url)) : undefined,
    paths: identity.get(c) ?? (c.kind === 'submodule' ? c.paths : []),
    within: c.recognisedBy.startsWith('licence inventory') ? identity.get(c) : undefined,
    names: [
      ...new Set(
        [c.name, c.github?.split('/')[1], c.kind === 'fetched' || !c.present ? undefined : c.paths[0]?.split('/').pop()]
          .filter((n): n is string => Boolean(n))
          .map(nameKey),
      ),
    ],
  }));
  const overridesPath = options.overrides ?? DEFAULT_OVERRIDES;
  const overridesText = top.repo.readIfPresent(overridesPath);
  const overrides = overridesText !== undefined ? parseOverrides(overridesText, overridesPath) : new Map<string, Override>();
  const components = components0
    .map((c) => applyOverride(c, overrides))
    .sort((a, b) => (a.paths[0]! < b.paths[0]! ? -1 : a.paths[0]! > b.paths[0]! ? 1 : a.key < b.key ? -1 : 1));
  // nested walks finish in any order: sorted notes keep THIRD_PARTY_VERSIONS.md reproducible
  return { root: top.repo.root, head, origin: top.origin(), components, notes: [...new Set(notes)].sort() };
}

/** What git says about one submodule of a tree, and the same for the submodules inside it. */
interface SubmoduleState {
  /** The checked-out commit (when it can be read from the files). */
  head?: string;
  /** Committer date of the pin: its presence says the pin's history is here. */
  date?: string;
  described?: string;
  sub?: LoadedTree;
  nested?: Map<string, SubmoduleState>;
}

/**
 * Asks git everything the inventory needs, for every checked-out submodule at every level, before
 * any file is parsed: submodules run concurrently, and each process is forked from a small heap.
 */
async function gitStates(tree: LoadedTree, depth: number): Promise<Map<string, SubmoduleState>> {
  const out = new Map<string, SubmoduleState>();
  await Promise.all(
    tree.snapshot.gitlinks.map(async (g) => {
      const subAbs = join(tree.repo.root, ...g.path.split('/'));
      if (!isCheckedOut(subAbs)) return;
      const state: SubmoduleState = { head: checkedOutCommit(subAbs) };
      out.set(g.path, state);
      // the pin's date doubles as the test that its history is here
      const facts = g.sha ? await commitFacts(subAbs, g.sha) : {};
      state.date = facts.date;
      state.described = facts.date ? facts.described : undefined;
      state.sub = await loadTree(subAbs, facts.date ? g.sha : 'HEAD');
      if (depth < MAX_DEPTH) state.nested = await gitStates(state.sub, depth + 1);
    }),
  );
  return out;
}

/**
 * Patches the superproject keeps for a submodule (`third_party/kineto.patch`,
 * `patches/kineto/0001-fix.patch`): a patched copy is recorded as pedigree.
 */
function patchesFor(path: string, files: readonly string[]): string[] {
  const name = path.split('/').pop()!.toLowerCase();
  return files.filter((f) => {
    if (!/\.(patch|diff)$/i.test(f) || f.startsWith(`${path}/`)) return false;
    const parts = f.toLowerCase().split('/');
    const base = parts[parts.length - 1]!;
    const inPatchPlace = parts.some((p) => p === 'patches' || DEFAULT_VENDOR_ROOTS.includes(p));
    return inPatchPlace && (base.startsWith(`${name}.`) || base.startsWith(`${name}-`) || base.startsWith(`${name}_`) || parts.slice(0, -1).includes(name));
  });
}

function applyOverride(c: Component, overrides: Map<string, Override>): Component {
  const o = c.paths.map((p) => overrides.get(p)).find(Boolean) ?? overrides.get(c.name);
  if (!o) return c;
  const up = o.url ? normaliseUpstream(o.url) : undefined;
  return {
    ...c,
    name: o.name ?? c.name,
    url: up?.url ?? c.url,
    github: up ? up.github : c.github,
    licence: o.licence
      ? { expression: o.licence, confidence: 'high', files: c.licence.files, method: 'override', review: undefined, score: c.licence.score }
      : c.licence,
    version: o.version
      ? {
          ...c.version,
          value: o.version,
          confidence: 'high',
          evidence: [{ source: 'override', value: o.version, location: o.reason ?? 'overrides file', confidence: 'high' }, ...c.version.evidence],
        }
      : c.version,
  };
}
