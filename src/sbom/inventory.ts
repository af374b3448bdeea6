import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { versionFromName, type FetchDeclaration } from './fetched.js';
import { discover, type FoundSubmodule } from './discover.js';
import { checkedOutCommit, commitDate, describeCommit, headOf, isCheckedOut, loadTree, type HeadInfo } from './git-tree.js';
import { componentLicence } from './licence.js';
import { NO_LICENCE, type Component } from './model.js';
import { DEFAULT_OVERRIDES, parseOverrides, type Override } from './overrides.js';
import { DEFAULT_VENDOR_ROOTS } from './roots.js';
import type { TreeSnapshot } from './tree.js';
import type { LoadedTree } from './git-tree.js';
import { normaliseUpstream, upstreamKey } from './upstream-url.js';
import { folderVersion, parseDescribe, resolveVersion } from './version.js';
import { probeVersions, type FolderReader } from './version-probes.js';
import type { VendoredFolder } from './vendored.js';

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
  const notes: string[] = [];
  const walk = async (abs: string, tree: LoadedTree, prefix: string, parent: string | undefined, depth: number): Promise<Component[]> => {
    const { snapshot } = tree;
    const d = discover(snapshot, { roots: options.roots ?? DEFAULT_VENDOR_ROOTS, exclude: options.exclude });
    for (const f of d.skippedFolders) notes.push(`${prefix}${f.path}: not listed: ${f.reason}`);
    for (const o of d.orphanDeclarations) notes.push(`${prefix}.gitmodules:${o.line}: submodule "${o.name}" is declared but has no gitlink in the tree`);
    const submodules = await Promise.all(
      d.submodules.map(async (sm) => {
        const subAbs = join(abs, ...sm.path.split('/'));
        const present = isCheckedOut(subAbs);
        const head = present ? checkedOutCommit(subAbs) : undefined;
        if (head && sm.sha && head !== sm.sha) notes.push(`${prefix}${sm.path}: checked out at ${head.slice(0, 12)} but pinned at ${sm.sha.slice(0, 12)}; its files, licence and version probes are read from the work tree`);
        // the pin's date doubles as the test that its history is here
        const date = present && sm.sha ? await commitDate(subAbs, sm.sha) : undefined;
        const [sub, described] = present ? await Promise.all([loadTree(subAbs, date ? sm.sha : 'HEAD'), date ? describeCommit(subAbs, sm.sha!) : undefined]) : [undefined, undefined];
        const origin = sm.decl?.url && /^\.\.?\//.test(sm.decl.url) ? tree.origin() : undefined;
        const own = { ...submoduleComponent(sm, prefix, parent, origin, sub?.snapshot, date, described), patches: patchesFor(sm.path, snapshot.files).map((f) => `${prefix}${f}`) };
        const nested = sub && depth < MAX_DEPTH ? await walk(sub.repo.root, sub, `${prefix}${sm.path}/`, `${prefix}${sm.path}`, depth + 1) : [];
        return [own, ...nested];
      }),
    );
    return [...submodules.flat(), ...d.vendored.map((v) => vendoredComponent(v, snapshot, prefix, parent, tree.treeIds.get(v.path))), ...d.fetched.map((f) => fetchedComponent(f, prefix, parent))];
  };
  const found = new Map<string, Component>();
  for (const c of await walk(top.repo.root, top, '', undefined, 0)) {
    const seen = found.get(c.key);
    if (!seen) found.set(c.key, c);
    else {
      // a checked-out submodule says more than a build file naming the same commit
      const [main, other] = richness(c) > richness(seen) ? [c, seen] : [seen, c];
      found.set(c.key, { ...main, paths: [...new Set([...main.paths, ...other.paths])].sort(), parents: [...new Set([...main.parents, ...other.parents])].sort() });
    }
  }
  const overridesPath = options.overrides ?? DEFAULT_OVERRIDES;
  const overridesText = top.repo.readIfPresent(overridesPath);
  const overrides = overridesText !== undefined ? parseOverrides(overridesText, overridesPath) : new Map<string, Override>();
  const components = [...found.values()].map((c) => applyOverride(c, overrides)).sort((a, b) => (a.paths[0]! < b.paths[0]! ? -1 : a.paths[0]! > b.paths[0]! ? 1 : a.key < b.key ? -1 : 1));
  // nested walks finish in any order: sorted notes keep THIRD_PARTY_VERSIONS.md reproducible
  return { root: top.repo.root, head: headOf(top.repo.root), origin: top.origin(), components, notes: [...new Set(notes)].sort() };
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

function richness(c: Component): number {
  return (c.present ? 4 : 0) + (c.kind === 'submodule' ? 2 : c.kind === 'vendored' ? 1 : 0) + (c.version.value ? 1 : 0);
}

function folderReader(snapshot: TreeSnapshot, folder: string, files?: readonly string[]): FolderReader {
  const inner = files ?? snapshot.files;
  return { files: inner, read: (rel) => snapshot.read(folder ? `${folder}/${rel}` : rel) };
}

