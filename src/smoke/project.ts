import { lstatSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Config } from '../config/config.js';
import type { Repository } from '../services/repository.js';
import { ScanCache, contentKey } from './cache.js';
import { dependencyNamespace, importNamesOf, pyprojectRequirements, requirementsLines, setupRequires, type DeclaredDependencies } from './dependencies.js';
import { byPath, listFiles, type ListedFile } from './file-list.js';
import { ModuleIndex } from './module-index.js';
import { cythonNames } from './module-names.js';
import { projectLayout, type ProjectLayout } from './project-layout.js';
import type { ScanResult } from './records.js';
import { ReadBuffer, readSourceText } from './read-source.js';
import { Resolver } from './resolve.js';
import { readAndScan, scanText, type FileScan } from './scan-file.js';
import { scanInWorkers, scanWorkerCount, type WorkerScan } from './parallel-scan.js';
import { STDLIB_MODULES } from './stdlib-modules.js';
import { inInputFolder } from './test-inputs.js';

/** The `smoke:` section of groundwork.yml. */
export interface SmokeConfig {
  /** Directories that are on sys.path before the standard library (default: the repository root, and src/ for a src layout). */
  roots: string[];
  /** Packages (dotted names or directories) to analyse; the whole repository still resolves. */
  packages: string[];
  /** Compiled modules (torch._C, torch.version …); what is below them is not checked either. */
  compiled: string[];
  /** Packages or modules the build generates or mirrors at install time; what is below them is not checked. */
  generated: string[];
  /** Extra top-level third-party import names, beyond the declared dependencies. */
  thirdParty: string[];
}

export interface ProjectOptions {
  repo: Repository;
  config: Config;
  /** Overrides smoke.packages. */
  packages?: readonly string[];
  cache?: ScanCache;
  /** Threads for a cold scan; default one per core. */
  jobs?: number;
}

export interface PythonProject {
  files: ListedFile[];
  /** Python files analysed (after --package). */
  analysed: string[];
  scans: Map<string, ScanResult>;
  /** Python files that could not be read, with the reason. */
  unreadable: Map<string, string>;
  /** Python files in folders of test inputs (fixtures/, testdata/ …): indexed, not scanned. */
  inputFolderFiles: number;
  index: ModuleIndex;
  resolver: Resolver;
  dependencies: DeclaredDependencies;
  layout: ProjectLayout;
  /** The sys.path folders searched before the standard library. */
  roots: string[];
  cache: ScanCache;
}

const PYTHON_FILE = /\.(py|pyi|pyi\.in)$/;
/** Installed environments and caches that a plain directory walk would otherwise treat as sources (git ignores them). */
const ENVIRONMENT_DIR = /(^|\/)(\.?venv|\.tox|\.nox|__pycache__|site-packages|\.mypy_cache|\.eggs)\//;

