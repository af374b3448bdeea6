import { roleOfName } from './lexicon.js';
import { CRITICAL_ROLES, type Role } from './role.js';

/**
 * What a command line is for, from a table of the tools CI scripts run: `pytest` tests, `cmake
 * --build` builds, `pip install -r …` sets up, `pip install .` builds the project, `git commit` is
 * housekeeping, `twine upload` releases, `vulkaninfo` reports. A command this table does not know is
 * the step's main work, and the caller falls back to the step's role: it is never outranked by an
 * `ls` or a `nproc` beside it.
 */
export interface ToolRole {
  role: Role;
  /** The words that decided, for messages (`pip install .`, `make test`). */
  because: string;
  /** The role was read from a script's file name (`run_tests.sh`), not from a tool the table knows. */
  weak?: boolean;
}

export interface Resolved {
  /** The command's words after wrappers (`sudo`, `conda run -n x`, `timeout 5m`, `docker exec c`) are dropped. */
  words: string[];
  /** The program's base name, lower-case, without `.exe` or a version suffix (`python3.12` → python). */
  program: string;
  /** The program is a path into the tree (`./build/bin/test`, `Release\gtests.exe`): something the job built or checked out. */
  local: boolean;
  /** The program is named by a variable (`%VS_PATH% arm64`, `$TOOL --x`): not known. */
  opaque?: boolean;
}

type Decide = (args: string[], r: Resolved) => Role | undefined;

const fixed =
  (role: Role): Decide =>
  () =>
    role;

