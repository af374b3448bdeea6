import type { FoundSubmodule } from './discover.js';
import { versionFromName, type FetchDeclaration } from './fetched.js';
import { componentLicence } from './licence.js';
import { licenceFromPhrase } from './licence-phrase.js';
import { NO_LICENCE, type Component, type LicenceInfo } from './model.js';
import type { InventoryEntry } from './parse-inventory.js';
import { isTestPath } from './scope.js';
import type { TreeSnapshot } from './tree.js';
import { archiveRef, normaliseUpstream, upstreamKey } from './upstream-url.js';
import { folderVersion, parseDescribe, resolveVersion } from './version.js';
import { probeVersions, type FolderReader } from './version-probes.js';
import type { VendoredFolder } from './vendored.js';

export function folderReader(snapshot: TreeSnapshot, folder: string, files?: readonly string[]): FolderReader {
  const inner = files ?? snapshot.files;
  return { files: inner, read: (rel) => snapshot.read(folder ? `${folder}/${rel}` : rel) };
}

export function submoduleComponent(
  sm: FoundSubmodule,
  prefix: string,
  parent: string | undefined,
  origin: string | undefined,
  sub: TreeSnapshot | undefined,
  date: string | undefined,
  describedRaw: string | undefined,
): Component {
  const path = `${prefix}${sm.path}`;
  const up = sm.decl?.url ? normaliseUpstream(sm.decl.url, origin) : undefined;
  const described = describedRaw ? parseDescribe(describedRaw, `git describe --tags ${sm.sha!.slice(0, 12)} (in ${path})`) : undefined;
  const reader = sub ? folderReader(sub, '') : undefined;
  const version = resolveVersion({
    described,
    probes: reader ? probeVersions(reader, path, sm.path.split('/').pop()) : [],
    folderName: sm.path.split('/').pop(),
    folderPath: path,
    branch: sm.decl?.branch ? { value: sm.decl.branch, location: `${prefix}.gitmodules:${sm.decl.line}` } : undefined,
  });
  const name = up?.slug?.split('/').pop() ?? sm.path.split('/').pop()!;
  const declaredIn = sm.decl ? { file: `${prefix}.gitmodules`, line: sm.decl.line } : undefined;
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
    declaredIn,
    patches: [],
    recognisedBy: sm.decl ? 'gitlink + .gitmodules' : 'gitlink without a .gitmodules entry',
    scope: isTestPath(`${path}/x`) ? 'test-only' : 'unknown',
    sites: [{ file: declaredIn?.file ?? path, line: declaredIn?.line ?? 1, via: 'gitlink', pin: sm.sha, scope: 'unknown' }],
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

export function vendoredComponent(v: VendoredFolder, snapshot: TreeSnapshot, prefix: string, parent: string | undefined, tree: string | undefined): Component {
  const path = `${prefix}${v.path}`;
  // a single copied file is read from its folder, as the only file there
  const reader = v.singleFile ? folderReader(snapshot, v.path.split('/').slice(0, -1).join('/'), v.files) : folderReader(snapshot, v.path, v.files);
  const base = v.path.split('/').pop()!;
  const name = v.name ?? (folderVersion(base) ? base.replace(/[-_ ]v?\d+(?:\.\d+){1,3}$/, '') : base);
  const declared = declaredUpstream(reader);
  const up = declared ? normaliseUpstream(declared) : undefined;
  return {
    key: `vendored:${path}`,
    name,
    kind: 'vendored',
    paths: [path],
    url: up?.host ? up.url : undefined,
    github: up?.github,
    present: true,
    parents: [parent ?? ''],
    version: resolveVersion({ probes: probeVersions(reader, path, name), folderName: base, folderPath: path }),
    licence: componentLicence(reader, path, v.singleFile),
    hashes: tree ? [{ alg: 'SHA-1', content: tree }] : [],
    patches: v.files.filter((f) => /\.(patch|diff)$/.test(f)).map((f) => `${path}/${f}`),
    recognisedBy: v.recognisedBy,
    scope: isTestPath(`${path}/x`) ? 'test-only' : 'unknown',
    sites: [],
  };
}

/** A declared licence (`License: BSD` in README.chromium): the project's word, not verified by reading a text. */
function declaredLicence(raw: string | undefined, file: string, licenceFile?: string): LicenceInfo | undefined {
  const expression = licenceFromPhrase(raw);
  if (!expression) return undefined;
  return {
    expression,
    confidence: 'medium',
    files: [licenceFile ?? file],
    method: 'declared',
    review: `declared in ${file}${licenceFile ? `; licence file ${licenceFile}` : ''}, not read from a licence text`,
  };
}

export function fetchedComponent(f: FetchDeclaration, prefix: string, parent: string | undefined): Component {
  const file = `${prefix}${f.file}`;
  const ref = f.url ? archiveRef(f.url) : undefined;
  const up = ref ? normaliseUpstream(ref.repo) : f.url ? normaliseUpstream(f.url) : undefined;
  const commit = f.ref && /^[0-9a-f]{40}$/i.test(f.ref) ? f.ref.toLowerCase() : ref?.commit;
  const tag = !commit && f.ref && versionFromName(f.ref) ? f.ref : undefined;
  const location = `${file}:${f.line}`;
  const resolved = f.resolved?.length ? ` (${f.resolved.join('; ')})` : '';
  const version = resolveVersion({
    probes: [],
    declared: f.version && f.confidence !== 'medium' ? { value: f.version, location: `${location}${resolved}` } : undefined,
    exactTag: tag && f.confidence !== 'medium' ? { tag, location: `${location}${resolved}` } : undefined,
  });
  // a value read through a version list or a comment is less sure than one written in place
  if (f.version && f.confidence === 'medium') {
    version.evidence.push({ source: 'declaration', value: f.version, location: `${location}${resolved}`, confidence: 'medium' });
    version.value ??= f.version;
    version.confidence ??= 'medium';
  }
  const registryName = f.registry === 'bazel' ? f.name : undefined;
  return {
    key: up && (commit || f.version) ? `${upstreamKey(up.url)}@${commit ?? f.version}` : `fetched:${file}#${f.name}`,
    name: f.name,
    kind: 'fetched',
    // where it is declared; where the build puts it (f.path) is only used to match it with a copy in the tree
    paths: [file],
    url: up?.host ? up.url : undefined,
    github: up?.github,
    commit,
    present: false,
    parents: [parent ?? ''],
    version,
    licence: declaredLicence(f.licence, file, f.licenceFile ? `${prefix}${f.path ? `${f.path}/` : ''}${f.licenceFile}` : undefined) ?? {
      ...NO_LICENCE,
      review: `${f.via === 'metadata-file' ? 'described by' : 'downloaded at build time by'} ${file}: no licence file in the tree`,
    },
    hashes: f.sha256 ? [{ alg: 'SHA-256', content: f.sha256 }] : [],
    declaredIn: { file, line: f.line },
    patches: f.patches,
    recognisedBy: registryName ? `${f.via} (Bazel registry module ${registryName})` : f.via,
    scope: f.scope ?? 'unknown',
    sites: [{ file, line: f.line, via: f.via, pin: commit ?? f.ref ?? f.version, scope: f.scope ?? 'unknown' }],
  };
}

export function inventoryComponent(e: InventoryEntry, prefix: string, parent: string | undefined): Component {
  const file = `${prefix}${e.file}`;
  const present = e.paths.length > 0;
  return {
    key: `inventory:${file}#${e.name}`,
    name: e.name,
    kind: 'vendored',
    paths: present ? e.paths.map((p) => `${prefix}${p}`) : [file],
    url: e.url,
    github: e.github,
    commit: e.commit,
    present,
    parents: [parent ?? ''],
    version: { evidence: [], conflicts: [] },
    licence: e.licence
      ? {
          expression: e.licence,
          confidence: 'medium',
          files: [file],
          method: e.licenceHow === 'text-match' ? 'inventory-text' : 'inventory',
          review: `from the licence inventory ${file}:${e.line}`,
        }
      : { ...NO_LICENCE, review: `listed in ${file}:${e.line} without a licence that could be identified` },
    hashes: [],
    declaredIn: { file, line: e.line },
    patches: [],
    recognisedBy: `licence inventory ${file}`,
    scope: present && e.paths.every((p) => isTestPath(`${p}/x`)) ? 'test-only' : 'unknown',
    sites: [{ file, line: e.line, via: 'licence-inventory', pin: e.commit, scope: 'unknown' }],
  };
}
