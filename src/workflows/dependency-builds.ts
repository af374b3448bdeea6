/**
 * Parts of a script that build a dependency from source: after `git clone URL [DIR]` and `cd DIR`
 * (or `pushd`, `Set-Location`), until the next change of directory. A failure there is a setup
 * failure of the job, not a failure of the repository's own build or tests, and what the job does
 * next with the dependency fails without it.
 */
export interface DependencyBuild {
  start: number;
  end: number;
  dir: string;
  /** Offset of the `git clone`. */
  clonedAt: number;
}

const CLONE = /\bgit\s+clone\b([^\n;&|]*)/g;
const CD = /(^|[\s;&|(])(cd|pushd|popd|Set-Location|sl)\b([^\n;&|)]*)/g;

function cloneTarget(args: string): string | undefined {
  const words = args
    .trim()
    .split(/\s+/)
    .filter((w) => w && !w.startsWith('-'));
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
  if (clones.length === 0) return [];
  const moves = [...script.matchAll(CD)].map((m) => ({ at: m.index! + m[1]!.length, dir: norm(m[3] ?? '') }));
  const out: DependencyBuild[] = [];
  moves.forEach((mv, i) => {
    const clone = clones.find((c) => c.at < mv.at && c.dir === mv.dir);
    if (!clone) return;
    const end = moves[i + 1]?.at ?? script.length;
    out.push({ start: mv.at, end, dir: clone.dir, clonedAt: clone.at });
  });
  return out;
}
