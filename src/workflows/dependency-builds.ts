import { buildStage } from './hidden/build-stage.js';
import { resolveCommand, toolRole } from './roles/tools.js';

/**
 * Parts of a script that build a dependency from source: after `git clone URL [DIR]` (or
 * `git -C DIR remote add origin URL`, then fetch), or after unpacking an archive the script downloads
 * (`curl -o /tmp/mpfr.tar.xz URL`, `tar xf /tmp/mpfr.tar.xz -C /tmp/`), and `cd DIR` (or `pushd`,
 * `Set-Location`) into it, until the next change of directory; and lines that name a cloned DIR
 * (`"$DIR/develop.sh"`, `make -C DIR`). A failure there is a setup
 * failure of the job, not a failure of the repository's own build or tests, and what the job does
 * next with the dependency fails without it.
 */
export interface DependencyBuild {
  start: number;
  end: number;
  dir: string;
  /** Offset of the `git clone`, or of the unpacking of the download. */
  clonedAt: number;
  how: 'cloned' | 'downloaded';
}

const CLONE = /\bgit\s+clone\b([^\n;&|]*)/g;
// `git -C "$DIR" remote add origin \
//   https://github.com/org/dep.git` (a continued line)
const REMOTE_ADD = /\bgit\s+-C\s+("[^"]+"|'[^']+'|\S+)\s+remote\s+add\s+(?:-\S+\s+)*\S+\s+(?:\\\s*\n\s*)?(\S+)/g;
const CD = /(^|[\s;&|(])(cd|pushd|popd|Set-Location|sl)\b([^\n;&|)]*)/g;

