/**
 * Puts the repository's build knowledge into the index and the search path: source folders and
 * package mappings from pyproject.toml / setup.py / setup.cfg, compiled and generated modules from
 * setup.py, CMake, meson and Bazel, git submodules, the test runners' sys.path entries, and the home
 * of every package.
 */
import { parseGitmodules } from '../sbom/gitmodules.js';
import { setupExtensions } from './build-declarations.js';
import { GitIgnore } from './gitignore.js';
import { pyprojectLayout, setupCfgLayout, setupPyLayout, type Layout } from './layout.js';
import { MesonReader } from './meson.js';
import { NativeBuilds } from './native-builds.js';
import type { ModuleIndex } from './module-index.js';
import { PackageHomes } from './package-homes.js';
import { SearchPath } from './search-path.js';
import { inInputFolder, inTestFolder } from './test-inputs.js';
import { testLayout, type TestLayout } from './test-layout.js';
import { dirOf } from './paths.js';

export interface LayoutInput {
  files: readonly string[];
  gitlinks: readonly string[];
  index: ModuleIndex;
  read: (path: string) => string | undefined;
  /** `smoke.roots`: replaces the default root folders ('' and a src layout's src/). */
  roots?: readonly string[];
  /** `smoke.compiled` and `smoke.generated`: modules (and their subtrees) the build makes. */
  compiled: readonly string[];
  generated: readonly string[];
  /** Absolute imports of the repository and their prefixes: evidence of where packages are imported from. */
  imported: ReadonlySet<string>;
  /** Top-level import names of the declared dependencies. */
  thirdParty: ReadonlySet<string>;
}

export interface ProjectLayout {
  search: SearchPath;
  /** What CMake, Bazel and Buck build, read when an import would be reported missing. */
  native: NativeBuilds;
  homes: PackageHomes;
  tests: TestLayout;
  gitignore: GitIgnore;
  /** The sys.path folders searched before the standard library. */
  roots: string[];
}

/** The files this module reads for the layout; every other file is passed over by its name. */
const LAYOUT_FILES = new Set(['pyproject.toml', 'setup.py', 'setup.cfg', 'meson.build', '.gitignore', '.gitmodules']);

const ENVIRONMENT_DIR = /(^|\/)(\.?venv|\.tox|\.nox|__pycache__|site-packages|\.mypy_cache|\.eggs|node_modules)\//;