/** Reads and scans every Python file (from the cache when the content is known) and indexes the modules. */
export async function loadProject(opts: ProjectOptions): Promise<PythonProject> {
  const { repo, config } = opts;
  const section = config.section<SmokeConfig>('smoke');
  const cache = opts.cache ?? ScanCache.disabled();
  const isGit = repo.isGit;
  const keep = (f: ListedFile) => isGit || !ENVIRONMENT_DIR.test(f.path);
  const listing = await listFiles(repo);
  const scanned: Scanned = { scans: new Map(), unreadable: new Map(), inputs: 0 };
  // The tracked files are scanned while git still walks the work tree for untracked ones.
  const tracked = listing.tracked.filter(keep);
  await scanFiles(repo, config, tracked, cache, opts.jobs, scanned);
  const untracked = (await listing.untracked).filter(keep);
  await scanFiles(repo, config, untracked, cache, opts.jobs, scanned);
  const files = untracked.length ? byPath([...tracked, ...untracked]) : tracked;
  const index = new ModuleIndex();
  // An ignored file still exists for the modules that import it; it is only not analysed (its names stay open).
  for (const f of files) index.addFile(f.path);
  for (const [link, target] of folderLinks(repo, files)) index.addLink(link, target);
  const scans = new Map([...scanned.scans].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const { unreadable } = scanned;
  // Build and CI files are read into one buffer, without a line index, once each (pyproject.toml
  // serves the layout, the dependencies and pytest); git vouches for the files it lists unchanged.
  const buffer = new ReadBuffer();
  const regular = new Set(files.filter((f) => f.blob).map((f) => f.path));
  const texts = new Map<string, string | undefined>();
  const read = (path: string) => {
    if (!texts.has(path)) {
      const r = readSourceText(repo, path, regular.has(path), buffer);
      texts.set(path, r.ok ? r.text : undefined);
    }
    return texts.get(path);
  };
  const dependencies = declaredDependencies(read, files);
  const thirdParty = new Set([...dependencies.core, ...dependencies.optional, ...(section.thirdParty ?? [])]);
  const layout = projectLayout({
    files: files.map((f) => f.path),
    gitlinks: listing.gitlinks,
    index,
    read,
    roots: section.roots?.map((r) => r.replace(/^\.\/?|\/$/g, '')),
    compiled: section.compiled ?? [],
    generated: section.generated ?? [],
    imported: importedNames(scans),
    thirdParty,
  });
  for (const [path, scan] of scans) {
    const own = layout.homes.identity(path);
    for (const name of scan.injected) {
      const absolute = name.startsWith('.') ? (own ? own.name + name : undefined) : name;
      if (!absolute) continue;
      const subtree = absolute.endsWith('.*');
      layout.search.build(subtree ? absolute.slice(0, -2) : absolute, { kind: 'injected', why: `put in sys.modules by ${path}`, subtree });
    }
  }
  const pyx = new Map<string, Set<string> | undefined>();
  const resolver = new Resolver({
    index,
    scans,
    homes: layout.homes,
    search: layout.search,
    stdlib: new Set(STDLIB_MODULES),
    thirdParty,
    thirdPartyNamespaces: dependencies.namespaces,
    isCollectedTest: (p) => layout.tests.isCollected(p),
    native: layout.native,
    pyxNames: (p) => {
      if (!pyx.has(p)) {
        const text = read(p);
        pyx.set(p, text === undefined ? undefined : cythonNames(text));
      }
      return pyx.get(p);
    },
  });
  const packages = opts.packages?.length ? opts.packages : (section.packages ?? []);
  const analysed = [...scans.keys(), ...unreadable.keys()].filter((p) => inPackages(p, packages)).sort();
  return { files, analysed, scans, unreadable, inputFolderFiles: scanned.inputs, index, resolver, dependencies, layout, roots: layout.roots, cache };
}

/**
 * Symbolic links to folders inside the repository, as repository paths (executorch's
 * `src/executorch/exir -> ../../exir`). git marks links; outside git, names without a dot are checked.
 */
function folderLinks(repo: Repository, files: readonly ListedFile[]): Map<string, string> {
  const out = new Map<string, string>();
  let root: string | undefined;
  // Asked once: the property looks for .git on disk.
  const isGit = repo.isGit;
  for (const f of files) {
    if (!f.link && (isGit || f.path.slice(f.path.lastIndexOf('/') + 1).includes('.'))) continue;
    const abs = join(repo.root, f.path);
    try {
      if (!lstatSync(abs).isSymbolicLink() || !statSync(abs).isDirectory()) continue;
      root ??= realpathSync(repo.root);
      const target = relative(root, realpathSync(abs)).split(sep).join('/');
      if (target && !target.startsWith('..') && !isAbsolute(target)) out.set(f.path, target);
    } catch {
      // a dangling link or a loop: not a folder
    }
  }
  return out;
}

/** Every module name imported absolutely, and each of its prefixes. */
function importedNames(scans: ReadonlyMap<string, ScanResult>): Set<string> {
  const out = new Set<string>();
  for (const scan of scans.values()) {
    for (const r of scan.imports) {
      if (r.level !== 0 || out.has(r.module)) continue;
      for (let dot = r.module.length; dot > 0; dot = r.module.lastIndexOf('.', dot - 1)) out.add(r.module.slice(0, dot));
    }
  }
  return out;
}

interface Scanned {
  scans: Map<string, ScanResult>;
  /** Python files that could not be read, with the reason. */
  unreadable: Map<string, string>;
  /** Python files in folders of test inputs, left unscanned. */
  inputs: number;
}

/** Scans the Python files among `files` that are not ignored, from the cache when their content is known. */
async function scanFiles(
  repo: Repository,
  config: Config,
  files: readonly ListedFile[],
  cache: ScanCache,
  jobs: number | undefined,
  into: Scanned,
): Promise<void> {
  const { scans, unreadable } = into;
  const misses: ListedFile[] = [];
  for (const f of files) {
    if (!PYTHON_FILE.test(f.path) || config.isIgnoredPath(f.path)) continue;
    if (inInputFolder(f.path)) {
      into.inputs++;
      continue;
    }
    const hit = f.blob ? cache.get(f.blob) : undefined;
    if (hit) scans.set(f.path, hit);
    else misses.push(f);
  }
  const record = (f: ListedFile, r: WorkerScan | FileScan) => {
    if (!r.ok) return void unreadable.set(f.path, r.message);
    scans.set(f.path, r.scan);
    if (f.blob) cache.set(f.blob, r.scan);
  };
  // Files with a blob id can be scanned anywhere; the rest need the cache lookup by content here.
  const byBlob = misses.filter((f) => f.blob);
  const buffer = new ReadBuffer();
  const workers = scanWorkerCount(byBlob.length, jobs);
  if (workers > 1) {
    const results = await scanInWorkers(
      repo.root,
      byBlob.map((f) => f.path),
      workers,
      (chunk) => chunk.map((p) => readAndScan(repo, p, true, buffer)),
    );
    const byPath = new Map(byBlob.map((f) => [f.path, f]));
    for (const r of results) record(byPath.get(r.path)!, r);
  }
  for (const f of workers > 1 ? misses.filter((m) => !m.blob) : misses) {
    if (f.blob) {
      record(f, readAndScan(repo, f.path, true, buffer));
      continue;
    }
    const read = readSourceText(repo, f.path, false, buffer);
    if (!read.ok) {
      unreadable.set(f.path, read.message);
      continue;
    }
    const key = contentKey(read.text);
    const scan = cache.get(key) ?? scanText(f.path, read.text);
    cache.set(key, scan);
    scans.set(f.path, scan);
  }
}

export function inPackages(path: string, packages: readonly string[]): boolean {
  if (packages.length === 0) return true;
  return packages.some((p) => {
    const dir = p.includes('/') || !p.includes('.') ? p.replace(/\/$/, '') : p.replace(/\./g, '/');
    return path === `${dir}.py` || path === `${dir}.pyi` || path.startsWith(`${dir}/`) || path.startsWith(`src/${dir}/`);
  });
}

/** Requirement files: `requirements*.txt`, `*-requirements.txt`, anything under a `requirements/` folder. */
const REQUIREMENTS = /(^|\/)(requirements\/[^/]+\.(txt|in)|[^/]*requirements[^/]*\.(txt|in))$/;

/**
 * Dependencies declared anywhere in the repository: every pyproject.toml and setup.py (a project in
 * a subfolder has its own), and requirement files. The root project's own dependencies are its core.
 */
function declaredDependencies(text: (path: string) => string | undefined, files: readonly ListedFile[]): DeclaredDependencies {
  const core = new Set<string>();
  const optional = new Set<string>();
  const namespaces = new Set<string>();
  const add = (into: Set<string>, reqs: string[]) => {
    for (const r of reqs) {
      for (const n of importNamesOf(r)) into.add(n);
      const ns = dependencyNamespace(r);
      if (ns) namespaces.add(ns);
    }
  };
  for (const { path } of files) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    // The name first: most files are none of these, and the input-folder test is dearer.
    if ((base !== 'pyproject.toml' && base !== 'setup.py' && !REQUIREMENTS.test(path)) || inInputFolder(path)) continue;
    const root = !path.includes('/');
    if (base === 'pyproject.toml') {
      const body = text(path);
      if (!body) continue;
      const reqs = pyprojectRequirements(body);
      add(root ? core : optional, reqs.core);
      add(optional, reqs.optional);
    } else if (base === 'setup.py') {
      const body = text(path);
      if (body) add(root ? core : optional, setupRequires(body));
    } else if (REQUIREMENTS.test(path)) {
      const body = text(path);
      if (body) add(path === 'requirements.txt' ? core : optional, requirementsLines(body));
    }
  }
  for (const n of core) optional.delete(n);
  return { core, optional, namespaces };
}
