import { cargo } from './cargo-tools.js';
import { buildah, docker, helm, skopeo } from './container-tools.js';
import { dpkg, dpkgDeb, pixi, xdotool } from './desktop-tools.js';
import { dotnet } from './dotnet-tools.js';
import { cabal, stack } from './haskell-tools.js';
import { mypy, python, pip, PY_MODULES } from './python-tools.js';
import type { Role } from './role.js';
import { type Decide, fixed, positional, roleOfTarget, sub, TOOLS, targets, tool } from './tool-registry.js';
import { own } from '../../core/own.js';

export { resolveCommand, type Resolved } from './resolve-command.js';
export { scriptRole } from './lexicon.js';

// The table of the tools CI scripts run, and what a run of each is for: one `tool(names, decide)`
// line per tool. Python's tools are in python-tools.ts, the reading of a command line's wrappers in
// resolve-command.ts, and `toolRole`, which looks a command line up, in tool-role.ts.

const MAKE_VALUED = new Set(['-C', '-f', '-j', '-l', '-o', '-W', '-I', '--directory', '--file', '--jobs', '-t', '--rakefile', '-R', '--libdir']);

/** Copy commands: the destination (last argument) says whether files leave the machine. */
function transfer(args: string[]): Role {
  const pos = positional(args);
  const dest = pos[pos.length - 1] ?? '';
  const source = pos[pos.length - 2] ?? '';
  const remote = (p: string) => /^(s3|gs|az|https?|ftp|sftp):\/\/|^gs:/.test(p);
  if (remote(dest)) return 'upload';
  // One side of a bucket copy is the bucket: from a local path to a name held in a variable
  // (`aws s3 cp ./release/x.msi $env:AWS_BUCKET_NAME`) is an upload.
  return !remote(source) && /^\$|\$\{\{/.test(dest) && source !== '' ? 'upload' : 'setup';
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
  return cmd ? (own(table, cmd) ?? 'setup') : 'report';
};

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
// `ctest -N` / `--show-only` lists the tests without running them.
tool('ctest', (args) => (args.some((a) => a === '-N' || a === '--show-only' || a.startsWith('--show-only=')) ? 'report' : 'test'));
tool('tox nox', PY_MODULES.tox!);
// (`kirk` and `runltp` run the Linux Test Project's suites.)
tool('pytest py.test jest vitest mocha karma ava rspec phpunit pest bats prove valgrind gtest-parallel pytest-xdist kirk runltp', fixed('test'));
// `coverage run` runs the tests; `coverage combine`/`xml`/`report` only turn their data into reports.
tool('coverage', PY_MODULES.coverage!);
tool('mypy', mypy);
tool(
  'bandit govulncheck gosec pip-audit osv-scanner semgrep reorder-python-imports pyupgrade autoflake flake8 ruff pyright pylint black isort ufmt usort pycodestyle pydocstyle vulture codespell typos yamllint hadolint markdownlint shellcheck actionlint zizmor cppcheck clang-tidy run-clang-tidy clang-format clang-format-diff cpplint eslint prettier stylelint tsc golangci-lint gofmt rustfmt swiftlint ktlint buildifier cmake-format cmakelint editorconfig-checker mdformat taplo knip',
  fixed('lint'),
);
tool('pre-commit', sub({ install: 'setup', autoupdate: 'setup', 'install-hooks': 'setup', clean: 'cleanup', gc: 'cleanup' }, 'lint'));
tool('lintrunner', sub({ init: 'setup' }, 'lint'));
tool('diff cmp comm check-wheel-contents abi3audit check-manifest validate-pyproject check-jsonschema pydistcheck abidiff', fixed('verify'));
tool('sha256sum sha1sum sha512sum sha224sum sha384sum md5sum shasum b2sum b3sum cksum xxhsum', (args) =>
  args.some((a) => a === '-c' || a === '--check' || /^-\w*c/.test(a)) ? 'verify' : 'report',
);
// Coverage uploaders send a report to a service; a lost upload is a missing data point, not a hidden test failure.
// airspeed velocity: `asv run` measures; `asv continuous` fails on a regression (a check); `asv compare`
// and `asv publish` turn results into tables and pages. `--strict` makes run/dev fail when a benchmark
// errors: the benchmarks are then smoke-tested, a test.
const asvSub = sub({
  run: 'stats',
  dev: 'stats',
  continuous: 'verify',
  check: 'verify',
  compare: 'report',
  publish: 'report',
  preview: 'report',
  show: 'report',
  machine: 'setup',
  setup: 'setup',
  gh_pages: 'upload',
  'gh-pages': 'upload',
});
tool('asv', (args, r) => {
  const role = asvSub(args, r);
  return role === 'stats' && args.includes('--strict') ? 'test' : role;
});
// Ericsson's CodeChecker: `analyze` and `check` run the static analyzers (a lint); `parse` renders
// their results (exit 2 when there are reports), `store` sends them to a server.
tool('codechecker', sub({ analyze: 'lint', check: 'lint', parse: 'report', store: 'upload', cmd: 'report', version: 'report' }));
tool('coveralls codecov codecovcli', fixed('upload'));
// Danger reviews a pull request and posts what it finds as comments.
tool('danger danger-swift danger-kotlin', fixed('notify'));
// Coverage reports of a run that already happened: `gcov -o build ../src/*.c`, `lcov --capture`,
// `genhtml`, `llvm-cov report`, `grcov`. gcovr with a threshold (`--fail-under-line 80`) is a check.
tool('gcov llvm-cov llvm-profdata lcov genhtml grcov', fixed('report'));
tool('gcovr', (args) => (args.some((a) => /^--fail-under-(line|branch|function|decision)/.test(a)) ? 'verify' : 'report'));
tool('twine', sub({ upload: 'release', check: 'verify', register: 'release' }));
tool('cibuildwheel auditwheel delocate-wheel delvewheel', fixed('build'));
tool(
  'maturin flit hatch poetry pdm rye',
  sub({ build: 'build', develop: 'build', publish: 'release', upload: 'release', install: 'setup', lock: 'setup', test: 'test', add: 'setup', sync: 'setup' }),
);
tool('gcc g++ cc c++ clang clang++ clang-cl em++ icpx hipcc cl nvcc icpc icx icc gfortran rustc javac swiftc emcc ld lld link', fixed('build'));
tool('cmake', (args) => {
  if (args.length === 1 && args[0] === '--version') return 'report';
  if (args[0] === '-E') return 'setup';
  if (args[0] === '-P') return undefined;
  // `cmake --build b --target RUN_TESTS` (Visual Studio), `--target test` / `check`: runs the tests.
  const t = args.findIndex((a) => a === '--target' || a === '-t');
  if (args.includes('--build') && t >= 0) {
    const rest = args.slice(t + 1);
    const end = rest.findIndex((a) => a.startsWith('-'));
    if ((end < 0 ? rest : rest.slice(0, end)).some((x) => /^(test|check|run_tests|ctest)$/i.test(x))) return 'test';
  }
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
tool('cargo', cargo);
tool('cabal', cabal);
tool('stack', stack);
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
  // `yarn danger ci`, `pnpm exec jest`: a package's program run by name is judged as that program.
  const bin = (name: string) => {
    const decide = TOOLS.get(name);
    const rest = args.slice(args.indexOf(name) + 1);
    // `pnpm exec vitest list`: the program's listing subcommand runs nothing.
    if (decide && (rest[0] === 'list' || rest[0] === 'ls' || rest.includes('--listTests'))) return 'report';
    return decide ? decide(rest, r) : undefined;
  };
  if (cmd === 'run' || cmd === 'run-script') return pos[1] ? (roleOfTarget(pos[1]) ?? bin(pos[1])) : undefined;
  if (cmd === 'exec' || cmd === 'dlx') return pos[1] ? bin(pos[1]) : undefined;
  return own(table, cmd) ?? (r.program === 'npm' ? undefined : (roleOfTarget(cmd) ?? bin(cmd)));
});
tool('dotnet', dotnet);
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
// Installer compilers: NSIS's `makensis x86_64.nsi`, Inno Setup's `iscc setup.iss`, WiX's `candle`/`light`/`wix build`.
tool('makensis iscc candle light', fixed('build'));
// Perl's installers: `cpanm Algorithm::Diff` installs a module (its name is no diff); `--test-only` tests one.
// `cpanm .` installs the project's own distribution, which runs its test suite first (unless `--notest`).
tool('cpan cpanm cpanp', (args) =>
  args.includes('--test-only') || args.includes('-t') || (positional(args).includes('.') && !args.some((a) => a === '-n' || a === '--notest'))
    ? 'test'
    : 'setup',
);
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
tool('buildah', buildah);
tool('skopeo', skopeo);
tool('docker-compose', sub({ up: 'setup', build: 'build', pull: 'setup', down: 'cleanup', rm: 'cleanup', stop: 'cleanup', logs: 'report', ps: 'report' }));
tool(
  'kubectl',
  sub({ get: 'report', describe: 'report', logs: 'report', delete: 'cleanup', apply: 'setup', create: 'setup', wait: 'verify', rollout: 'verify' }),
);
tool('helm', helm);
// Packing files is preparing them for transfer, not building software.
tool('tar bsdtar', (args) => (/^-?[a-zA-Z]*c/.test(args[0] ?? '') || args.includes('--create') ? 'upload' : 'setup'));
tool('zip 7z 7za', (args) => (args[0] === 'x' || args[0] === 'e' ? 'setup' : 'upload'));
tool('unzip gunzip bunzip2 xz unxz zstd unzstd', fixed('setup'));
tool('mkdir ln cp mv chmod chown chgrp setfacl touch install rsync patch dd ditto robocopy xcopy copy move md', fixed('setup'));
tool('sed', (args) => (args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place')) ? 'setup' : 'report'));
tool(
  'source . activate deactivate export cd pushd popd eval set shopt ulimit trap unset alias umask newgrp chdir setx refreshenv cygpath vcvarsall vcvars64 vcvars32 vsdevcmd rustup nvm pyenv rbenv sdkmanager sdk asdf mise volta fnm jenv goenv pipx corepack update-alternatives ldconfig locale-gen systemctl service launchctl ssh-keygen ssh-add ssh-agent ssh-keyscan gpg gpg2 gpg-agent keychain dircolors keytool security xcode-select softwareupdate ridk msys2 pacman-key useradd usermod groupadd adduser chsh hdiutil installer regsvr32 reg',
  fixed('setup'),
);
tool('dpkg', dpkg);
tool('dpkg-deb', dpkgDeb);
// A virtual display, a window manager and a session bus for a GUI test; the screenshot tools capture
// what it shows (the test's check reads the picture).
tool('Xvfb xvfb Xephyr dbus-launch dbus-daemon openbox fluxbox xfwm4 icewm', fixed('setup'));
tool('xdotool wmctrl', xdotool);
tool('xwd scrot import gnome-screenshot screencapture', fixed('report'));
tool('pixi', pixi);
tool('gyp gn', fixed('build'));
// Post-processing of a built binary (`objcopy --compress-debug-sections`, `strip`, `upx`): when it
// fails the binary is left as it was, usable, so the step's work is not lost.
tool('strip llvm-strip objcopy llvm-objcopy upx dsymutil', fixed('setup'));
tool('path', fixed('setup'));
tool('sysctl', (args) => (args.some((a) => a === '-w' || a.includes('=')) ? 'setup' : 'report'));
tool('rm rmdir del rd erase unlink kill pkill killall umount shred taskkill', fixed('cleanup'));
// `fuser -k 1883/tcp` frees a port (cleanup); without -k it asks who holds it.
tool('fuser', (args) => (args.some((a) => /^-[a-zA-Z]*k/.test(a)) ? 'cleanup' : 'probe'));
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

export { isCritical, scriptOf, toolRole, type ToolRole } from './tool-role.js';
