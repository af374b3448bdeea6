/**
 * The sys.path entries that test and benchmark runners add, and which files they run as tests:
 * pytest's configuration (pytest.ini, pyproject.toml, tox.ini, setup.cfg: `pythonpath`,
 * `python_files`), its prepend import mode (each conftest.py's folder, or the folder above its
 * package, goes on sys.path), `PYTHONPATH=` settings in CI and scripts, and asv's benchmark folder.
 */
import picomatch from 'picomatch';
import { iniSections } from './layout.js';
import { at, parseToml, table } from './toml.js';
import { dirOf, joinPath } from './paths.js';

export interface ScopedRoot {
  dir: string;
  /** Only files under this folder see the entry ('' for all). */
  scope: string;
  why: string;
}

export interface TestLayout {
  roots: ScopedRoot[];
  /** Whether pytest (or unittest discovery) collects the file at this path as a test module. */
  isCollected(path: string): boolean;
}

/** unittest's default `test*.py` and pytest's default `test_*.py` / `*_test.py`. */
const DEFAULT_TEST_FILE = /^test.*\.py$|_tests?\.py$/;

const CONFIG_FILES = new Set(['pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg']);

/** Files whose text may set PYTHONPATH for the code they run. */
const SCRIPT_FILE = /\.(sh|bash|ya?ml|ini|cfg|toml|mk|ps1|bat|cmd)$|(^|\/)(Makefile|GNUmakefile|Dockerfile[^/]*|noxfile\.py|Jenkinsfile|\.envrc|\.env)$/;
/** Where CI and test scripts live: the root, CI folders, and scripts or tools folders at the top or in a test folder. */
const SCRIPT_PLACE =
  /^(?:[^/]+|(?:\.github|\.ci|ci|\.circleci|\.buildkite|\.gitlab|\.jenkins|scripts?|tools?|dev|docker|build_tools)\/.+|(?:tests?|testing)\/(?:scripts?|ci|tools?)\/.+)$/;