export function projectLayout(input: LayoutInput): ProjectLayout {
  const { index, read } = input;
  const search = new SearchPath();
  const gitignore = new GitIgnore();
  const isDir = (d: string) => index.get(d)?.isDir === true;
  const isPackageDir = (d: string) => d !== '' && index.get(d)?.isPackage === true;
  const layouts: Layout[] = [];
  const mesonDirs: string[] = [];
  for (const path of input.files) {
    const dir = dirOf(path);
    const base = path.slice(dir ? dir.length + 1 : 0);
    if (!LAYOUT_FILES.has(base) || ENVIRONMENT_DIR.test(path) || inInputFolder(path)) continue;
    const text = () => read(path);
    // A project in a test folder is a test's input (a package the test builds), not where this project's packages are.
    const fixtureProject = inTestFolder(path, isPackageDir);
    if (fixtureProject && (base === 'pyproject.toml' || base === 'setup.py' || base === 'setup.cfg' || base === 'meson.build')) continue;
    if (base === 'pyproject.toml') {
      const t = text();
      const l = t === undefined ? undefined : pyprojectLayout(dir, path, t);
      if (l) layouts.push(l);
    } else if (base === 'setup.py') {
      const t = text();
      if (t === undefined) continue;
      layouts.push(setupPyLayout(dir, path, t));
      for (const d of setupExtensions(path, t)) search.build(d.name, { kind: 'compiled', why: d.why });
    } else if (base === 'setup.cfg') {
      const t = text();
      if (t !== undefined) layouts.push(setupCfgLayout(dir, path, t));
    } else if (base === 'meson.build') mesonDirs.push(dir);
    else if (base === '.gitignore') {
      const t = text();
      if (t !== undefined) gitignore.add(dir, t);
    } else if (base === '.gitmodules') {
      const t = text();
      for (const s of t === undefined ? [] : parseGitmodules(t)) if (s.path) index.addOpenDir(dir ? `${dir}/${s.path}` : s.path, `git submodule ${s.path}`);
    }
  }
  for (const g of input.gitlinks) index.addOpenDir(g, `git submodule ${g}`);
  const meson = new MesonReader(read);
  // The outermost first: a folder reached by subdir() is read with the variables of the files above it.
  for (const d of mesonDirs.sort((a, b) => a.split('/').length - b.split('/').length || (a ? 1 : 0) - (b ? 1 : 0))) meson.read(d);
  const installed = meson.install;
  for (const m of installed.modules) search.build(m.name, { kind: m.kind, why: m.why });
  for (const m of installed.mappings) search.map(m.module, m.path);
  for (const d of installed.dirs) for (let p = d; p; p = p.slice(0, Math.max(0, p.lastIndexOf('.')))) search.installedDirs.add(p);
  for (const b of installed.built) index.addBuilt(b.path, 'generated', b.why);
  for (const d of installed.unknownModules) {
    const e = index.get(d);
    if (e) e.open ??= `${d}/meson.build builds extension modules whose names it computes`;
  }
  for (const name of input.compiled) search.build(name, { kind: 'compiled', why: 'listed in smoke.compiled', subtree: true });
  for (const name of input.generated) search.build(name, { kind: 'generated', why: 'listed in smoke.generated', subtree: true });
  for (const l of layouts) {
    for (const m of l.mappings) search.map(m.module, m.path);
    for (const c of l.compiled) search.build(c.name, { kind: 'compiled', why: c.why });
    for (const g of l.generated ?? []) if (/\.pyi?$/.test(g.path)) index.addBuilt(g.path.replace(/\.pyi?$/, ''), 'generated', g.why);
  }
  search.workspace = bazelWorkspace(read);
  const tests = testLayout(input.files, read, isDir, isPackageDir);
  // Before the standard library: the checkout's root (or the configured roots), the build's source folders, the runners' folders.
  const defaults = input.roots ?? ['', ...(srcLayout(index) ? ['src'] : [])];
  for (const dir of defaults) search.addBefore({ dir, scope: '', why: 'smoke.roots', project: true });
  for (const l of layouts)
    for (const r of l.roots) if (isDir(r.dir)) search.addBefore({ dir: r.dir, names: r.names && new Set(r.names), scope: '', why: r.why, project: true });
  for (const r of tests.roots) search.addBefore(r);
  // Where the build says packages are: its source folders, and the folder of each build file (a flat layout) or its src/.
  const buildDirs = layouts.flatMap((l) => (l.dir === undefined ? [] : [l.dir, l.dir ? `${l.dir}/src` : 'src']));
  const explicit = new Set<string>(
    [...search.before.map((r) => r.dir), ...layouts.flatMap((l) => l.mappings.map((m) => dirOf(m.path))), ...buildDirs].filter(Boolean),
  );
  const roots = [...new Set(search.before.filter((r) => !r.scope && !r.names).map((r) => r.dir))];
  const mappings = [...search.mappings].flatMap(([module, paths]) => paths.map((path) => ({ module, path })));
  const homes = new PackageHomes(index, explicit, input.imported, roots, mappings, input.thirdParty);
  // A package the build names is importable from its home by all code once installed (after the
  // standard library); one that only the repository's imports name, by the code in its home folder
  // (examples/x/utils/ is what examples/x/*.py import as utils, not what examples/y/*.py do).
  for (const [, home] of homes.allHomes()) {
    if (home.how === 'folder' || home.dir === undefined) continue;
    const top = home.name.split('.')[0]!;
    const scope = home.how === 'build' ? '' : home.dir;
    if (!search.before.some((r) => r.dir === home.dir && !r.scope && (!r.names || r.names.has(top))))
      search.addInstalled({ dir: home.dir, names: new Set([top]), scope, why: `the home of ${home.name}`, project: home.how === 'build' });
  }
  return { search, homes, tests, gitignore, roots, native: new NativeBuilds(input.files, read, (f) => ENVIRONMENT_DIR.test(f) || inInputFolder(f)) };
}

/** The Bazel workspace's name: `module(name = "x")` in MODULE.bazel, or `workspace(name = "x")` in WORKSPACE. */
function bazelWorkspace(read: (path: string) => string | undefined): string | undefined {
  for (const [file, call] of [
    ['MODULE.bazel', 'module'],
    ['WORKSPACE', 'workspace'],
    ['WORKSPACE.bazel', 'workspace'],
  ] as const) {
    const text = read(file);
    const m = text === undefined ? undefined : new RegExp(`\\b${call}\\s*\\(\\s*name\\s*=\\s*["'](\\w+)["']`).exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/** A src layout: packages under src/ and none at src/ itself. */
function srcLayout(index: ModuleIndex): boolean {
  const src = index.get('src');
  if (!src?.isDir || src.isPackage) return false;
  for (const name of index.childNames('src')) if (index.get(`src/${name}`)?.isPackage) return true;
  return false;
}
