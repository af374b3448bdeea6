import { importsInstalled } from './imports-installed.js';
import { answersNothing } from './no-op-run.js';
import { optionValues, positional } from '../roles/tool-registry.js';
import type { Resolved } from '../roles/resolve-command.js';
import { toolRole } from '../roles/tools.js';
import { buildDir, buildStage, PM_VALUED, resolve, role, sameTree } from './build-stage.js';
import { ctestNeeds, dotnetNeeds } from './run-needs.js';
import type { Collected } from './collect.js';
import { runPlace } from './run-place.js';
import { earlierInJob } from './job-order.js';
import type { HiddenFailure } from './types.js';

/** A build of part of the tree (`--target ggml`, `-t x`); CMake's `install` target depends on all of it. */
function partial(words: readonly string[]): boolean {
  const t = words.findIndex((w) => w === '--target' || w === '-t');
  return t >= 0 && words[t + 1] !== 'install';
}

/** make's targets (`make -C lib libzstd VAR=1`): a later make builds the earlier one's targets again when it names them all, or none (the default goal). */
function makeTargetsCovered(earlier: readonly string[], later: readonly string[]): boolean {
  const targets = (w: readonly string[]) => {
    const r = resolve(w);
    if (!r || !['make', 'gmake'].includes(r.program)) return undefined;
    return r.words.slice(1).filter((x, i, all) => !x.startsWith('-') && !x.includes('=') && all[i - 1] !== '-C' && all[i - 1] !== '-f');
  };
  const a = targets(earlier);
  const b = targets(later);
  if (!a || !b) return true;
  return b.length === 0 || a.every((t) => b.includes(t));
}

/** By make's conventions (GNU, automake, MakeMaker) these targets build the default goal first. */
const AFTER_ALL: ReadonlySet<string> = new Set(['all', 'install', 'check', 'dist', 'distcheck', 'release', 'package']);

/** `make` (the default goal) then `make install` or `nmake release` in the same folder: the later one builds it again. */
function conventionalAfterAll(earlier: readonly string[], later: readonly string[]): boolean {
  const targets = (w: readonly string[]) => {
    const r = resolve(w);
    if (!r || !['make', 'gmake', 'nmake', 'jom'].includes(r.program)) return undefined;
    if (r.words.some((x) => x === '-C' || x === '-f' || /^-[Cf]\S/.test(x) || /^\/f$/i.test(x))) return undefined;
    return r.words.slice(1).filter((x) => !/^[-/]/.test(x) && !x.includes('='));
  };
  const a = targets(earlier);
  const b = targets(later);
  return a !== undefined && b !== undefined && a.every((t) => t === 'all') && b.length > 0 && b.every((t) => AFTER_ALL.has(t));
}

/**
 * Whether a later command fails when this one did not do its part: a build after its configure, a
 * project build after another, a build of the same CMake tree again (`-t ggml` then the whole tree).
 */
export function dependsOn(later: readonly string[], earlier: readonly string[], places?: () => { earlier: string; later: string }): boolean {
  // A test run (`cargo test`, `go test`) compiles, but what a later build needs from it is the
  // compile, not the verdict: the tests' failure is not repeated by the build.
  if (role(earlier)?.role === 'test') return false;
  if (initialisedFor(later, earlier) || importsInstalled(later, earlier)) return true;
  if (ctestNeeds(later, earlier, places) || dotnetNeeds(later, earlier)) return true;
  const a = buildStage(earlier);
  const b = buildStage(later);
  if (a === 'build' && b === 'build')
    return (
      sameMakeVariables(earlier, later) &&
      ((buildDir(earlier) !== undefined && sameTree(buildDir(earlier)!, buildDir(later), places) && !partial(later) && makeTargetsCovered(earlier, later)) ||
        conventionalAfterAll(earlier, later))
    );
  return (
    (a === 'configure' && b === 'build') ||
    (a === 'project' && b === 'project' && cargoCovers(earlier, later) && installsAsMuch(earlier, later)) ||
    bazelRebuilds(earlier, later) ||
    (mixCompiles(earlier, later) && (!places || places().earlier === places().later))
  );
}

/** Mix tasks that run without compiling the project: dependencies, archives, Hex, formatting, help. */
const MIX_NO_COMPILE = /^(deps(\.\w+)?|local(\.\w+)?|hex(\.\w+)?|archive(\.\w+)?|escript(\.\w+)?|format|help|new|clean|credo|sobelow)$/;

/**
 * `mix compile emqx_mix_utils || true` then `mix emqx.gen_deps`: mix compiles the project before it
 * runs a project task, so the compile fails again there.
 */
