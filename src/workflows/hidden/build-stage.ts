import { optionValues, positional } from '../roles/tool-registry.js';
import { programName, type Resolved } from '../roles/resolve-command.js';
import { resolveCommand, toolRole } from '../roles/tools.js';

// Where a command sits in a build, and which build tree it works on: what build-chain.ts and
// run-needs.ts compare to tell when a later command needs what a hidden one did.

/**
 * resolveCommand and toolRole of a command's words, once per words array: `assess` asks whether each
 * later command of a job needs each hidden one, and the words are the same arrays every time.
 */
const resolved = new WeakMap<readonly string[], Resolved | null>();
export function resolve(words: readonly string[]): Resolved | undefined {
  let r = resolved.get(words);
  if (r === undefined) resolved.set(words, (r = resolveCommand(words) ?? null));
  return r ?? undefined;
}
const roles = new WeakMap<readonly string[], ReturnType<typeof toolRole> | null>();
export function role(words: readonly string[]): ReturnType<typeof toolRole> {
  let r = roles.get(words);
  if (r === undefined) roles.set(words, (r = toolRole(words) ?? null));
  return r ?? undefined;
}

/**
 * Where a command sits in a build, to tell when a later command needs what a hidden one did: a
 * configure before its build, a build of a project that a later build or test builds again.
 */
export type BuildStage = 'configure' | 'build' | 'project' | undefined;

const MESON_COMMANDS: ReadonlySet<string> = new Set(
  'setup configure dist install introspect init test wrap subprojects rewrite compile devenv env2mfile format fmt help'.split(' '),
);

/** Where a command sits in a build: CMake/meson/autotools configure, a build of a configured tree, or a build of the Python project. */
export function buildStage(words: readonly string[]): BuildStage {
  const r = resolve(words);
  if (!r) return undefined;
  const args = r.words.slice(1);
  switch (r.program) {
    case 'cmake':
      if (args.includes('--build') || args.includes('--install')) return 'build';
      return args[0] === '-E' || args[0] === '-P' || args.includes('--version') ? undefined : 'configure';
    case 'meson':
      // `meson test` builds what is out of date first (unless --no-rebuild), so it needs the configure and the compile.
      if (args[0] === 'test') return args.includes('--no-rebuild') ? undefined : 'build';
      if (args[0] === 'compile' || args[0] === 'install') return 'build';
      if (args[0] === 'setup' || args[0] === 'configure') return 'configure';
      // `meson --buildtype=release build`: the old spelling of `meson setup` (no subcommand).
      {
        const first = args.find((a) => !a.startsWith('-'));
        return first && !MESON_COMMANDS.has(first) ? 'configure' : undefined;
      }
    case 'perl':
      // `perl Makefile.PL` writes the Makefile that `make`/`nmake` then builds.
      return /^Makefile\.PL$/.test(r.words[1] ?? '') ? 'configure' : undefined;
    case 'configure':
    case 'autoreconf':
    case 'autogen.sh':
    case 'gyp':
      return 'configure';
    case 'gn':
      return args[0] === 'gen' ? 'configure' : undefined;
    case 'go':
    case 'cargo':
    case 'cabal':
    case 'stack':
      // `go build` then `go test`, `cargo build` then `cargo test`: the tests compile the same packages again.
      // `cabal v2-build`, `cabal ${{ matrix.prefix }}build` (masked to underscores), `cabal $v2-build`.
      // `cargo clippy`, `cargo doc`, `cargo run`, `cargo nextest run` compile the same crates as `cargo check`.
      return /(^|[-_$}])(build|test|bench|install|vet|check|run|clippy|nextest|b|t|r)$/.test(args.find((a) => !a.startsWith('-')) ?? '') ||
        (r.program === 'cargo' && args.find((a) => !a.startsWith('-')) === 'doc')
        ? 'project'
        : undefined;
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun': {
      // `pnpm build`, `npm run build`, `pnpm --filter ./napi/parser build-test`: the package's build script.
      const a = positional(r.words.slice(1), PM_VALUED);
      return /^build([:-]\w[\w:-]*)?$/.test((a[0] === 'run' ? a[1] : a[0]) ?? '') ? 'project' : undefined;
    }
    case 'cpack':
    // CPack reads the configure's CPackConfig.cmake and runs the build tree's install rules, which fail
    // on what the build did not make (like `cmake --install`).
    case 'make':
    case 'gmake':
    case 'ninja':
    case 'msbuild':
    case 'nmake':
    case 'jom':
      return 'build';
    case 'python':
    case 'pip':
    case 'uv':
      // Building the project, or installing what it built (`pip install dist/*.whl`).
      // A local folder counts too (`pip install ./libmambapy`, `pip install api/python`, `pip install -e .[test]`), not a URL.
      // setup.py's own commands too (`python setup.py protoc --build-lib python` generates modules the
      // package imports); not those that only check, clean, test or print.
      return /setup\.py (?!(check|clean|test|egg_info|sdist_check|--?\S*)\b)[a-z_]\w*|-m build\b/.test(r.words.join(' ')) || pipInstallsLocal(r.words)
        ? 'project'
        : undefined;
    default:
      return undefined;
  }
}