function cloneTarget(args: string): string | undefined {
  const words = args
    .trim()
    .split(/\s+/)
    // (`git clone URL \` continues the line: the backslash names no folder.)
    .filter((w) => w && w !== '\\' && !w.startsWith('-'));
  // Options with values (`--depth 1`, `-b main`, `--branch x`) leave their value among the words.
  const url = words.find((w) => /^(https?:|git@|ssh:|git:|file:)|\.git$/.test(w.replace(/^["']|["']$/g, '')));
  if (!url) return undefined;
  const after = words.slice(words.indexOf(url) + 1);
  const explicit = after[0]?.replace(/^["']|["']$/g, '');
  return (
    explicit ??
    url
      .replace(/^["']|["']$/g, '')
      .replace(/\/+$/, '')
      .split('/')
      .pop()!
      .replace(/\.git$/, '')
  );
}

const norm = (d: string) =>
  d
    // (`cd build \` continues the line.)
    .replace(/\s\\$/, '')
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/^\.[/\\]/, '')
    .replace(/[/\\]+$/, '');

export function dependencyBuilds(script: string): DependencyBuild[] {
  const clones: { dir: string; at: number }[] = [];
  for (const m of script.matchAll(CLONE)) {
    const dir = cloneTarget(m[1]!);
    if (dir) clones.push({ dir, at: m.index! });
  }
  for (const m of script.matchAll(REMOTE_ADD)) {
    const dir = norm(m[1]!);
    if (/^(https?:|git@|ssh:|git:|file:)/.test(m[2]!.replace(/^["']/, ''))) clones.push({ dir, at: m.index! });
  }
  const unpacked = unpackedDownloads(script);
  if (clones.length === 0 && unpacked.length === 0) return [];
  const moves = [...script.matchAll(CD)].map((m) => ({ at: m.index! + m[1]!.length, dir: norm(m[3] ?? '') }));
  const out: DependencyBuild[] = [];
  let inside: DependencyBuild | undefined;
  moves.forEach((mv, i) => {
    const end = moves[i + 1]?.at ?? script.length;
    const clone = clones.find((c) => c.at < mv.at && c.dir === mv.dir);
    // `cd kissat && ./configure && cd build && make -j`: a folder inside the dependency is still it.
    // (Along one chain of commands only: a `cd` inside `( … )` is undone when the subshell ends.)
    const between = inside ? script.slice(inside.start, mv.at) : '';
    const chained = !/[^\\\s]\s*\n|\)/.test(between);
    const deeper = inside && chained && /^[\w][\w.-]*(\/[\w.-]+)*$/.test(mv.dir) && !mv.dir.startsWith('..') ? inside : undefined;
    inside = undefined;
    if (clone || deeper) {
      const d: DependencyBuild = { start: mv.at, end, dir: clone?.dir ?? deeper!.dir, clonedAt: clone?.at ?? deeper!.clonedAt, how: deeper?.how ?? 'cloned' };
      out.push(d);
      inside = d;
      return;
    }
    const archive = unpacked.find(
      (u) => u.at < mv.at && (u.dirs.some((d) => unpackedAs(mv.dir, d)) || (u.into !== undefined && mv.dir.startsWith(`${u.into}/`))),
    );
    if (archive) out.push((inside = { start: mv.at, end, dir: mv.dir, clonedAt: archive.at, how: 'downloaded' }));
  });
  // Lines after the clone that name its folder: `"$DIR/develop.sh"`, `make -C "$DIR"`, `pip install ./dep`.
  let at = 0;
  for (const text of script.split('\n')) {
    const start = at;
    at += text.length + 1;
    const clone = clones.find((c) => c.at < start && text.split(/\s+/).some((w) => names(norm(w), c.dir)));
    if (clone) out.push({ start, end: at, dir: clone.dir, clonedAt: clone.at, how: 'cloned' });
  }
  return out;
}

const DOWNLOAD = /\b(curl|wget)\b([^\n;&|]*)/g;
const UNPACK = /\b(tar\s+-?[a-zA-Z]*x[a-zA-Z]*|unzip)\b([^\n;&|]*)/g;
const ARCHIVE = /\.(tar(\.\w+)?|tgz|tbz2?|txz|zip)$/i;

/**
 * Archives the script downloads (`curl -L -o /tmp/mpfr.tar.xz URL`, `wget URL`, `curl URL | tar xz`)
 * and unpacks: the folders the unpacking makes are the archive's stem (`foo-1.2.tar.gz` → `foo-1.2`)
 * or any folder under its `-C`/`-d` destination when that is not the working directory.
 */
function unpackedDownloads(script: string): { at: number; dirs: string[]; into?: string }[] {
  const fetched = new Set<string>();
  for (const m of script.matchAll(DOWNLOAD)) {
    const words = m[2]!
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/^["']|["']$/g, ''));
    if (!words.some((w) => /^(https?|ftp):\/\//.test(w))) continue;
    for (const w of words) if (ARCHIVE.test(w)) fetched.add(base(w));
  }
  const out: { at: number; dirs: string[]; into?: string }[] = [];
  for (const m of script.matchAll(UNPACK)) {
    const words = m[2]!
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/^["']|["']$/g, ''));
    const file = words.find((w) => ARCHIVE.test(w));
    // `curl -L URL | tar xz -C dir`: the archive comes down the pipe.
    const piped = /\b(curl|wget)\b[^\n;&]*\|\s*$/.test(script.slice(script.lastIndexOf('\n', m.index!) + 1, m.index!));
    if (!(file ? fetched.has(base(file)) : piped)) continue;
    const d = words.findIndex((w) => w === '-C' || w === '--directory' || w === '-d');
    const into = d >= 0 && words[d + 1] ? norm(words[d + 1]!) : undefined;
    out.push({ at: m.index!, dirs: file ? [base(file).replace(ARCHIVE, '')] : [], into: into && into !== '.' && into !== '' ? into : undefined });
  }
  return out;
}

const base = (p: string) => p.split(/[/\\]/).pop()!;

/**
 * The folder an archive named `stem` unpacks to: the stem, or GitHub's `REPO-TAG` for a tag's
 * archive (`archive/refs/tags/nasm-2.15.04.tar.gz` unpacks to `nasm-nasm-2.15.04`, `v1.2.tar.gz`
 * to `repo-1.2`).
 */
function unpackedAs(dir: string, stem: string): boolean {
  return dir === stem || dir.endsWith(`-${stem}`) || (/^v\d/.test(stem) && dir.endsWith(`-${stem.slice(1)}`));
}

/** A word that is the folder or a path in it (`$D`, `${D}`, `$D/x`, `dep/build`), the word's own quotes removed. */
function names(word: string, dir: string): boolean {
  const w = word.replace(/^\w+=/, '').replace(/^["']|["']$/g, '');
  const forms = dir.startsWith('$') && !dir.startsWith('${') ? [dir, `\${${dir.slice(1)}}`] : [dir];
  return forms.some((d) => w === d || w.startsWith(`${d}/`) || w.startsWith(`${d}\\`));
}

/**
 * The dependency a script builds when building cloned dependencies is all it builds: every build
 * command (`cmake`, `make`, `pip install ./dep`, a script it runs by path) lies where a dependency
 * is built. A step named "Build DeepGEMM reference" that clones and builds it is setup for the job.
 */
export function onlyDependencyBuild(script: string, commands: readonly { words: readonly string[]; start: number }[]): DependencyBuild | undefined {
  const deps = dependencyBuilds(script);
  if (deps.length === 0) return undefined;
  const builds = commands.filter((c) => buildStage(c.words) !== undefined || resolveCommand(c.words)?.local || toolRole(c.words)?.role === 'build');
  const inDep = (c: { start: number }) => deps.find((d) => c.start >= d.start && c.start < d.end);
  return builds.length > 0 && builds.every(inDep) ? inDep(builds[0]!) : undefined;
}