function mixCompiles(earlier: readonly string[], later: readonly string[]): boolean {
  const [a, b] = [resolve(earlier), resolve(later)];
  if (a?.program !== 'mix' || b?.program !== 'mix' || a.words[1] !== 'compile') return false;
  const task = b.words.slice(1).find((w) => !w.startsWith('-'));
  // The later run compiles as strictly: the compile's options (`--warnings-as-errors`) are among its own.
  const strict = a.words.slice(2).filter((w) => w.startsWith('-'));
  return task !== undefined && !MIX_NO_COMPILE.test(task) && !b.words.includes('--no-compile') && strict.every((o) => b.words.includes(o));
}

/**
 * make's command-line variables choose what is compiled (`make -C lib libzstd ZSTD_LIB_COMPRESSION=0`
 * leaves the compressor out): a later make with other values builds something else, and its success
 * says nothing of the earlier one's.
 */
/** Variables that say where to install or how much to print, not what to compile. */
const INSTALL_ONLY = /^(PREFIX|prefix|DESTDIR|BINDIR|LIBDIR|INCLUDEDIR|MANDIR|bindir|libdir|includedir|mandir|V|VERBOSE|Q)=/;

function sameMakeVariables(earlier: readonly string[], later: readonly string[]): boolean {
  const vars = (w: readonly string[]) => {
    const r = resolve(w);
    if (!r || !['make', 'gmake', 'nmake', 'jom'].includes(r.program)) return undefined;
    return r.words
      .slice(1)
      .filter((x) => /^[A-Za-z_]\w*=/.test(x) && !INSTALL_ONLY.test(x))
      .sort()
      .join(' ');
  };
  const a = vars(earlier);
  const b = vars(later);
  return a === undefined || b === undefined || a === b;
}

/**
 * What a cargo command compiles: `-p` packages, features and the target. A later cargo run compiles
 * what an earlier one did only when it selects at least those packages (or the whole workspace), the
 * same features and the same target: `cargo check -p rustls --features ring` then `cargo check -p
 * rustls-post-quantum` compiles other code, and the first one's failure is its own.
 */
export function cargoCovers(earlier: readonly string[], later: readonly string[]): boolean {
  const selection = (w: readonly string[]) => {
    const r = resolve(w);
    if (r?.program !== 'cargo') return undefined;
    const args = r.words.slice(1);
    const values = (...names: string[]) => optionValues(args, names, true);
    return {
      packages: values('-p', '--package'),
      workspace: args.includes('--workspace') || args.includes('--all'),
      features: values('-F', '--features')
        .flatMap((f) => f.split(/[\s,]+/))
        .filter(Boolean),
      allFeatures: args.includes('--all-features'),
      noDefault: args.includes('--no-default-features'),
      target: values('--target').join(' '),
      manifest: values('--manifest-path').join(' '),
    };
  };
  const a = selection(earlier);
  const b = selection(later);
  if (!a || !b) return true;
  const packages =
    b.workspace ||
    (b.packages.length === 0 && a.packages.length === 0) ||
    (b.packages.length === 0 && !a.workspace) ||
    a.packages.every((p) => b.packages.includes(p));
  // `--no-default-features` compiles code that no other selection does (`#[cfg(not(feature = "std"))]`).
  const features = a.noDefault === b.noDefault && (b.allFeatures || (!a.allFeatures && a.features.every((f) => b.features.includes(f))));
  return packages && features && a.target === b.target && a.manifest === b.manifest;
}

/**
 * A later `pip install --no-deps .` installs the project without its dependencies: it succeeds where
 * an earlier `pip install -e .[test]` failed on them (the usual way it fails), so it repeats nothing.
 */
function installsAsMuch(earlier: readonly string[], later: readonly string[]): boolean {
  // (pip's option only: cargo's `--no-deps` leaves out other crates' docs or lints, not the build.)
  if (!pythonInstall(later)) return true;
  const noDeps = (w: readonly string[]) => w.includes('--no-deps');
  return !noDeps(later) || noDeps(earlier);
}

/** `bazel build //...` then `bazel test //...`: the test builds every target its patterns match (without --build_tests_only). */
function bazelRebuilds(earlier: readonly string[], later: readonly string[]): boolean {
  const parts = (w: readonly string[]) => {
    const r = resolve(w);
    if (!r || !['bazel', 'bazelisk'].includes(r.program)) return undefined;
    const a = r.words.slice(1).filter((x) => !x.startsWith('-'));
    return { sub: a[0], targets: a.slice(1).sort().join(' '), testsOnly: r.words.includes('--build_tests_only') };
  };
  const a = parts(earlier);
  const b = parts(later);
  return Boolean(a && b && a.sub === 'build' && (b.sub === 'build' || b.sub === 'test') && !b.testsOnly && a.targets !== '' && a.targets === b.targets);
}