function positional(args: string[], valued: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The first positional argument chooses: `git push`, `cargo test`, `brew uninstall`. */
function sub(table: Record<string, Role>, otherwise?: Role, valued?: ReadonlySet<string>): Decide {
  return (args) => {
    const first = positional(args, valued)[0];
    return (first !== undefined ? table[first.toLowerCase()] : undefined) ?? otherwise;
  };
}

/** The most important role among named targets (`make lint test`, `rake docker:pull:x`), else a default. */
function targets(otherwise: Role | undefined, valued: ReadonlySet<string>): Decide {
  return (args) => {
    const names = positional(args, valued).filter((a) => !a.includes('='));
    let best: Role | undefined;
    for (const t of names) {
      const role = roleOfTarget(t);
      if (role && (!best || rank(role) > rank(best))) best = role;
    }
    return best ?? (names.length === 0 ? otherwise : undefined);
  };
}

/** A target's role is read like a name: `build-cache` builds a cache, `lint-py-build` lints, `docker:pull:x` pulls. */
function roleOfTarget(t: string): Role | undefined {
  return roleOfName(t.replace(/:/g, ' '))?.role;
}

const ORDER: Role[] = ['other', 'probe', 'report', 'cleanup', 'notify', 'stats', 'cache', 'upload', 'setup', 'verify', 'lint', 'build', 'test', 'release'];
const rank = (r: Role) => ORDER.indexOf(r);

const MAKE_VALUED = new Set(['-C', '-f', '-j', '-l', '-o', '-W', '-I', '--directory', '--file', '--jobs', '-t', '--rakefile', '-R', '--libdir']);

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
const pip: Decide = (args) => {
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
    case 'check':
      return 'verify';
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

const PY_MODULES: Record<string, Decide> = {
  pytest: fixed('test'),
  unittest: fixed('test'),
  nose: fixed('test'),
  nose2: fixed('test'),
  tox: fixed('test'),
  nox: fixed('test'),
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
  // `mypy --install-types` installs stub packages: setup, not a type check.
  mypy: (args) => (args.includes('--install-types') ? 'setup' : 'lint'),
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
};

const python: Decide = (args, r) => {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return 'report';
  const m = args.indexOf('-m');
  if (m >= 0 && args[m + 1]) {
    const mod = args[m + 1]!;
    const decide = PY_MODULES[mod.split('.')[0]!.replace(/-/g, '_')];
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
function pythonScript(args: string[]): boolean {
  if (args.some((a) => /^-[a-zA-Z]*[mc]/.test(a))) return false;
  const script = args.find((a) => !a.startsWith('-'));
  return Boolean(script && /\.py$/.test(script) && !/(^|[/\\])setup\.py$/.test(script));
}

/** `collect_test_xmls.sh` reports, `run_tests.py` tests, `setup-windows.ps1` sets up: the script's name says. */
export function scriptRole(path: string): Role | undefined {
  const base = path
    .split(/[/\\]/)
    .pop()!
    .replace(/\.(sh|bash|py|ps1|bat|cmd|rb|pl|js|mjs|ts)$/i, '');
  return roleOfName(base)?.role;
}

/** Copy commands: the destination (last argument) says whether files leave the machine. */
function transfer(args: string[]): Role {
  const pos = positional(args);
  const dest = pos[pos.length - 1] ?? '';
  return /^(s3|gs|az|https?|ftp|sftp):\/\/|^gs:/.test(dest) ? 'upload' : 'setup';
}

const PACKAGES: Decide = sub(
  {
    remove: 'cleanup',
    uninstall: 'cleanup',
    purge: 'cleanup',
    autoremove: 'cleanup',
    clean: 'cleanup',
    list: 'report',
    info: 'report',
    search: 'report',
    show: 'report',
    policy: 'report',
    outdated: 'report',
  },
  'setup',
);

const DOCKER_VALUED = new Set([
  '-e',
  '--env',
  '-v',
  '--volume',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--name',
  '--platform',
  '--network',
  '--net',
  '--entrypoint',
  '--env-file',
  '--mount',
  '-p',
  '--publish',
  '--shm-size',
  '--gpus',
  '--device',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--ulimit',
  '-l',
  '--label',
  '--runtime',
  '-m',
  '--memory',
  '--cpus',
  '--hostname',
  '-h',
  '--ipc',
  '--pid',
  '--restart',
  '--add-host',
  '--dns',
  '--tmpfs',
  '--log-driver',
  '--cidfile',
  '--pull',
  '--group-add',
  '--stop-signal',
  '--health-cmd',
  '--memory-swap',
  '--cpuset-cpus',
  '--userns',
  '--uts',
  '-f',
  '--file',
  '-t',
  '--tag',
  '--build-arg',
  '--target',
  '--cache-from',
  '--cache-to',
  '--output',
  '-o',
  '--progress',
  '--secret',
  '--ssh',
  '--project-name',
  '--profile',
]);

const docker: Decide = (args) => {
  const pos = positional(args, DOCKER_VALUED);
  const cmd = pos[0];
  const table: Record<string, Role> = {
    build: 'build',
    buildx: 'build',
    push: 'upload',
    pull: 'setup',
    login: 'setup',
    tag: 'setup',
    create: 'setup',
    network: 'setup',
    volume: 'setup',
    load: 'setup',
    import: 'setup',
    context: 'setup',
    save: 'upload',
    rm: 'cleanup',
    rmi: 'cleanup',
    stop: 'cleanup',
    kill: 'cleanup',
    system: 'cleanup',
    prune: 'cleanup',
    ps: 'report',
    images: 'report',
    inspect: 'report',
    info: 'report',
    logs: 'report',
    version: 'report',
    stats: 'report',
    history: 'report',
    commit: 'setup',
    cp: 'setup',
    start: 'setup',
    up: 'setup',
    down: 'cleanup',
    compose: 'setup',
  };
  if (cmd === 'compose') return table[pos[1] ?? ''] ?? 'setup';
  if (cmd === 'container' || cmd === 'image') return table[pos[1] ?? ''] ?? 'report';
  return cmd ? table[cmd] : undefined;
};

const bazel = sub({
  build: 'build',
  test: 'test',
  coverage: 'test',
  query: 'report',
  cquery: 'report',
  aquery: 'report',
  info: 'report',
  version: 'report',
  'analyze-profile': 'report',
  dump: 'report',
  clean: 'cleanup',
  shutdown: 'cleanup',
  fetch: 'setup',
  sync: 'setup',
  mod: 'setup',
});

const git: Decide = (args) => {
  const cmd = positional(args, new Set(['-C', '-c', '--git-dir', '--work-tree']))[0];
  // `--quiet` asks a question (no output); `--exit-code` shows the difference and fails on it: a check.
  if (cmd === 'diff') return args.includes('--exit-code') ? 'verify' : args.includes('--quiet') ? 'probe' : 'report';
  // Pushing from CI is mostly a bot publishing files (docs, an index, a lock file): an upload.
  const table: Record<string, Role> = {
    push: 'upload',
    clean: 'cleanup',
    gc: 'cleanup',
    prune: 'cleanup',
    status: 'report',
    log: 'report',
    show: 'report',
    'rev-parse': 'probe',
    describe: 'report',
    'ls-files': 'report',
    'ls-remote': 'probe',
    grep: 'probe',
    'merge-base': 'probe',
    blame: 'report',
    shortlog: 'report',
    'cat-file': 'probe',
    'show-ref': 'probe',
    'check-ignore': 'probe',
  };
  return cmd ? (table[cmd] ?? 'setup') : 'report';
};

const TOOLS = new Map<string, Decide>();
function tool(names: string, decide: Decide): void {
  for (const n of names.trim().split(/\s+/)) TOOLS.set(n, decide);
}

tool('python py pypy pypy3', python);
tool('pip', pip);
tool('uv', (args, r) => {
  const [cmd, ...rest] = positional(args, new Set(['-p', '--python', '--directory', '--project']));
  if (cmd === 'pip') return pip(args.slice(args.indexOf('pip') + 1), r);
  return (
    ({ build: 'build', publish: 'release', venv: 'setup', sync: 'setup', lock: 'setup', add: 'setup', tool: 'setup' } as Record<string, Role>)[cmd ?? ''] ??
    (rest.length ? undefined : 'setup')
  );
});
tool('pytest py.test ctest tox nox jest vitest mocha karma ava rspec phpunit pest bats prove valgrind gtest-parallel pytest-xdist', fixed('test'));
// `coverage run` runs the tests; `coverage combine`/`xml`/`report` only turn their data into reports.
tool('coverage', PY_MODULES.coverage!);
tool('mypy', (args) => (args.includes('--install-types') ? 'setup' : 'lint'));
tool(
  'bandit reorder-python-imports pyupgrade autoflake flake8 ruff pyright pylint black isort ufmt usort pycodestyle pydocstyle vulture codespell typos yamllint hadolint markdownlint shellcheck actionlint zizmor cppcheck clang-tidy run-clang-tidy clang-format cpplint eslint prettier stylelint tsc golangci-lint gofmt rustfmt swiftlint ktlint buildifier cmake-format cmakelint editorconfig-checker mdformat taplo',
  fixed('lint'),
);
tool('pre-commit', sub({ install: 'setup', autoupdate: 'setup', 'install-hooks': 'setup', clean: 'cleanup', gc: 'cleanup' }, 'lint'));
tool('lintrunner', sub({ init: 'setup' }, 'lint'));
tool('diff cmp comm check-wheel-contents abi3audit check-manifest validate-pyproject check-jsonschema pydistcheck abidiff', fixed('verify'));
tool('sha256sum sha1sum sha512sum md5sum shasum', (args) => (args.some((a) => a === '-c' || a === '--check' || /^-\w*c/.test(a)) ? 'verify' : 'report'));
// Coverage uploaders send a report to a service; a lost upload is a missing data point, not a hidden test failure.
tool('coveralls codecov codecovcli', fixed('upload'));
tool('twine', sub({ upload: 'release', check: 'verify', register: 'release' }));
tool('cibuildwheel auditwheel delocate-wheel delvewheel', fixed('build'));
tool(
  'maturin flit hatch poetry pdm rye',
  sub({ build: 'build', develop: 'build', publish: 'release', upload: 'release', install: 'setup', lock: 'setup', test: 'test', add: 'setup', sync: 'setup' }),
);
tool('gcc g++ cc c++ clang clang++ cl nvcc icpc icx icc gfortran rustc javac swiftc emcc ld lld link', fixed('build'));
tool('cmake', (args) => {
  if (args.length === 1 && args[0] === '--version') return 'report';
  if (args[0] === '-E') return 'setup';
  if (args[0] === '-P') return undefined;
  return 'build';
});
tool('ccmake cpack msbuild', fixed('build'));
tool('xcodebuild', (args) => (positional(args).includes('test') ? 'test' : 'build'));
tool('make gmake mingw32-make nmake ninja scons jom', targets('build', MAKE_VALUED));
tool('rake just invoke inv task mage doit jake', targets(undefined, MAKE_VALUED));
tool(
  'meson',
  sub(
    {
      setup: 'build',
      configure: 'build',
      compile: 'build',
      install: 'build',
      dist: 'build',
      test: 'test',
      introspect: 'report',
      wrap: 'setup',
      subprojects: 'setup',
      devenv: 'setup',
      env2mfile: 'setup',
    },
    'build',
  ),
);
tool('bazel bazelisk blaze buck buck2', bazel);
tool('gradle gradlew', targets('build', new Set(['-p', '--project-dir', '-b', '--build-file', '-x', '--exclude-task'])));
tool('mvn mvnw', targets('build', new Set(['-f', '--file', '-pl', '--projects', '-P', '--activate-profiles', '-s', '--settings', '-T', '--threads'])));
tool(
  'spin',
  sub({
    build: 'build',
    test: 'test',
    lint: 'lint',
    docs: 'build',
    bench: 'stats',
    install: 'build',
    'config-openblas': 'setup',
    python: 'other',
    ipython: 'other',
    shell: 'other',
  }),
);
tool(
  'cargo',
  sub(
    {
      build: 'build',
      b: 'build',
      rustc: 'build',
      check: 'build',
      c: 'build',
      doc: 'build',
      test: 'test',
      t: 'test',
      nextest: 'test',
      miri: 'test',
      clippy: 'lint',
      fmt: 'lint',
      publish: 'release',
      bench: 'stats',
      install: 'setup',
      fetch: 'setup',
      update: 'setup',
      'generate-lockfile': 'setup',
      clean: 'cleanup',
      deny: 'verify',
      audit: 'verify',
      run: 'other',
      metadata: 'report',
      tree: 'report',
    },
    undefined,
    new Set(['-p', '--package', '--manifest-path', '--target', '--features', '-F', '-j', '--jobs', '--profile', '--target-dir', '-Z']),
  ),
);
const goSub = sub({
  build: 'build',
  install: 'build',
  test: 'test',
  vet: 'lint',
  fmt: 'lint',
  mod: 'setup',
  get: 'setup',
  generate: 'setup',
  env: 'report',
  version: 'report',
  run: 'other',
  clean: 'cleanup',
});
// `go tool cover -func coverage.out`, `go tool covdata textfmt`, `go tool pprof`: reports of a run.
tool('go', (args, r) => {
  const pos = positional(args);
  if (pos[0] === 'tool') return /^(cover|covdata|pprof|trace|nm|objdump|addr2line)$/.test(pos[1] ?? '') ? 'report' : undefined;
  return goSub(args, r);
});
tool('npm pnpm yarn bun', (args, r) => {
  const pos = positional(args, new Set(['--prefix', '-C', '--dir', '--workspace', '-w', '--filter', '--cwd']));
  const cmd = pos[0];
  const table: Record<string, Role> = {
    test: 'test',
    t: 'test',
    ci: 'setup',
    install: 'setup',
    i: 'setup',
    add: 'setup',
    link: 'setup',
    unlink: 'cleanup',
    publish: 'release',
    build: 'build',
    pack: 'build',
    audit: 'verify',
    ls: 'report',
    list: 'report',
    version: 'report',
    outdated: 'report',
    prune: 'cleanup',
    uninstall: 'cleanup',
    remove: 'cleanup',
    config: 'setup',
    cache: 'cache',
    lint: 'lint',
  };
  if (cmd === undefined) return r.program === 'yarn' ? 'setup' : undefined;
  if (cmd === 'run' || cmd === 'run-script') return pos[1] ? roleOfTarget(pos[1]) : undefined;
  return table[cmd] ?? (r.program === 'npm' ? undefined : roleOfTarget(cmd));
});
tool(
  'dotnet',
  sub({ build: 'build', test: 'test', publish: 'build', pack: 'build', restore: 'setup', format: 'lint', nuget: 'release', tool: 'setup', run: 'other' }),
);
tool('swift', sub({ build: 'build', test: 'test', package: 'setup', format: 'lint' }));
tool(
  'conda mamba micromamba',
  sub(
    { build: 'build', list: 'report', info: 'report', search: 'report', remove: 'cleanup', uninstall: 'cleanup', clean: 'cleanup', deactivate: 'setup' },
    'setup',
  ),
);
tool('conda-build', fixed('build'));
tool('anaconda', sub({ upload: 'release' }, 'setup'));
tool('apt apt-get aptitude yum dnf zypper apk pacman brew port choco winget scoop snap pkg emerge pkgin opkg', PACKAGES);
tool('gem bundle bundler', sub({ push: 'release', build: 'build', uninstall: 'cleanup', list: 'report' }, 'setup'));
tool('git', git);
tool('gh', (args) => {
  const [cmd, subcmd] = positional(
    args,
    new Set(['-R', '--repo', '-X', '--method', '-H', '--header', '--jq', '-q', '-f', '-F', '--field', '--raw-field', '-t', '--template']),
  );
  if (cmd === 'release') {
    if (subcmd === 'delete' || subcmd === 'delete-asset') return 'cleanup';
    return subcmd === 'list' || subcmd === 'view' || subcmd === 'download' ? (subcmd === 'download' ? 'setup' : 'report') : 'release';
  }
  if (cmd === 'pr' || cmd === 'issue') return subcmd === 'comment' || subcmd === 'edit' || subcmd === 'create' ? 'notify' : 'report';
  if (cmd === 'label') return 'notify';
  if (cmd === 'auth' || cmd === 'repo' || cmd === 'extension') return 'setup';
  // A read of the API fetches data the script goes on with.
  if (cmd === 'api') return args.some((a) => /^(-X|--method)$/.test(a)) && !args.some((a) => a === 'GET') ? 'notify' : 'setup';
  return undefined;
});
tool('aws', (args) => {
  const [svc, cmd] = positional(args, new Set(['--region', '--profile', '--endpoint-url', '--output']));
  if (svc === 's3' && (cmd === 'cp' || cmd === 'sync' || cmd === 'mv')) return transfer(args.slice(args.indexOf(cmd) + 1));
  if (svc === 's3' && cmd === 'ls') return 'report';
  if (svc === 's3' && (cmd === 'rm' || cmd === 'rb')) return 'cleanup';
  return svc === 'sts' || svc === 'ecr' || svc === 'configure' || svc === 'ssm' || svc === 'secretsmanager' || svc === 'codeartifact' ? 'setup' : undefined;
});
tool('gsutil azcopy rclone', (args) => {
  const cmd = positional(args)[0];
  return cmd === 'cp' || cmd === 'rsync' || cmd === 'sync' || cmd === 'mv' || cmd === 'copy'
    ? transfer(args.slice(args.indexOf(cmd) + 1))
    : cmd === 'ls'
      ? 'report'
      : cmd === 'rm'
        ? 'cleanup'
        : 'setup';
});
tool('gcloud', (args) => {
  const pos = positional(args, new Set(['--project', '--region', '--zone', '--format', '--account']));
  if (pos[0] === 'storage' && ['cp', 'rsync', 'mv'].includes(pos[1] ?? '')) return transfer(args.slice(args.indexOf(pos[1]!) + 1));
  return pos[0] === 'auth' || pos[0] === 'config' || pos[0] === 'components' ? 'setup' : undefined;
});
tool('curl wget', (args) =>
  args.some((a) => a === '-T' || a === '--upload-file' || /^--data-binary$/.test(a) || a === '-F' || a === '--form') ? 'upload' : 'setup',
);
tool('docker podman nerdctl', docker);
tool('docker-compose', sub({ up: 'setup', build: 'build', pull: 'setup', down: 'cleanup', rm: 'cleanup', stop: 'cleanup', logs: 'report', ps: 'report' }));
tool(
  'kubectl',
  sub({ get: 'report', describe: 'report', logs: 'report', delete: 'cleanup', apply: 'setup', create: 'setup', wait: 'verify', rollout: 'verify' }),
);
// Packing files is preparing them for transfer, not building software.
tool('tar bsdtar', (args) => (/^-?[a-zA-Z]*c/.test(args[0] ?? '') || args.includes('--create') ? 'upload' : 'setup'));
tool('zip 7z 7za', (args) => (args[0] === 'x' || args[0] === 'e' ? 'setup' : 'upload'));
tool('unzip gunzip bunzip2 xz unxz zstd unzstd', fixed('setup'));
tool('mkdir ln cp mv chmod chown chgrp setfacl touch install rsync patch dd ditto robocopy xcopy copy move md', fixed('setup'));
tool('sed', (args) => (args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place')) ? 'setup' : 'report'));
tool(
  'source . activate deactivate export cd pushd popd eval set shopt ulimit trap unset alias umask newgrp chdir setx refreshenv cygpath vcvarsall vcvars64 vcvars32 vsdevcmd rustup nvm pyenv rbenv sdkmanager sdk asdf mise volta fnm jenv goenv pipx corepack update-alternatives ldconfig locale-gen systemctl service launchctl ssh-keygen ssh-add ssh-keyscan gpg gpg2 keytool security xcode-select softwareupdate ridk msys2 pacman-key useradd usermod groupadd adduser chsh hdiutil installer regsvr32 reg',
  fixed('setup'),
);
tool('gyp gn', fixed('build'));
tool('path', fixed('setup'));
tool('sysctl', (args) => (args.some((a) => a === '-w' || a.includes('=')) ? 'setup' : 'report'));
tool('rm rmdir del rd erase unlink kill pkill killall umount shred taskkill', fixed('cleanup'));
tool(
  'yes echo printf cat type ls dir tree du df free nproc uname env printenv pwd whoami hostname date lscpu lsblk lspci lsusb lsb_release sw_vers systeminfo nvidia-smi rocm-smi rocminfo vulkaninfo clinfo ps top uptime id groups head tail less more wc sort uniq awk gawk tr cut column paste xargs jq yq base64 file ldd otool nm objdump readelf strings size tee ccache sccache df du lsof netstat ss ip ifconfig dumpbin sleep timeout',
  fixed('report'),
);
tool(
  'test [ [[ true false grep egrep fgrep rg ag ack which where command hash pgrep pidof getent stat readlink realpath dirname basename mktemp nslookup dig host ping nc read wait',
  fixed('probe'),
);
tool('find', (args) =>
  args.includes('-delete') || args.some((a, i) => a === '-exec' && /^(rm|rmdir)$/.test(args[i + 1] ?? ''))
    ? 'cleanup'
    : args.some((a, i) => (a === '-exec' || a === '-execdir') && /^(cp|mv|chmod|chown|ln)$/.test(args[i + 1] ?? ''))
      ? 'setup'
      : 'probe',
);

/** Wrappers that run the rest of the line as a command: `sudo -E pytest`, `timeout 10m make`. */
const WRAPPERS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '--user', '-g', '--group', '-C', '-D', '-h', '-p', '-r', '-t', '-T']),
  time: new Set(['-f', '-o']),
  exec: new Set(['-a']),
  nohup: new Set(),
  builtin: new Set(),
  caffeinate: new Set(),
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p']),
  stdbuf: new Set(['-i', '-o', '-e']),
  taskset: new Set([]),
  numactl: new Set([]),
  timeout: new Set(['-s', '--signal', '-k', '--kill-after']),
  'xvfb-run': new Set(['-s', '--server-args', '-n', '--server-num', '-f', '--auth-file', '-e', '--error-file', '-w', '--wait']),
  call: new Set(),
  '&': new Set(),
  linux32: new Set(),
  linux64: new Set(),
  setarch: new Set(),
  arch: new Set(['-arch']),
  chroot: new Set(),
  retry: new Set(['-t', '--tries', '-d', '--delay']),
  ccache: new Set(),
  sccache: new Set(),
  // `find … | xargs -n40 valgrind ./fuzz`: xargs runs the command on its input (alone, it echoes).
  xargs: new Set(['-n', '-L', '-P', '-I', '-d', '-E', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars']),
};

/** Wrappers that take a positional argument before the command (`timeout 10m`, `taskset 0x1`, `setarch x86_64`). */
const WRAPPER_POSITIONALS: Record<string, number> = { timeout: 1, taskset: 1, setarch: 1, chroot: 1 };

/** Runners of a named environment: `conda run -n env pytest`, `uv run pytest`, `poetry run pytest`. */
const RUNNERS: Record<string, ReadonlySet<string>> = {
  conda: new Set(['-n', '--name', '-p', '--prefix', '--cwd']),
  mamba: new Set(['-n', '--name', '-p', '--prefix', '--cwd']),
  micromamba: new Set(['-n', '--name', '-p', '--prefix', '--cwd']),
  uv: new Set(['-p', '--python', '--with', '--directory', '--project', '--group', '--extra', '--package', '--env-file']),
  poetry: new Set(['-C', '--directory']),
  pipenv: new Set(),
  pixi: new Set(['-e', '--environment', '--manifest-path']),
  hatch: new Set(['-e', '--env']),
  pdm: new Set(['-p', '--project']),
  rye: new Set(),
  bundle: new Set(),
  ridk: new Set(),
};

function programName(word: string): string {
  let base = word.split(/[/\\]/).pop()!.toLowerCase();
  base = base.replace(/\.(exe|cmd|bat|com)$/, '');
  if (/^(python|pypy|pip)\d[\d.]*t?$/.test(base)) base = base.replace(/\d[\d.]*t?$/, '');
  if (/^(g\+\+|gcc|clang|clang\+\+|clang-tidy|clang-format|cc|c\+\+)-\d+$/.test(base)) base = base.replace(/-\d+$/, '');
  return base;
}

const EXPANSION = /^(\$\{[^}]*\}|\$[\w@*#?]+|_{4,}|`.*`|\$\(.*\)|%\w+%|\$env:\w+)$/i;

/** Drops wrappers and leading assignments: what actually runs. */
export function resolveCommand(input: readonly string[]): Resolved | undefined {
  let words = [...input];
  for (let guard = 0; guard < 12 && words.length > 0; guard++) {
    const first = words[0]!;
    if (/^\w+=/.test(first)) {
      words = words.slice(1);
      continue;
    }
    if (EXPANSION.test(first)) {
      // `$PYTHON -m pip …` runs python; `${CONDA_RUN} pytest` runs what follows.
      if (/PYTHON|\bPY\b/i.test(first)) return { words: ['python', ...words.slice(1)], program: 'python', local: false };
      // `${CONDA_RUN} --no-capture-output pip install x`: what follows the variable's own options.
      const known = (w: string) =>
        TOOLS.has(programName(w)) || WRAPPERS[programName(w)] !== undefined || RUNNERS[programName(w)] !== undefined || /[/\\]|\.(sh|py|ps1|bat|cmd)$/i.test(w);
      let j = 1;
      while (j < words.length && words[j]!.startsWith('-')) j++;
      if (j >= words.length || !known(words[j]!)) return { words, program: first, local: false, opaque: true };
      words = words.slice(j);
      continue;
    }
    const program = programName(first);
    // `cmd /c "%VSDevCmd%" "&" nuget.exe restore x.sln`: cmd runs the commands after /c, and the
    // status is the last one's (after the last `&`/`&&`).
    if (program === 'cmd' && /^\/[ck]$/i.test(words[1] ?? '')) {
      const rest = words.slice(2);
      const sep = rest
        .map((w, i) => (/^(&|&&)$/.test(w) ? i : -1))
        .filter((i) => i >= 0)
        .pop();
      words = sep === undefined ? rest : rest.slice(sep + 1);
      continue;
    }
    const wrapper = WRAPPERS[program];
    if (wrapper && !(program === 'command' && words[1] === '-v') && !((program === 'ccache' || program === 'sccache') && (words[1] ?? '').startsWith('-'))) {
      let i = 1;
      while (i < words.length && words[i]!.startsWith('-')) i += wrapper.has(words[i]!) ? 2 : 1;
      if (program === 'env') while (i < words.length && /^\w+=/.test(words[i]!)) i++;
      i += WRAPPER_POSITIONALS[program] ?? 0;
      // `env` or `time` alone runs nothing else: it is the program.
      if (i >= words.length) return { words, program, local: false };
      words = words.slice(i);
      continue;
    }
    const runner = RUNNERS[program];
    const runIndex =
      program === 'ridk'
        ? words[1] === 'exec'
          ? 1
          : -1
        : words.findIndex((w, i) => i > 0 && (w === 'run' || w === 'exec' || (program === 'uv' && w === 'tool' && words[i + 1] === 'run')));
    if (runner && runIndex > 0 && positional(words.slice(1, runIndex + 1), runner).length === 1) {
      let i = runIndex + 1;
      if (words[i] === 'run') i++;
      while (i < words.length && words[i]!.startsWith('-')) i += runner.has(words[i]!) ? 2 : 1;
      words = words.slice(i);
      continue;
    }
    if ((program === 'docker' || program === 'podman') && (words[1] === 'exec' || words[1] === 'run' || (words[1] === 'compose' && words[2] === 'run'))) {
      const start = words[1] === 'compose' ? 3 : 2;
      let i = start;
      while (i < words.length && words[i]!.startsWith('-')) i += DOCKER_VALUED.has(words[i]!) && !words[i]!.includes('=') ? 2 : 1;
      // The image or container, then the command it runs (none: the image's own entry point).
      const rest = words.slice(i + 1);
      if (rest.length === 0) return { words, program, local: false };
      words = rest;
      continue;
    }
    const dashdash = words.indexOf('--');
    if ((program === 'sde' || program === 'sde64' || program === 'catchsegv' || program === 'qemu-aarch64' || program === 'wine') && dashdash > 0) {
      words = words.slice(dashdash + 1);
      continue;
    }
    return { words, program, local: /[/\\]/.test(first) && !/^\/(usr|bin|opt|sbin)\//.test(first) };
  }
  return undefined;
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'pwsh', 'powershell']);
const INTERPRETERS = new Set(['python', 'node', 'ruby', 'perl', 'php', 'Rscript', 'java', 'deno', 'bun']);
/** Subcommands that only read and print. */
const QUERIES = new Set('list ls show status info describe view inspect version help query print tree outdated freeze metadata whoami'.split(' '));
const COMPILERS = new Set('cl emcc em++ gcc g++ cc c++ clang clang++ clang-cl nvcc gfortran icx icpx icc icpc hipcc'.split(' '));

/** The script of the repository a command line runs (`./ci/x.sh`, `bash tools/y.sh`, `python scripts/z.py`), if it runs one rather than a tool. */
export function scriptOf(input: readonly string[]): string | undefined {
  const r = resolveCommand(input);
  if (!r) return undefined;
  const file = r.local ? r.words[0] : SHELLS.has(r.program) || INTERPRETERS.has(r.program) ? r.words.slice(1).find((w) => !w.startsWith('-')) : undefined;
  return file !== undefined && /[/\\]|\.(sh|py|ps1|bat|cmd|rb|pl)$/i.test(file) ? file : undefined;
}

/**
 * The role of a command line, or undefined when the command is not one the table knows (the
 * caller then takes the step's role: an unknown command is the step's main work).
 */
export function toolRole(input: readonly string[]): ToolRole | undefined {
  const r = resolveCommand(input);
  if (!r || r.words.length === 0) return undefined;
  const [first, ...args] = r.words;
  const because = r.words.slice(0, 3).join(' ');
  if (r.opaque) return { role: 'other', because: `${first} (a program named by a variable)` };
  if (args.length === 1 && /^(--version|-V|-v|-version|version|--help|-h)$/.test(args[0]!) && !TOOLS.has(r.program)) return { role: 'report', because };
  // (`ctest -V` is verbose, not a version.)
  if (args.length === 1 && args[0] === '-V' && r.program !== 'ctest') return { role: 'report', because };
  // `xcodebuild -sdk -version`, `java -version`: a version query does nothing else; nor does a listing
  // (`cibuildwheel --print-build-identifiers`, `--list-targets`).
  // Windows spells it `MSBuild /version`; `rustc -vV` adds the host.
  if (args.some((a) => a === '--version' || a === '-version' || a === '-vV' || /^\/version$/i.test(a) || /^--(print|list)-[\w-]+$/.test(a)))
    return { role: 'report', because };
  // `vitest --merge-reports`, `pnpm test:ui --merge-reports`: renders the results of test runs made elsewhere.
  if (args.some((a) => /^--merge-reports?(=|$)/.test(a))) return { role: 'report', because };
  // A compiler given only options and no input (`cl /Bv`, `gcc -v`, `nvcc -V`, `g++ -dumpversion`) says what it is.
  if (COMPILERS.has(r.program) && args.length > 0 && args.every((a) => /^[-/]/.test(a) && !/\.\w+$/.test(a))) return { role: 'report', because };
  // A subcommand that only reads (`conda list`, `cargo tree`, `brew info`, `npm outdated`): whatever the
  // tool does otherwise, this run of it reports. Shells and interpreters run scripts, not subcommands.
  if (!SHELLS.has(r.program) && !INTERPRETERS.has(r.program) && QUERIES.has(positional(args)[0] ?? '')) return { role: 'report', because };
  // `go env`, `crystal env`, `bin/crystal.bat env`: `env` alone prints the tool's environment (`conda env create` does more).
  if (!SHELLS.has(r.program) && !INTERPRETERS.has(r.program) && args.length === 1 && args[0] === 'env') return { role: 'report', because };
  if (SHELLS.has(r.program)) {
    // `bash ci/build.sh`: the script's name says; `bash -c …` is analysed as a script of its own.
    const c = args.findIndex((a) => /^-\w*c$/.test(a) || /^-command$/i.test(a));
    // `dash -c "pip install x"`: the command string's own first words say.
    if (c >= 0) return args[c + 1] ? toolRole(args[c + 1]!.split(/\s+/).filter(Boolean)) : undefined;
    const script = args.find((a) => !a.startsWith('-'));
    if (!script) return undefined;
    const role = scriptRole(script);
    return role ? { role, because: `script ${script}`, weak: true } : undefined;
  }
  const decide = TOOLS.get(r.program);
  if (decide) {
    const role = decide(args, r);
    return role ? { role, because, weak: r.program === 'python' && pythonScript(args) } : undefined;
  }
  if (r.local || /\.(sh|py|ps1|bat|cmd|rb|pl)$/i.test(first!)) {
    const role = scriptRole(first!);
    return role ? { role, because: first!, weak: true } : undefined;
  }
  // `rocminfo`, `vulkaninfo`; `xpu-smi`, `hl-smi`, `npu-smi`: system information and management tools, like nvidia-smi.
  if (/info$|-smi$/.test(r.program)) return { role: 'report', because };
  // An unknown command line tool with subcommands: `archery docker push`, `mytool lint`.
  // A teardown verb after a noun says what is done to it: `ae5 deployment stop` cleans up a deployment.
  const words: (Role | undefined)[] = [];
  for (const a of args.slice(0, 2)) {
    if (!/^[a-z][\w:.-]*$/i.test(a) || a.includes('.')) break;
    words.push(roleOfTarget(a));
  }
  if (words[1] === 'cleanup') return { role: 'cleanup', because };
  const role = words.find((r) => r && r !== 'other');
  return role ? { role, because } : undefined;
}

/** Whether a role from the table is one that matters (test, build, lint, verify, release). */
export function isCritical(role: Role): boolean {
  return CRITICAL_ROLES.has(role);
}
