import { roleOfName } from './lexicon.js';
import { type Decide, fixed, positional, rank, roleOfTarget, sub, TOOLS } from './tool-registry.js';
import type { Role } from './role.js';
import { scriptRole } from './lexicon.js';
import { own } from '../../core/own.js';

// Python: pip, `python -m <module>`, `python script.py`, `python -c`.

const PIP_VALUED = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-f',
  '--find-links',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '-C',
  '--config-settings',
  '--python',
  '-p',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--only-binary',
  '--no-binary',
  '--progress-bar',
  '--cache-dir',
  '--trusted-host',
  '--log',
  '--proxy',
  '--timeout',
  '--retries',
  '--src',
  '--upgrade-strategy',
  '-w',
  '--wheel-dir',
  '-d',
  '--dest',
  '--report',
  '--group',
]);

/** `pip install .` / `pip install -e .` builds the repository's own project; `pip install -r reqs.txt numpy` sets up. */
export const pip: Decide = (args) => {
  const [cmd, ...rest] = positional(args, PIP_VALUED);
  switch (cmd) {
    case 'install': {
      const editable = args.some((a, i) => (a === '-e' || a === '--editable') && args[i + 1] !== undefined && isPath(args[i + 1]!));
      return editable || rest.some(isPath) ? 'build' : 'setup';
    }
    case 'wheel':
      return 'build';
    case 'uninstall':
      return 'cleanup';
    // `pip check` asks whether the installed packages' requirements agree: a check of the
    // environment the install made (odc-stac's `pip check || true` after `pip install --no-deps`),
    // not of the project, whose tests run next.
    case 'check':
      return 'setup';
    case 'list':
    case 'freeze':
    case 'show':
    case 'config':
    case 'debug':
    case 'inspect':
    case 'index':
    case 'cache':
      return 'report';
    default:
      return 'setup';
  }
};

function isPath(a: string): boolean {
  const v = a.replace(/\[.*\]$/, '');
  return v === '.' || v === '..' || /^\.{1,2}[/\\]/.test(v) || v.startsWith('/') || (/^[\w.-]+\/[\w./-]*$/.test(v) && !/^(git\+|https?:)/.test(v));
}

const MYPY_VALUED = new Set([
  '--config-file',
  '--python-version',
  '--platform',
  '--cache-dir',
  '--exclude',
  '--junit-xml',
  '--html-report',
  '--txt-report',
  '--xml-report',
  '--linecount-report',
  '--python-executable',
  '--custom-typeshed-dir',
]);

/**
 * `mypy --install-types` alone installs the stub packages a previous run found missing: setup. Given
 * what to check (`mypy --install-types --non-interactive .`, `-p pkg`), it installs them and then
 * type-checks: a lint.
 */
export const mypy: Decide = (args) =>
  !args.includes('--install-types') || args.some((a) => /^(-p|-m|--package|--module)$/.test(a)) || positional(args, MYPY_VALUED).length > 0 ? 'lint' : 'setup';

/**
 * `tox -e lint`, `nox -s docs tests`: the environments or sessions named say what the run is for (the
 * most important of those a name tells); named none, or none that tells, it runs the tests.
 */
export const envRunner: Decide = (args) => {
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^(-e|--env|-s|--session|--sessions)(?:=(.*))?$/.exec(a);
    if (!m) continue;
    if (m[2] !== undefined) names.push(...m[2].split(','));
    // nox takes several sessions after one flag (`-s lint tests`); tox one comma-separated list.
    else for (let j = i + 1; j < args.length && !args[j]!.startsWith('-'); j++) names.push(...args[j]!.split(','));
  }
  let best: Role | undefined;
  for (const n of names) {
    // `py311`, `py312-django42`, `pypy3`: the test suite on that interpreter.
    const role = /^py(py)?\d*([-_.]|$)/i.test(n) ? 'test' : roleOfTarget(n);
    if (role && role !== 'other' && (!best || rank(role) > rank(best))) best = role;
  }
  return best ?? 'test';
};