/**
 * A test run of the project (`pytest`, `python -m pytest`, `python -m unittest`, `pnpm test`): after a
 * build or install of the project (`pip install .`, `python setup.py build`, `pnpm build`), it uses
 * what that made, and its failure shows a broken build; for tests that import the sources from the
 * checkout it may not.
 */
export function testsProject(words: readonly string[], built?: readonly string[]): boolean {
  const r = resolve(words);
  if (!r) return false;
  if (r.program === 'pytest') return true;
  const m = r.words.indexOf('-m');
  // A Sphinx build after a Python install (`sphinx-build`, `python -m sphinx`, `make html`): conf.py and autodoc import the package.
  // So does a run of notebooks (`papermill x.ipynb out.ipynb`, `jupyter nbconvert --execute`), which are the package's examples.
  if (sphinxRun(words) || notebookRun(r)) return built !== undefined && pythonInstall(built);
  // `python -m pytest`, or a test script of the repository (`python tests/run_pytest.py`).
  if (r.program === 'python') return (m > 0 && /^(pytest|unittest)$/.test(r.words[m + 1] ?? '')) || (m < 0 && toolRole(words)?.role === 'test');
  const a = positional(r.words.slice(1), PM_VALUED);
  if (!['npm', 'pnpm', 'yarn', 'bun'].includes(r.program) || (a[0] === 'run' ? a[1] : a[0]) !== 'test') return false;
  // The tests of the packages it built: `pnpm --filter ./apps/x build-test` then `pnpm --filter ./apps/x test`.
  const b = built ? resolve(built) : undefined;
  return !b || scopeOf(b.words.slice(1)) === scopeOf(r.words.slice(1));
}

/** A run of Jupyter notebooks: papermill, `jupyter nbconvert --execute`, `jupyter execute`, treon. */
function notebookRun(r: Resolved): boolean {
  // `--allow-errors` runs every cell whatever fails, and exits 0 on an ImportError.
  if (r.words.includes('--allow-errors')) return false;
  if (r.program === 'papermill' || r.program === 'treon') return true;
  const args = r.words.slice(1);
  return r.program === 'jupyter' && (args[0] === 'execute' || (args[0] === 'nbconvert' && args.some((a) => a === '--execute' || a.startsWith('--execute='))));
}

/** `pip install .`, `python -m pip install .`, `uv pip install .`: an install of a Python project. */
function pythonInstall(words: readonly string[]): boolean {
  const b = resolve(words);
  return b !== undefined && (b.program === 'pip' || b.program === 'uv' || (b.program === 'python' && b.words[b.words.indexOf('-m') + 1] === 'pip'));
}

/** A Sphinx build: `sphinx-build`, `python -m sphinx`, or `make` of one of Sphinx's Makefile targets (`make html`, `make linkcheck`). */
export function sphinxRun(words: readonly string[]): boolean {
  const r = resolve(words);
  if (!r) return false;
  const m = r.words.indexOf('-m');
  return (
    r.program === 'sphinx-build' ||
    (r.program === 'python' && m > 0 && r.words[m + 1] === 'sphinx') ||
    (r.program === 'make' && positional(r.words.slice(1), MAKE_VALUED).some((t) => SPHINX_TARGETS.has(t)))
  );
}

/** Targets of Sphinx's generated Makefile that build the documentation (and so import the package). */
const SPHINX_TARGETS: ReadonlySet<string> = new Set(['html', 'dirhtml', 'singlehtml', 'latexpdf', 'doctest', 'linkcheck', 'epub', 'text', 'man']);
/** make's options that take a value (`-C docs`, `-j 4`, `-f Makefile.docs`). */
const MAKE_VALUED: ReadonlySet<string> = new Set(['-C', '-f', '-j', '-l', '-o', '-W', '-I', '--directory', '--file']);

/** The packages a package-manager command works on, from its options (`--filter x --filter y`, `-C dir`). */
function scopeOf(args: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const eq = /^(--filter|--dir|--prefix|--workspace|--cwd)=(.*)$/.exec(w);
    if (eq) out.push(`${eq[1]}=${eq[2]}`);
    else if (PM_VALUED.has(w) && !/^--(workspace-concurrency|reporter|loglevel)$/.test(w)) out.push(`${w}=${args[++i] ?? ''}`);
  }
  return out.sort().join(' ');
}

/** Subcommands that make the state the same tool's later subcommands work on. */
// (`init-config-file myapp` then `build --path myapp`: pyoxidizer's init takes a suffix.)
const INIT = /^(init|initialize|initialise)([-_][a-z]+)*$|^(create|setup|configure|prepare)$/;

/**
 * `restic init` then `restic backup .`, `terraform init` then `terraform plan`: the later run of the
 * same program works on what the earlier one created, and fails without it.
 */
