/**
 * Where the build systems take packages from: the sys.path entries an installed project puts its
 * packages under, read from each pyproject.toml, setup.py and setup.cfg of the repository (a build
 * file in a subfolder describes a project in that subfolder). setuptools (`package-dir`,
 * `packages.find where`, `package_dir`, `find_packages(where)`), hatch (`packages`, `sources`),
 * poetry (`packages … from`), pdm (`package-dir`), flit and setuptools' flat and src layouts (the
 * build file's folder, or its `src/`), maturin (`python-source`, `module-name`) and
 * scikit-build-core (`wheel.packages`).
 */
import { joinPath } from './paths.js';
import { at, parseToml, strings, table } from './toml.js';

export interface LayoutRoot {
  /** A folder whose packages are importable at top level once the project is installed. */
  dir: string;
  /** Only these top-level names come from it (a build file names its packages); all when absent. */
  names?: string[];
  why: string;
}

export interface LayoutMapping {
  /** `package_dir = {"pkg": "lib/pkg_src"}`: the dotted package that a folder of another name becomes. */
  module: string;
  path: string;
  why: string;
}

export interface Layout {
  /** The folder of the build file (its project's flat layout). */
  dir?: string;
  roots: LayoutRoot[];
  mappings: LayoutMapping[];
  /** Compiled modules named by the build configuration (maturin's `module-name`). */
  compiled: { name: string; why: string }[];
  /** Files the build writes (setuptools_scm's and hatch-vcs's version files), as repository paths. */
  generated?: { path: string; why: string }[];
}

/** A path from a build file's folder; one that climbs out of the repository stays at its top. */
function join(dir: string, rel: string): string {
  return joinPath(dir, rel) ?? '';
}

/** A folder of packages, with the top-level name a path such as `src/foo` names. */
function packagePath(dir: string, path: string, why: string): LayoutRoot {
  const full = join(dir, path);
  const slash = full.lastIndexOf('/');
  return slash < 0 ? { dir: '', names: [full], why } : { dir: full.slice(0, slash), names: [full.slice(slash + 1)], why };
}

/** The layout a pyproject.toml in `dir` declares; undefined when it does not parse. */
export function pyprojectLayout(dir: string, path: string, text: string): Layout | undefined {
  const doc = parseToml(text);
  if (!doc) return undefined;
  // A pyproject.toml without a build system or project table configures tools only.
  const out: Layout = { dir: doc['build-system'] || doc.project ? dir : undefined, roots: [], mappings: [], compiled: [] };
  const why = (key: string) => `${key} in ${path}`;
  const setuptools = table(at(doc, 'tool', 'setuptools'));
  const packageDir = table(setuptools?.['package-dir']);
  for (const [pkg, folder] of Object.entries(packageDir ?? {})) {
    if (typeof folder !== 'string') continue;
    if (pkg === '') out.roots.push({ dir: join(dir, folder), why: why('tool.setuptools.package-dir') });
    else out.mappings.push({ module: pkg, path: join(dir, folder), why: why('tool.setuptools.package-dir') });
  }
  for (const where of strings(at(setuptools, 'packages', 'find', 'where')))
    out.roots.push({ dir: join(dir, where), why: why('tool.setuptools.packages.find.where') });
  const hatch = table(at(doc, 'tool', 'hatch', 'build'));
  for (const t of [hatch, table(at(hatch, 'targets', 'wheel'))]) {
    for (const p of strings(t?.packages)) out.roots.push(packagePath(dir, p, why('tool.hatch.build packages')));
    const sources = t?.sources;
    for (const s of Array.isArray(sources) ? strings(sources) : Object.keys(table(sources) ?? {})) {
      const target = table(sources)?.[s];
      if (target === undefined || target === '') out.roots.push({ dir: join(dir, s), why: why('tool.hatch.build sources') });
    }
  }
  const poetry = at(doc, 'tool', 'poetry', 'packages');
  for (const p of Array.isArray(poetry) ? poetry : []) {
    const include = table(p)?.include;
    const from = table(p)?.from;
    if (typeof include === 'string')
      out.roots.push({
        dir: join(dir, typeof from === 'string' ? from : ''),
        names: [include.split('/')[0]!.replace(/\.py$/, '')],
        why: why('tool.poetry.packages'),
      });
  }
  const pdm = at(doc, 'tool', 'pdm', 'build', 'package-dir');
  if (typeof pdm === 'string') out.roots.push({ dir: join(dir, pdm), why: why('tool.pdm.build.package-dir') });
  const maturin = table(at(doc, 'tool', 'maturin'));
  const pythonSource = maturin?.['python-source'];
  if (typeof pythonSource === 'string') out.roots.push({ dir: join(dir, pythonSource), why: why('tool.maturin.python-source') });
  const moduleName = maturin?.['module-name'];
  if (typeof moduleName === 'string') out.compiled.push({ name: moduleName, why: why('tool.maturin.module-name') });
  for (const p of strings(at(doc, 'tool', 'scikit-build', 'wheel', 'packages'))) out.roots.push(packagePath(dir, p, why('tool.scikit-build.wheel.packages')));
  // Version files written at build time from the VCS.
  const versionFiles: [unknown, string][] = [
    [at(doc, 'tool', 'setuptools_scm', 'write_to'), 'tool.setuptools_scm.write_to'],
    [at(doc, 'tool', 'setuptools_scm', 'version_file'), 'tool.setuptools_scm.version_file'],
    [at(doc, 'tool', 'hatch', 'build', 'hooks', 'vcs', 'version-file'), 'tool.hatch.build.hooks.vcs.version-file'],
    [at(doc, 'tool', 'pdm', 'version', 'write_to'), 'tool.pdm.version.write_to'],
  ];
  // pdm writes relative to its package-dir: both places are taken.
  const pdmDir = typeof pdm === 'string' ? pdm : 'src';
  out.generated = versionFiles.flatMap(([v, key]) =>
    typeof v !== 'string' ? [] : [v, ...(key.startsWith('tool.pdm') ? [join(pdmDir, v)] : [])].map((p) => ({ path: join(dir, p), why: why(key) })),
  );
  return out;
}