export const PY_MODULES: Record<string, Decide> = {
  pytest: fixed('test'),
  unittest: fixed('test'),
  nose: fixed('test'),
  nose2: fixed('test'),
  tox: envRunner,
  nox: envRunner,
  coverage: sub({ run: 'test', report: 'report', xml: 'report', html: 'report', combine: 'report', erase: 'cleanup' }),
  pip: pip,
  build: fixed('build'),
  cibuildwheel: fixed('build'),
  twine: sub({ upload: 'release', check: 'verify' }),
  venv: fixed('setup'),
  virtualenv: fixed('setup'),
  ensurepip: fixed('setup'),
  abi3audit: fixed('verify'),
  check_wheel_contents: fixed('verify'),
  auditwheel: sub({ repair: 'build', show: 'report' }, 'verify'),
  delocate: fixed('build'),
  sphinx: fixed('build'),
  setuptools_scm: fixed('report'),
  coveralls: fixed('upload'),
  codecov: fixed('upload'),
  mypy,
  flake8: fixed('lint'),
  ruff: fixed('lint'),
  pylint: fixed('lint'),
  black: fixed('lint'),
  isort: fixed('lint'),
  pyright: fixed('lint'),
  pycodestyle: fixed('lint'),
  pydocstyle: fixed('lint'),
  vulture: fixed('lint'),
  codespell: fixed('lint'),
  pre_commit: fixed('lint'),
  lintrunner: fixed('lint'),
  http: fixed('other'),
  // `python -m sysconfig`, `-m site`, `-m platform`: the interpreter's configuration, printed.
  sysconfig: fixed('report'),
  site: fixed('report'),
  platform: fixed('report'),
};

export const python: Decide = (args, r) => {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return 'report';
  const m = args.indexOf('-m');
  if (m >= 0 && args[m + 1]) {
    const mod = args[m + 1]!;
    const decide = own(PY_MODULES, mod.split('.')[0]!.replace(/-/g, '_'));
    if (decide) return decide(args.slice(m + 2), r);
    if (mod.split('.')[0] === 'uv') return TOOLS.get('uv')!(args.slice(m + 2), r);
    return roleOfName(mod.split('.').pop())?.role;
  }
  if (args.includes('-c')) return printsOnly(args[args.indexOf('-c') + 1] ?? '') ? 'report' : undefined;
  const script = args.find((a) => !a.startsWith('-'));
  if (!script) return undefined;
  if (/(^|[/\\])setup\.py$/.test(script)) {
    const cmd = positional(args.slice(args.indexOf(script) + 1))[0];
    // `egg_info` writes the package's metadata, `--name`/`--version` print it.
    if (cmd === 'egg_info' || cmd === 'dist_info') return 'setup';
    // `check` checks the package's metadata (`--strict`, `--restructuredtext`).
    if (cmd === 'check') return 'verify';
    return cmd === 'test' ? 'test' : cmd === 'clean' ? 'cleanup' : args.some((a) => /^--(version|name|fullname)$/.test(a)) ? 'report' : 'build';
  }
  return scriptRole(script);
};

/**
 * `python -c "import geopandas; geopandas.show_versions()"`, `python -c "import numpy; print(numpy.__version__)"`:
 * code that only imports and prints is a report of the environment (what it imports, the steps after
 * it import again). Bare imports (`python -c "import torch"`) are a check of the install: undecided.
 */
function printsOnly(code: string): boolean {
  const parts = code
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const imports = (p: string) => /^(import\s|from\s+\S+\s+import\s)/.test(p);
  const prints = (p: string) => /^(print\(|[\w.]*\.(show_versions|show_config|show_runtime|show)\(\)?|[\w.]*__config__\.show\()/.test(p);
  return parts.length > 0 && parts.every((p) => imports(p) || prints(p)) && parts.some(prints);
}

/** Whether python's role came from a script's name (`python tools/run_tests.py`). */
export function pythonScript(args: string[]): boolean {
  if (args.some((a) => /^-[a-zA-Z]*[mc]/.test(a))) return false;
  const script = args.find((a) => !a.startsWith('-'));
  // A path without the extension is a script too (`python3 "${QNN_SDK_ROOT}/bin/check-python-dependency"`).
  return Boolean(script && (/\.py$/.test(script) || /[/\\]/.test(script)) && !/(^|[/\\])setup\.py$/.test(script));
}