const PYTHONPATH = /\bPYTHONPATH\s*(?:=|:[ \t])\s*["']?([^\s"'`;&|)]*)/g;

interface PytestConfig {
  pythonpath: string[];
  pythonFiles: string[];
  /** `--ignore=path` and `--ignore-glob=glob` in addopts: what pytest never collects. */
  ignore: string[];
  ignoreGlob: string[];
}

function config(values: { pythonpath: unknown; python_files: unknown; addopts: unknown }): PytestConfig {
  const opts = Array.isArray(values.addopts)
    ? values.addopts.filter((x): x is string => typeof x === 'string').join(' ')
    : typeof values.addopts === 'string'
      ? values.addopts
      : '';
  const tokens = opts
    .replace(/#[^\n]*/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const ignore: string[] = [];
  const ignoreGlob: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const m = /^--ignore(-glob)?(?:=(.*))?$/.exec(tokens[i]!);
    if (!m) continue;
    const value = m[2] ?? tokens[++i];
    if (value) (m[1] ? ignoreGlob : ignore).push(value.replace(/^\.\//, '').replace(/\/$/, ''));
  }
  return { pythonpath: words(values.pythonpath), pythonFiles: words(values.python_files), ignore, ignoreGlob };
}

function words(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : [];
}

function pytestConfig(base: string, text: string): PytestConfig | undefined {
  if (base === 'pyproject.toml') {
    const pytest = table(at(parseToml(text), 'tool', 'pytest'));
    const ini = table(pytest?.ini_options) ?? pytest;
    return ini ? config({ pythonpath: ini.pythonpath, python_files: ini.python_files, addopts: ini.addopts }) : undefined;
  }
  const section = base === 'setup.cfg' ? 'tool:pytest' : 'pytest';
  const s = iniSections(text).get(section);
  return s ? config({ pythonpath: s.get('pythonpath'), python_files: s.get('python_files'), addopts: s.get('addopts') }) : undefined;
}

/** The folder pytest puts on sys.path for a conftest.py or test module in prepend mode: the first one up without `__init__.py`. */
export function pytestBasedir(path: string, isPackageDir: (dir: string) => boolean): string {
  let dir = dirOf(path);
  while (dir && isPackageDir(dir)) dir = dirOf(dir);
  return dir;
}

/**
 * Reads what the runners add to sys.path. `files` is the repository listing, `read` returns a
 * file's text (undefined when it cannot be read), `isDir` and `isPackageDir` answer from the index.
 */
export function testLayout(
  files: readonly string[],
  read: (path: string) => string | undefined,
  isDir: (dir: string) => boolean,
  isPackageDir: (dir: string) => boolean,
): TestLayout {
  const roots: ScopedRoot[] = [];
  const patterns: { scope: string; match: (base: string) => boolean }[] = [];
  const ignored: { scope: string; match: (path: string) => boolean }[] = [];
  const add = (dir: string | undefined, scope: string, why: string) => {
    if (dir !== undefined && (dir === '' || isDir(dir))) roots.push({ dir, scope, why });
  };
  for (const path of files) {
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    if (base !== 'conftest.py' && !CONFIG_FILES.has(base) && base !== 'asv.conf.json' && !SCRIPT_FILE.test(base)) continue;
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (base === 'conftest.py') {
      add(pytestBasedir(path, isPackageDir), dir, `pytest puts the folder of ${path} on sys.path`);
    } else if (CONFIG_FILES.has(base)) {
      const text = read(path);
      const config = text && /pytest/.test(text) ? pytestConfig(base, text) : undefined;
      if (!config) continue;
      for (const p of config.pythonpath) add(joinPath(dir, p), dir, `pythonpath in ${path}`);
      if (config.pythonFiles.length) patterns.push({ scope: dir, match: picomatch(config.pythonFiles, { basename: true }) });
      const globs = [...config.ignore.flatMap((p) => [p, `${p}/**`]), ...config.ignoreGlob];
      // One regular expression for all of them: pytest configurations list dozens.
      const all = globs.length ? new RegExp(globs.map((g) => picomatch.makeRe(g, { dot: true }).source).join('|')) : undefined;
      if (all) ignored.push({ scope: dir, match: (p) => all.test(p) });
    } else if (base === 'asv.conf.json') {
      const text = read(path);
      const benchmarks = text ? (/"benchmark_dir"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? 'benchmarks') : undefined;
      const at = benchmarks === undefined ? undefined : joinPath(dir, benchmarks);
      if (at !== undefined) add(dirOf(at), dir, `asv imports the benchmarks of ${path} from there`);
    }
    if (SCRIPT_FILE.test(path) && SCRIPT_PLACE.test(path)) {
      const text = read(path);
      if (text?.includes('PYTHONPATH')) for (const entry of pythonpathEntries(text)) add(entry, '', `PYTHONPATH in ${path}`);
    }
  }
  const named = (path: string) => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return base === 'conftest.py' || DEFAULT_TEST_FILE.test(base) || patterns.some((p) => (!p.scope || path.startsWith(`${p.scope}/`)) && p.match(base));
  };
  return {
    roots: dedupe(roots),
    isCollected(path: string): boolean {
      // The name first: most files are no test, and the ignore globs are many.
      return named(path) && !ignored.some((i) => (!i.scope || path.startsWith(`${i.scope}/`)) && i.match(i.scope ? path.slice(i.scope.length + 1) : path));
    },
  };
}

/** The relative folders of `PYTHONPATH=a:${PWD}/b:$PYTHONPATH` settings; absolute and unexpanded ones are left out. */
export function pythonpathEntries(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PYTHONPATH)) {
    for (let entry of m[1]!.split(':')) {
      // The checkout itself, however the script names it.
      const fromTop =
        /^(\$\{?(PWD|GITHUB_WORKSPACE|CI_PROJECT_DIR|WORKSPACE|REPO_ROOT|ROOT_DIR|PROJECT_ROOT)\}?|\$\(pwd\)|`pwd`|\$\{\{\s*github\.workspace\s*\}\}|\{toxinidir\})/.exec(
          entry,
        );
      if (fromTop) entry = entry.slice(fromTop[0].length).replace(/^\/+/, '') || '.';
      if (!entry || entry.includes('$') || entry.includes('{') || entry.startsWith('/') || entry.startsWith('~')) continue;
      const dir = joinPath('', entry);
      if (dir !== undefined) out.push(dir);
    }
  }
  return out;
}

function dedupe(roots: ScopedRoot[]): ScopedRoot[] {
  const seen = new Set<string>();
  return roots.filter((r) => {
    const key = `${r.dir}\0${r.scope}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