const PACKAGE_DIR = /\bpackage_dir\s*=\s*(?:\{([^}]*)\}|dict\(([^)]*)\))/g;
const FIND_PACKAGES = /\bfind(?:_namespace)?_packages\s*\(\s*(?:where\s*=\s*)?["']([^"']+)["']/g;

/** The layout a setup.py in `dir` declares with literal arguments. */
export function setupPyLayout(dir: string, path: string, text: string): Layout {
  const out: Layout = { dir: /\bsetup\s*\(/.test(text) ? dir : undefined, roots: [], mappings: [], compiled: [] };
  for (const m of text.matchAll(PACKAGE_DIR)) {
    const body = m[1] ?? m[2] ?? '';
    const pairs = m[1] !== undefined ? body.matchAll(/["']([\w.]*)["']\s*:\s*["']([^"']+)["']/g) : body.matchAll(/(\w+)\s*=\s*["']([^"']+)["']/g);
    for (const [, pkg, folder] of pairs) {
      if (pkg === '') out.roots.push({ dir: join(dir, folder!), why: `package_dir in ${path}` });
      else out.mappings.push({ module: pkg!, path: join(dir, folder!), why: `package_dir in ${path}` });
    }
  }
  for (const m of text.matchAll(FIND_PACKAGES)) out.roots.push({ dir: join(dir, m[1]!), why: `find_packages in ${path}` });
  return out;
}

/** `[options] package_dir = =src` and `[options.packages.find] where = src` in a setup.cfg. */
export function setupCfgLayout(dir: string, path: string, text: string): Layout {
  const out: Layout = { roots: [], mappings: [], compiled: [] };
  const sections = iniSections(text);
  for (const line of (sections.get('options')?.get('package_dir') ?? '').split('\n')) {
    const m = /^\s*([\w.]*)\s*=\s*(\S+)\s*$/.exec(line);
    if (!m) continue;
    if (m[1] === '') out.roots.push({ dir: join(dir, m[2]!), why: `package_dir in ${path}` });
    else out.mappings.push({ module: m[1]!, path: join(dir, m[2]!), why: `package_dir in ${path}` });
  }
  const where = sections.get('options.packages.find')?.get('where');
  for (const w of (where ?? '').split(/\s+/).filter(Boolean)) out.roots.push({ dir: join(dir, w), why: `options.packages.find in ${path}` });
  return out;
}

/** Python's configparser format as setup.cfg, tox.ini and pytest.ini use it: sections of keys, indented continuation lines. */
export function iniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw) || !raw.trim()) continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      section = new Map();
      sections.set(header[1]!.trim(), section);
      key = undefined;
    } else if (/^\s/.test(raw) && key && section) section.set(key, `${section.get(key)}\n${raw.trim()}`);
    else {
      const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
      if (kv && section) {
        key = kv[1]!.trim();
        section.set(key, kv[2]!.trim());
      }
    }
  }
  return sections;
}