/** Options of `pip install` / `pip wheel` that take a value (`-r requirements.txt`, `--index-url URL`). */
const PIP_VALUED: ReadonlySet<string> = new Set(
  '-r --requirement -c --constraint -t --target --prefix --root -i --index-url --extra-index-url -f --find-links --src --upgrade-strategy --python-version --platform --implementation --abi --no-binary --only-binary --progress-bar --global-option --config-settings -C --log --cache-dir --trusted-host --proxy --retries --timeout --exists-action --cert --client-cert --report --python -w --wheel-dir -p'.split(
    ' ',
  ),
);

/** A folder of the checkout or a file built there: `.`, `.[test]`, `./libmambapy`, `api/python`, `dist/*.whl`; not a URL. */
const LOCAL = /^(\.(\[[^\]\s]*\])?|\.?\/?(dist|build|wheelhouse)\/\S*|\.{0,2}\/?[\w.-]+\/[^\s:]*)$/;

/**
 * `pip install [options] .`, `python -m pip wheel --no-deps -w dist .`, `uv pip install -e ./pkg`: pip
 * installs or builds a folder of the checkout (whatever options come first), so it builds the project.
 */
function pipInstallsLocal(words: readonly string[]): boolean {
  const p = words.findIndex((w) => programName(w) === 'pip'); // `pip`, `pip3`, `.venv/bin/pip`, `pip.exe`
  const sub = words.findIndex((w, i) => i > p && (w === 'install' || w === 'wheel'));
  if (p < 0 || sub < 0) return false;
  const args = words.slice(sub + 1);
  // `-e .` leaves its path a positional; `--editable=./pkg` carries it.
  return positional(args, PIP_VALUED).some((a) => LOCAL.test(a)) || args.some((a) => LOCAL.test(/^--editable=(.+)$/.exec(a)?.[1] ?? ''));
}

/**
 * The build tree of `cmake --build DIR …`, of `cmake --install DIR` (which installs what that build made
 * and fails without it), or of meson's `-C DIR`.
 */
export function buildDir(words: readonly string[]): string | undefined {
  const i = words.indexOf('--build');
  // `cmake --build --preset ci`: the preset's binaryDir (CMakePresets.json), the same for each build of it.
  if (i >= 0 && words[i + 1]?.startsWith('-')) {
    const preset = optionValues(words, ['--preset'])[0];
    return preset ? `preset:${preset}` : undefined;
  }
  if (i >= 0) return words[i + 1];
  const j = words.indexOf('--install');
  if (j >= 0) return words[j + 1];
  const program = resolve(words)?.program;
  if (program === 'cpack') {
    const config = words.indexOf('--config');
    return config >= 0 ? words[config + 1]?.replace(/[/\\]?CPackConfig\.cmake$/, '') || '.' : '.';
  }
  // meson's and ninja's `-C DIR`; make's `-C DIR` (`make -j -C lib libzstd`).
  const c =
    program === 'meson' || program === 'ninja' || program === 'make' || program === 'gmake' ? words.findIndex((w) => w === '-C' || /^-C\S/.test(w)) : -1;
  if (c < 0) return undefined;
  return words[c] === '-C' ? words[c + 1] : words[c]!.slice(2);
}

/**
 * Whether two build trees are one: the same words, or the same folder once each is read from where its
 * command runs (`cmake --build build` then `cd build; cpack -C Release`, whose tree is `.`).
 */
export function sameTree(a: string, b: string | undefined, places?: () => { earlier: string; later: string }): boolean {
  if (b === undefined) return false;
  if (a === b) return true;
  if (!places || /[$%]/.test(a + b)) return false;
  const { earlier, later } = places();
  const at = (place: string, dir: string) =>
    /^([/\\]|[a-z]:)/i.test(dir)
      ? dir
      : [...place.split('|'), dir]
          .join('/')
          .replace(/\\/g, '/')
          .split('/')
          .filter((p) => p && p !== '.')
          .join('/');
  return at(earlier, a) === at(later, b);
}

/** Options of npm, pnpm, yarn and bun that take a value: `--filter ./napi/parser`, `-C dir`, `--workspace pkg`. */
export const PM_VALUED: ReadonlySet<string> = new Set([
  '--filter',
  '-F',
  '--dir',
  '-C',
  '--prefix',
  '--workspace',
  '-w',
  '--cwd',
  '--workspace-concurrency',
  '--reporter',
  '--loglevel',
]);
