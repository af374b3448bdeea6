import { optionValues, positional } from '../roles/tool-registry.js';
import { buildDir, buildStage, resolve, sameTree } from './build-stage.js';

// What a later command needs of a build before it, for tools that run what was built: ctest runs
// the tests a CMake build made, `dotnet run --no-build` the program a `dotnet build` made.

/**
 * `ctest` runs the tests a build made: a test whose program the build of that tree did not make is
 * "Not Run" and fails ctest. A failed configure leaves no tests at all, which fails ctest only with
 * `--no-tests=error` (by default it prints "No tests were found" and exits 0).
 */
export function ctestNeeds(later: readonly string[], earlier: readonly string[], places?: () => { earlier: string; later: string }): boolean {
  const r = resolve(later);
  // (A dashboard script builds for itself; `-N`/`--show-only` lists the tests without running them.)
  if (r?.program !== 'ctest' || r.words.some((w) => /^(-S|-SP|--script|-D|--dashboard|-M|-T|-N|--show-only(=.*)?)$/.test(w))) return false;
  const dir = r.words.indexOf('--test-dir');
  const tree = dir >= 0 ? r.words[dir + 1] : '.';
  if (tree === undefined) return false;
  const stage = buildStage(earlier);
  if (stage === 'build') {
    // A build of the whole tree (`cmake --build DIR`): not an install of it, nor a target of it
    // (`--target docs`), whose failure leaves the tests built.
    const e = resolve(earlier);
    const whole = e?.program === 'cmake' && e.words.includes('--build') && !e.words.some((w) => w === '--target' || w === '-t' || /^--target=/.test(w));
    const built = buildDir(earlier);
    return whole && built !== undefined && sameTree(built, tree, places);
  }
  if (stage === 'configure' && r.words.includes('--no-tests=error')) {
    const configured = cmakeBinaryDir(earlier);
    return configured !== undefined && sameTree(configured, tree, places);
  }
  return false;
}

/** The build tree a CMake configure writes: `-B DIR` (`-BDIR`), else the folder it runs in (`cmake ..`). */
function cmakeBinaryDir(words: readonly string[]): string | undefined {
  const r = resolve(words);
  if (r?.program !== 'cmake') return undefined;
  const b = r.words.findIndex((w) => w === '-B' || /^-B\S/.test(w));
  if (b < 0) return '.';
  return r.words[b] === '-B' ? r.words[b + 1] : r.words[b]!.slice(2);
}

/**
 * `dotnet run --no-build` (or `test`, `pack`, `publish` with it) runs what an earlier `dotnet build`
 * of the same project, framework, runtime and configuration made, and fails without it.
 */
export function dotnetNeeds(later: readonly string[], earlier: readonly string[]): boolean {
  const a = resolve(earlier);
  const b = resolve(later);
  if (a?.program !== 'dotnet' || b?.program !== 'dotnet' || a.words[1] !== 'build' || !b.words.includes('--no-build')) return false;
  if (!['run', 'test', 'pack', 'publish'].includes(b.words[1] ?? '')) return false;
  // Options before `--` (what follows goes to the program).
  const before = (w: readonly string[]) => w.slice(2, w.includes('--') ? w.indexOf('--') : undefined);
  const value = (w: readonly string[], ...names: string[]) => optionValues(before(w), names)[0];
  const project = (w: readonly string[], sub: string) => (sub === 'run' ? value(w, '--project', '-p') : positional(before(w), DOTNET_VALUED)[0]) ?? '.';
  const same = (...names: string[]) => value(a.words, ...names) === value(b.words, ...names);
  return project(a.words, 'build') === project(b.words, b.words[1]!) && same('--framework', '-f') && same('--runtime', '-r') && same('--configuration', '-c');
}

/** dotnet's options that take a value (`-c Release`, `--framework net8.0`): what follows them is not the project. */
const DOTNET_VALUED: ReadonlySet<string> = new Set(
  '-f --framework -r --runtime -c --configuration -o --output -p --project -v --verbosity -s --source -a --arch --os --property -l --logger --settings --filter --results-directory'.split(
    ' ',
  ),
);