function submoduleComponent(sm: FoundSubmodule, prefix: string, parent: string | undefined, origin: string | undefined, sub: TreeSnapshot | undefined, date: string | undefined, describedRaw: string | undefined): Component {
  const path = `${prefix}${sm.path}`;
  const up = sm.decl?.url ? normaliseUpstream(sm.decl.url, origin) : undefined;
  const described = describedRaw ? parseDescribe(describedRaw, `git describe --tags ${sm.sha!.slice(0, 12)} (in ${path})`) : undefined;
  const reader = sub ? folderReader(sub, '') : undefined;
  const version = resolveVersion({
    described,
    probes: reader ? probeVersions(reader, path) : [],
    folderName: sm.path.split('/').pop(),
    folderPath: path,
    branch: sm.decl?.branch ? { value: sm.decl.branch, location: `${prefix}.gitmodules:${sm.decl.line}` } : undefined,
  });
  const name = up?.slug?.split('/').pop() ?? sm.path.split('/').pop()!;
  return {
    key: `${up ? upstreamKey(up.url) : `path:${path}`}@${sm.sha ?? 'unknown'}`,
    name,
    kind: 'submodule',
    paths: [path],
    url: up?.url,
    github: up?.github,
    commit: sm.sha,
    commitDate: date,
    branch: sm.decl?.branch,
    present: Boolean(sub),
    parents: [parent ?? ''],
    version,
    licence: reader ? componentLicence(reader, path) : { ...NO_LICENCE, review: 'submodule not checked out: no licence file to read' },
    hashes: [],
    declaredIn: sm.decl ? { file: `${prefix}.gitmodules`, line: sm.decl.line } : undefined,
    patches: [],
    recognisedBy: sm.decl ? 'gitlink + .gitmodules' : 'gitlink without a .gitmodules entry',
  };
}

function vendoredComponent(v: VendoredFolder, snapshot: TreeSnapshot, prefix: string, parent: string | undefined, tree: string | undefined): Component {
  const path = `${prefix}${v.path}`;
  const reader = folderReader(snapshot, v.path, v.files);
  const base = v.path.split('/').pop()!;
  const declared = declaredUpstream(reader);
  const up = declared ? normaliseUpstream(declared) : undefined;
  return {
    key: `vendored:${path}`,
    name: folderVersion(base) ? base.replace(/[-_ ]v?\d+(?:\.\d+){1,3}$/, '') : base,
    kind: 'vendored',
    paths: [path],
    url: up?.url,
    github: up?.github,
    present: true,
    parents: [parent ?? ''],
    version: resolveVersion({ probes: probeVersions(reader, path), folderName: base, folderPath: path }),
    licence: componentLicence(reader, path),
    hashes: tree ? [{ alg: 'SHA-1', content: tree }] : [],
    patches: v.files.filter((f) => /\.(patch|diff)$/.test(f)).map((f) => `${path}/${f}`),
    recognisedBy: v.recognisedBy,
  };
}

/** A vendored copy often says where it came from: README.chromium `URL:`, or a GitHub link in the README. */
function declaredUpstream(reader: FolderReader): string | undefined {
  for (const f of reader.files.filter((x) => /^readme/i.test(x))) {
    const text = reader.read(f) ?? '';
    const m = /^URL:\s*(\S+)/m.exec(text) ?? /https:\/\/github\.com\/[\w.-]+\/[\w.-]+/.exec(text);
    if (m) return (m[1] ?? m[0]).replace(/[).,]+$/, '');
  }
  return undefined;
}

function fetchedComponent(f: FetchDeclaration, prefix: string, parent: string | undefined): Component {
  const file = `${prefix}${f.file}`;
  const repoUrl = f.url && /github\.com\/[\w.-]+\/[\w.-]+/.exec(f.url)?.[0];
  const up = f.url ? normaliseUpstream(repoUrl ? `https://${repoUrl}` : f.url) : undefined;
  const commit = f.ref && /^[0-9a-f]{40}$/.test(f.ref) ? f.ref : undefined;
  return {
    // the same archive or commit declared in several build files is one component
    key: up && (commit || f.version) ? `${upstreamKey(up.url)}@${commit ?? f.version}` : `fetched:${file}#${f.name}`,
    name: f.name,
    kind: 'fetched',
    paths: [file],
    url: up?.url,
    github: up?.github,
    commit,
    present: false,
    parents: [parent ?? ''],
    version: resolveVersion({ probes: [], declared: f.version ? { value: f.version, location: `${file}:${f.line}` } : undefined, exactTag: !commit && f.ref && versionFromName(f.ref) ? { tag: f.ref, location: `${file}:${f.line}` } : undefined }),
    licence: { ...NO_LICENCE, review: `downloaded at build time (${f.via}): no licence file in the tree` },
    hashes: f.sha256 ? [{ alg: 'SHA-256', content: f.sha256 }] : [],
    declaredIn: { file, line: f.line },
    patches: f.patches,
    recognisedBy: f.via,
  };
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
    licence: o.licence ? { expression: o.licence, confidence: 'high', files: c.licence.files, method: 'override', review: undefined, score: c.licence.score } : c.licence,
    version: o.version ? { ...c.version, value: o.version, confidence: 'high', evidence: [{ source: 'override', value: o.version, location: o.reason ?? 'overrides file', confidence: 'high' }, ...c.version.evidence] } : c.version,
  };
}