function initialisedFor(later: readonly string[], earlier: readonly string[]): boolean {
  const a = resolve(earlier);
  const b = resolve(later);
  if (!a || !b || a.program !== b.program || a.opaque) return false;
  // The subcommands past the ones both share (`xcrun simctl boot` beside `xcrun simctl spawn`).
  const subs = (w: readonly string[]) => w.slice(1).filter((x) => !x.startsWith('-'));
  const [sa, sb] = [subs(a.words), subs(b.words)];
  let i = 0;
  while (i < 2 && i < sa.length - 1 && sa[i] === sb[i]) i++;
  const [first, second] = [sa[i], sb[i]];
  if (first === undefined || second === undefined) return false;
  // A suffixed init (`init-config-file myapp`) counts when the later command names what it made
  // (`build --path myapp`); `pre-commit init-templatedir ~/.git-template` sets up no later `run`.
  if (INIT.test(first) && !INIT.test(second)) return !/[-_]/.test(first) || (sa[i + 1] !== undefined && sb.slice(i + 1).includes(sa[i + 1]!));
  // `xcrun simctl boot "$DEVICE" || true` (already booted) then `xcrun simctl spawn "$DEVICE" app`: a
  // later subcommand on the object it starts fails when it is not running.
  const object = sa[i + 1];
  return START.test(first) && USES_RUNNING.test(second) && object !== undefined && sb.slice(i + 1).includes(object);
}

/**
 * Subcommands that fail when the object is not running (`simctl spawn`, `compose exec`, `vagrant ssh`).
 * Not a teardown or a look (`stop`, `destroy`, `logs`, `status`), which pass when nothing runs.
 */
const USES_RUNNING = /^(spawn|exec|ssh|install|launch|attach|openurl|provision|shell|cp|io)$/;

/** Subcommands that bring up an object the same tool's later subcommands use: a simulator, a VM, a service. */
const START = /^(boot|start|up|launch|run|mount)$/;

/**
 * Two builds of one tree, whatever the front end (`meson compile -C builddir`, `ninja -C builddir`,
 * `cmake --build builddir`, `make -C builddir`), with no targets of their own: a compile error fails both.
 */
export function sameBuild(a: readonly string[], b: readonly string[]): boolean {
  if (buildStage(a) !== 'build' || buildStage(b) !== 'build') return false;
  const [da, db] = [buildDir(a), buildDir(b)];
  const clean = (d: string) => d.replace(/^\.\//, '').replace(/\/+$/, '');
  const real = !answersNothing(a) && !answersNothing(b);
  return real && da !== undefined && db !== undefined && clean(da) === clean(db) && !partial(a) && !partial(b) && !namesTargets(a) && !namesTargets(b);
}

/** A build given targets of its own (`ninja -C build foo`, `make -C build lib`, `meson compile -C b x`). */
function namesTargets(words: readonly string[]): boolean {
  const w = resolve(words)?.words ?? words;
  const valued = new Set(['-C', '-j', '-f', '-l', '-B', '--build', '--parallel', '--config']);
  return w.slice(1).some((x, i, all) => !x.startsWith('-') && !valued.has(all[i - 1] ?? '') && x !== 'compile' && !/^\d+$/.test(x));
}

/**
 * `pip install .` in an earlier step, then `pip install --force-reinstall .` (a build without the
 * debug flags): when the second fails, the first stays installed, so the tests after it pass on the
 * stale copy and catch nothing. Whether an earlier command of the job installed the same project.
 */
export function installedBefore(h: HiddenFailure, loud: Collected['loud'], fileText: string): boolean {
  // Earlier on the same legs, in the same place (`pip install .` under `working-directory: plugins/x` is another project).
  const place = runPlace(h.site, h.commandRange.start, fileText);
  return loud.some((l) => earlierInJob(l, h) && samePythonInstall(l.words, h.words) && runPlace(l.site, l.offset, fileText) === place);
}

function samePythonInstall(earlier: readonly string[], later: readonly string[]): boolean {
  const targets = (w: readonly string[]) => {
    const r = pythonInstall(w) ? resolve(w) : undefined;
    const at = r ? r.words.indexOf('install') : -1;
    if (!r || at < 0) return undefined;
    const args = r.words.slice(at + 1);
    return args
      .filter(
        (a, i) => (!a.startsWith('-') && !/^-[a-z]*[rc]$|^--(requirement|constraint)$/.test(args[i - 1] ?? '')) || /^(-e|--editable)$/.test(args[i - 1] ?? ''),
      )
      .sort()
      .join(' ');
  };
  const [a, b] = [targets(earlier), targets(later)];
  return a !== undefined && a !== '' && a === b;
}
