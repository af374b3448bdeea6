import { programName } from '../roles/resolve-command.js';
import { resolveCommand, toolRole } from '../roles/tools.js';
import { buildDir } from './build-stage.js';

/**
 * What a command writes, and which later command reads it: a hidden failure of the writer is caught
 * when a command that fails without the file runs after it (`auditwheel repair -w wheelhouse/` then
 * `mv wheelhouse/*.whl dist/`: the glob matches nothing, and mv fails).
 */

/**
 * Programs that fail when a file they are given is missing (`ls`, `cp`, `tar`, `readelf`): a later run
 * of one on what a hidden command should have made catches its failure. Not prints or writers (`echo`,
 * `ln -sf`, `mkdir -p`), which succeed either way.
 */
export const FAILS_ON_MISSING: ReadonlySet<string> = new Set(
  'ls cat cp mv tar zip 7z file stat strip readelf ldd objdump nm otool lipo du find cd pushd sha256sum sha1sum md5sum shasum chmod head tail diff cmp rsync codesign install_name_tool patchelf'.split(
    ' ',
  ),
);

/** Options that name where a tool writes (`-w wheelhouse`, `--outdir dist`, `-o out.bin`). */
const OUTPUT_FLAGS = new Set([
  '-w',
  '--wheel-dir',
  '-o',
  '--output',
  '--outdir',
  '--out-dir',
  '--output-dir',
  '--dest',
  '--dest-dir',
  // Downloaders: `hf download repo file --local-dir d`, `wget --directory-prefix d`.
  '--local-dir',
  '--directory-prefix',
]);

/** A path as the checkout names it: forward slashes, no leading `./`, no trailing slash. */
export const cleanPath = (p: string) =>
  p
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');

/** Paths a command writes to, from its output options, and `python -m build [dir]`'s default `dir/dist`. */
export function producedPaths(words: readonly string[]): string[] {
  const r = resolveCommand(words);
  if (!r) return [];
  const out: string[] = [];
  const w = r.words;
  for (let i = 1; i < w.length; i++) {
    const a = w[i]!;
    const eq = /^(--[\w-]+)=(.+)$/.exec(a);
    if (eq && OUTPUT_FLAGS.has(eq[1]!)) out.push(eq[2]!);
    else if (OUTPUT_FLAGS.has(a) && w[i + 1] && !w[i + 1]!.startsWith('-')) out.push(w[i + 1]!);
  }
  const m = w.indexOf('-m');
  if (out.length === 0 && r.program === 'python' && w[m + 1] === 'build') {
    const src = w.slice(m + 2).find((x, i, all) => !x.startsWith('-') && !OUTPUT_FLAGS.has(all[i - 1] ?? ''));
    out.push(`${src ? cleanPath(src) : '.'}/dist`);
  }
  // Python packagers write to dist/ by default: `hatch build`, `poetry build`, `uv build`, `flit build`,
  // `pdm build`, `python setup.py sdist bdist_wheel`; `maturin build` to target/wheels.
  const sub = w.slice(1).find((x) => !x.startsWith('-'));
  if (out.length === 0 && sub === 'build' && ['hatch', 'poetry', 'uv', 'flit', 'pdm'].includes(r.program)) out.push('dist');
  if (out.length === 0 && sub === 'build' && r.program === 'maturin') out.push('target/wheels');
  // `meson dist -C _build` writes its archives to _build/meson-dist.
  if (out.length === 0 && sub === 'dist' && r.program === 'meson') {
    const c = w.findIndex((x) => x === '-C');
    out.push(`${c > 0 && w[c + 1] ? cleanPath(w[c + 1]!) : '.'}/meson-dist`);
  }
  if (out.length === 0 && r.program === 'python' && /(^|\/)setup\.py$/.test(w[1] ?? '') && w.some((x) => x === 'sdist' || x === 'bdist_wheel'))
    out.push('dist');
  // `pip wheel .` writes its wheels where it runs: a later `twine upload *.whl` reads them.
  const pip = w.findIndex((x) => programName(x) === 'pip');
  if (out.length === 0 && pip >= 0 && w[w.findIndex((x, i) => i > pip && !x.startsWith('-'))] === 'wheel') out.push('*.whl');
  // MSVC: `cl … /LD /FeImGui.dll` writes ImGui.dll and its import library ImGui.lib; `link /OUT:x.exe`.
  if (['cl', 'clang-cl', 'link', 'lib'].includes(r.program)) {
    for (const a of w.slice(1)) {
      const named = /^[/-](?:Fe:?|OUT:)(.+)$/i.exec(a)?.[1];
      if (!named) continue;
      out.push(named);
      if (/\.dll$/i.test(named) && w.some((x) => /^[/-]LDd?$/i.test(x))) out.push(named.replace(/\.dll$/i, '.lib'));
    }
  }
  return out.map(cleanPath).filter((p) => p && !p.includes('$') && p !== '.');
}

