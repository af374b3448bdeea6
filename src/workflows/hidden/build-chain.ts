import { resolveCommand } from '../roles/tools.js';

/**
 * Where a command sits in a build, to tell when a later command needs what a hidden one did: a
 * configure before its build, a build of a project that a later build or test builds again.
 */
type BuildStage = 'configure' | 'build' | 'project' | undefined;

/** Where a command sits in a build: CMake/meson/autotools configure, a build of a configured tree, or a build of the Python project. */
export function buildStage(words: readonly string[]): BuildStage {
  const r = resolveCommand(words);
  if (!r) return undefined;
  const args = r.words.slice(1);
  switch (r.program) {
    case 'cmake':
      if (args.includes('--build') || args.includes('--install')) return 'build';
      return args[0] === '-E' || args[0] === '-P' || args.includes('--version') ? undefined : 'configure';
    case 'meson':
      return args[0] === 'setup' || args[0] === 'configure' ? 'configure' : args[0] === 'compile' || args[0] === 'install' ? 'build' : undefined;
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
      return /(^|[-_$}])(build|test|bench|install|vet|check|b|t)$/.test(args.find((a) => !a.startsWith('-')) ?? '') ? 'project' : undefined;
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
      return /setup\.py (build|build_ext|develop|install|bdist_wheel|sdist)\b|(pip|-m pip|-m build|uv pip) (install|wheel)( -e| --editable)? (\.|\.?\/?(dist|build|wheelhouse)\/\S*)(\s|$)|-m build\b/.test(
        r.words.join(' '),
      )
        ? 'project'
        : undefined;
    default:
      return undefined;
  }
}

/** The build tree of `cmake --build DIR …`, or of `cmake --install DIR`, which installs what that build made and fails without it. */
function buildDir(words: readonly string[]): string | undefined {
  const i = words.indexOf('--build');
  if (i >= 0) return words[i + 1];
  const j = words.indexOf('--install');
  return j >= 0 ? words[j + 1] : undefined;
}

/**
 * Whether a later command fails when this one did not do its part: a build after its configure, a
 * project build after another, a build of the same CMake tree again (`-t ggml` then the whole tree).
 */
export function dependsOn(later: readonly string[], earlier: readonly string[]): boolean {
  const a = buildStage(earlier);
  const b = buildStage(later);
  if (a === 'build' && b === 'build')
    return buildDir(earlier) !== undefined && buildDir(earlier) === buildDir(later) && !later.includes('--target') && !later.includes('-t');
  return (a === 'configure' && b === 'build') || (a === 'project' && b === 'project');
}
