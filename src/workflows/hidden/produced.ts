import { resolveCommand, toolRole } from '../roles/tools.js';

/**
 * What a command writes, and which later command reads it: a hidden failure of the writer is caught
 * when a command that fails without the file runs after it (`auditwheel repair -w wheelhouse/` then
 * `mv wheelhouse/*.whl dist/`: the glob matches nothing, and mv fails).
 */

/** Options that name where a tool writes (`-w wheelhouse`, `--outdir dist`, `-o out.bin`). */
const OUTPUT_FLAGS = new Set(['-w', '--wheel-dir', '-o', '--output', '--outdir', '--out-dir', '--output-dir', '--dest', '--dest-dir']);

const clean = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');

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
    out.push(`${src ? clean(src) : '.'}/dist`);
  }
  return out.map(clean).filter((p) => p && !p.includes('$') && p !== '.');
}

/**
 * The path a later command reads under one of these, when that command fails without it: not a
 * cleanup (`rm -rf dist`), a probe or a creation (`mkdir -p wheelhouse`).
 */
export function readsProduced(words: readonly string[], produced: readonly string[]): string | undefined {
  if (produced.length === 0) return undefined;
  const role = toolRole(words)?.role;
  if (role === 'cleanup' || role === 'probe') return undefined;
  const program = resolveCommand(words)?.program;
  if (program === 'mkdir' || program === 'touch') return undefined;
  for (const a of words.slice(1)) {
    const p = clean(a);
    const hit = produced.find((d) => p === d || p.startsWith(`${d}/`));
    if (hit) return a;
  }
  return undefined;
}