/**
 * The path a later command reads under one of these, when that command fails without it: not a
 * cleanup (`rm -rf dist`), a probe or a creation (`mkdir -p wheelhouse`).
 */
export function readsProduced(words: readonly string[], produced: readonly string[], lastMade?: RegExp): string | undefined {
  if (produced.length === 0) return undefined;
  const role = toolRole(words)?.role;
  if (role === 'cleanup' || role === 'probe') return undefined;
  const program = resolveCommand(words)?.program;
  if (program === 'mkdir' || program === 'touch') return undefined;
  for (const a of words.slice(1)) {
    const p = cleanPath(a);
    const hit = produced.find((d) => p === d || p.startsWith(`${d}/`));
    // A builder that writes one file before another (`python -m build`: the sdist, then the wheel) leaves
    // the first behind when the second fails: only a reader of the last one (`dist/*.whl`) catches that.
    if (hit && (!lastMade || lastMade.test(p))) return a;
  }
  return undefined;
}

/**
 * The last file a builder of several writes, when it writes them in turn: `python -m build` (no
 * `--sdist`/`--wheel`), `setup.py sdist bdist_wheel` and the packagers' `build` write the sdist, then
 * the wheel.
 */
export function lastMadeOf(words: readonly string[]): RegExp | undefined {
  const r = resolveCommand(words);
  if (r && packagerBuildsBoth(r.program, r.words)) return /\.whl$/;
  if (r?.program !== 'python') return undefined;
  const w = r.words;
  const m = w.indexOf('-m');
  // Both kinds unless one alone is asked for (`--sdist --wheel` is both again).
  const one = w.some((x) => /^(-s|--sdist)$/.test(x)) !== w.some((x) => /^(-w|--wheel)$/.test(x));
  const build = m > 0 && w[m + 1] === 'build' && !one;
  const setup = /(^|\/)setup\.py$/.test(w[1] ?? '') && w.includes('sdist') && w.includes('bdist_wheel');
  return build || setup ? /\.whl$/ : undefined;
}

/** `hatch build`, `poetry build`, `uv build`, `pdm build`, `flit build`: the sdist, then the wheel, unless a format is chosen. */
function packagerBuildsBoth(program: string, w: readonly string[]): boolean {
  if (!['hatch', 'poetry', 'uv', 'pdm', 'flit'].includes(program) || w.slice(1).find((x) => !x.startsWith('-')) !== 'build') return false;
  return !w.some((x) => /^(-t|--target|-f|--format|--sdist|--wheel|--no-sdist|--no-wheel)(=|$)/.test(x));
}

/**
 * A later test of whether a produced file exists (`if [ ! -f /tmp/prev/baseline.txt ]; then … exit 0`,
 * `test -d wheelhouse`): the script looks for what the command should have written and chooses what
 * its absence means, so a failure of the command (`hf download … || true`) is not lost. Returns the
 * offset of the test in `text`.
 */
