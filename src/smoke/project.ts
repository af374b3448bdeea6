import type { Config } from '../config/config.js';
import type { Repository } from '../services/repository.js';
import { cmakeModules, gitignoredModules, mesonModules, setupExtensions } from './build-declarations.js';
import { ScanCache, contentKey } from './cache.js';
import { importNamesOf, pyprojectRequirements, requirementsLines, setupRequires, type DeclaredDependencies } from './dependencies.js';
import { byPath, listFiles, type ListedFile } from './file-list.js';
import { ModuleIndex, moduleNameOf } from './module-index.js';
import type { ScanResult } from './records.js';
import { ReadBuffer, readSourceText } from './read-source.js';
import { Resolver } from './resolve.js';
import { readAndScan, scanText, type FileScan } from './scan-file.js';
import { scanInWorkers, scanWorkerCount, type WorkerScan } from './parallel-scan.js';
import { STDLIB_MODULES } from './stdlib-modules.js';

/** The `smoke:` section of groundwork.yml. */
export interface SmokeConfig {
  /** Directories that are on sys.path (default: the repository root, and src/ for a src layout). */
  roots: string[];
  /** Packages (dotted names or directories) to analyse; the whole repository still resolves. */
  packages: string[];
  /** Compiled or generated modules (torch._C, torch.version …). */
  compiled: string[];
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
  index: ModuleIndex;
  resolver: Resolver;
  dependencies: DeclaredDependencies;
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
  const scanned: Scanned = { scans: new Map(), unreadable: new Map() };
  // The tracked files are scanned while git still walks the work tree for untracked ones.
  const tracked = listing.tracked.filter(keep);
  await scanFiles(repo, config, tracked, cache, opts.jobs, scanned);
  const untracked = (await listing.untracked).filter(keep);
  await scanFiles(repo, config, untracked, cache, opts.jobs, scanned);
  const files = untracked.length ? byPath([...tracked, ...untracked]) : tracked;
  const roots = section.roots?.map((r) => r.replace(/^\.\/?|\/$/g, '')) ?? defaultRoots(files);
  const index = new ModuleIndex(roots);
  // An ignored file still exists for the modules that import it; it is only not analysed (its names stay open).
  for (const f of files) index.addFile(f.path);
  const scans = new Map([...scanned.scans].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const { unreadable } = scanned;
  declareCompiled(repo, files, index, section.compiled ?? []);
  for (const [path, scan] of scans) {
    const own = index.fileModule(path);
    for (const name of scan.injected) {
      const absolute = name.startsWith('.') ? (own ? own.name + name : undefined) : name;
      if (absolute) index.addInjected(absolute, path);
    }
  }
  const dependencies = declaredDependencies(repo, files);
  const thirdParty = new Set([...dependencies.core, ...dependencies.optional, ...(section.thirdParty ?? [])]);
  const resolver = new Resolver(index, scans, new Set(STDLIB_MODULES), thirdParty);
  const packages = opts.packages?.length ? opts.packages : (section.packages ?? []);
  const analysed = [...scans.keys(), ...unreadable.keys()].filter((p) => inPackages(p, packages)).sort();
  return { files, analysed, scans, unreadable, index, resolver, dependencies, roots, cache };
}

interface Scanned {
  scans: Map<string, ScanResult>;
  /** Python files that could not be read, with the reason. */
  unreadable: Map<string, string>;
}

/** Scans the Python files among `files` that are not ignored, from the cache when their content is known. */
async function scanFiles(repo: Repository, config: Config, files: readonly ListedFile[], cache: ScanCache, jobs: number | undefined, into: Scanned): Promise<void> {
  const { scans, unreadable } = into;
  const misses: ListedFile[] = [];
  for (const f of files) {
    if (!PYTHON_FILE.test(f.path) || config.isIgnoredPath(f.path)) continue;
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
    const results = await scanInWorkers(repo.root, byBlob.map((f) => f.path), workers, (chunk) => chunk.map((p) => readAndScan(repo, p, true, buffer)));
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

/** The repository root, plus src/ when the packages live there (a src layout). */
function defaultRoots(files: readonly ListedFile[]): string[] {
  const src = files.some((f) => /^src\/[^/]+\/__init__\.pyi?$/.test(f.path)) && !files.some((f) => f.path === 'src/__init__.py');
  return src ? ['', 'src'] : [''];
}

export function inPackages(path: string, packages: readonly string[]): boolean {
  if (packages.length === 0) return true;
  return packages.some((p) => {
    const dir = p.includes('/') || !p.includes('.') ? p.replace(/\/$/, '') : p.replace(/\./g, '/');
    return path === `${dir}.py` || path === `${dir}.pyi` || path.startsWith(`${dir}/`) || path.startsWith(`src/${dir}/`);
  });
}

function declareCompiled(repo: Repository, files: readonly ListedFile[], index: ModuleIndex, configured: readonly string[]): void {
  for (const name of configured) index.addCompiled(name, 'listed in smoke.compiled');
  for (const { path } of files) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const reader = base === 'setup.py' ? setupExtensions : base === 'CMakeLists.txt' || base.endsWith('.cmake') ? cmakeModules : base === 'meson.build' ? mesonModules : undefined;
    if (!reader) continue;
    const read = repo.read(path);
    if (read.ok) for (const d of reader(path, read.file.text)) index.addCompiled(d.name, d.why);
  }
  const gitignore = repo.read('.gitignore');
  if (!gitignore.ok) return;
  for (const path of gitignoredModules(gitignore.file.text)) {
    for (const root of index.roots) {
      const mod = moduleNameOf(path, root);
      if (mod) index.addCompiled(mod.name, 'generated by the build (listed in .gitignore)');
    }
  }
}

function declaredDependencies(repo: Repository, files: readonly ListedFile[]): DeclaredDependencies {
  const core = new Set<string>();
  const optional = new Set<string>();
  const add = (into: Set<string>, reqs: string[]) => reqs.forEach((r) => importNamesOf(r).forEach((n) => into.add(n)));
  const text = (path: string) => {
    const r = repo.read(path);
    return r.ok ? r.file.text : undefined;
  };
  const pyproject = text('pyproject.toml');
  if (pyproject) {
    const reqs = pyprojectRequirements(pyproject);
    add(core, reqs.core);
    add(optional, reqs.optional);
  }
  const setup = text('setup.py');
  if (setup) add(core, setupRequires(setup));
  for (const { path } of files) {
    if (!/^(requirements[^/]*\.txt|requirements\/[^/]+\.txt|[^/]*requirements[^/]*\.txt)$/.test(path)) continue;
    const body = text(path);
    if (body) add(path === 'requirements.txt' && core.size === 0 ? core : optional, requirementsLines(body));
  }
  for (const n of core) optional.delete(n);
  return { core, optional };
}