export function testsProduced(text: string, produced: readonly string[]): { offset: number; path: string } | undefined {
  if (produced.length === 0) return undefined;
  const re = /(?:\[\[?|\btest)\s+(?:!\s+)?-[efds]\s+["']?([^\s"'\]]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const p = cleanPath(m[1]!);
    if (produced.some((d) => p === d || p.startsWith(`${d}/`))) return { offset: m.index, path: m[1]! };
  }
  return undefined;
}

/** The simple assignments of a script (`X=…`, `$x = …`), in order, read once per script. */
const assignmentsOf = new WeakMap<object, { at: number; name: string; value: string }[]>();

function assignments(value: { value: string }): { at: number; name: string; value: string }[] {
  let list = assignmentsOf.get(value);
  if (!list) {
    list = [...value.value.matchAll(/^[ \t]*(?:export\s+)?\$?([A-Za-z_]\w*)\s*=\s*(.+)$/gm)].map((m) => ({
      at: m.index!,
      name: m[1]!.toLowerCase(),
      value: m[2]!,
    }));
    assignmentsOf.set(value, list);
  }
  return list;
}

/**
 * The words of a command with the script's variables that carry a path spelled out beside them:
 * `$wheelFile = Get-ChildItem wheelhouse/*.whl | …` then `python -m wheel tags … $wheelFile` reads
 * wheelhouse/ (and fails on an empty value when nothing was built); `WHEEL=$(ls dist/*.whl)` then
 * `pip install "$WHEEL"` alike. Only assignments written before the command in the same script count.
 */
export function withAssignedPaths(words: readonly string[], script: { value: string }, before: number): string[] {
  if (!words.some((w) => w.includes('$'))) return [...words];
  const values = new Map<string, string>();
  for (const a of assignments(script)) if (a.at < before) values.set(a.name, a.value);
  const out = [...words];
  for (const w of words)
    for (const ref of w.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)) {
      const value = values.get(ref[1]!.toLowerCase());
      if (value) out.push(...value.split(/[\s"'()|;]+/).filter(Boolean));
    }
  return out;
}

/** What a CMake generate step writes (a failed configure leaves CMakeCache.txt and logs, not these). */
const GENERATED = /(^|\/)(Makefile|build\.ninja|compile_commands\.json|[^/]+\.sln|[^/]+\.vcxproj)$/;

/** Files a build writes into its tree: libraries, programs, archives and packages. */
const BUILT_FILE = /\.(dll|so|dylib|exe|lib|a|pyd|whl|jar|node|wasm)$/i;

/**
 * The build tree a CMake command writes, and what a later read there needs: `cmake -B DIR` (configure)
 * generates the build system (`build.ninja`, `Makefile`, `*.sln`); `cmake --build DIR` makes the built
 * files in it (`tar -cvf x.tar .\build_release\libusearch_c.dll` fails without the
 * build), not the tree itself, which the configure made.
 */
function buildTreeOf(words: readonly string[]): { dir: string; anyFile: boolean } | undefined {
  const r = resolveCommand(words);
  if (r?.program !== 'cmake') return undefined;
  const w = r.words;
  const built = w.includes('--build') ? buildDir(w) : undefined;
  if (built) return { dir: cleanPath(built), anyFile: false };
  const c = w.findIndex((x) => x === '-B' || /^-B\S/.test(x));
  if (c > 0) {
    const dir = w[c] === '-B' ? w[c + 1] : w[c]!.slice(2);
    if (dir) return { dir: cleanPath(dir), anyFile: true };
  }
  return undefined;
}

/** The argument of a later command that reads a file the build tree holds only after this command ran. */
function readsBuildTree(words: readonly string[], tree: { dir: string; anyFile: boolean }): string | undefined {
  const role = toolRole(words)?.role;
  if (role === 'cleanup' || role === 'probe' || !tree.dir || tree.dir === '.' || tree.dir.includes('$')) return undefined;
  const program = resolveCommand(words)?.program;
  if (program === 'cmake' || program === 'mkdir' || program === 'touch') return undefined;
  for (const a of words.slice(1)) {
    const p = cleanPath(a);
    if (p.startsWith(`${tree.dir}/`) && (BUILT_FILE.test(p) || (tree.anyFile && GENERATED.test(p)))) return a;
  }
  return undefined;
}

/**
 * The first later command that reads what this CMake command makes in its build tree, with the
 * argument it reads: the build's archive step (`tar -cvf x.tar .\build_release\libusearch_c.dll`).
 */
export function buildTreeReader<T extends { words: string[] }>(
  words: readonly string[],
  later: readonly T[],
): (T & { path: string; partial: boolean }) | undefined {
  const tree = buildTreeOf(words);
  if (!tree) return undefined;
  for (const l of later) {
    const path = readsBuildTree(l.words, tree);
    // One built file shows the build made it, not every target of a parallel build: `partial`.
    if (path) return { ...l, path, partial: !tree.anyFile };
  }
  return undefined;
}
