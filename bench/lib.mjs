// Shared helpers for the benchmark scripts: wall-clock timing of whole commands, medians, tables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

/** Runs a command `runs` times and returns the median wall time in ms (start-up included). */
export function timeCommand(cmd, args, { runs = 3, cwd = ROOT, okCodes = [0, 1] } = {}) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t0);
    if (!okCodes.includes(last.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${last.status}: ${last.stderr?.slice(0, 500)}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], stdout: last.stdout, stderr: last.stderr };
}

/** actionlint's 1,503 real-world workflows unpacked under <dir>/.github/workflows. */
export function realworld() {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  const target = join(dir, '.github', 'workflows');
  mkdirSync(target, { recursive: true });
  const r = spawnSync('python3', [
    '-c',
    'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
    join(CORPUS, 'actionlint-realworld', 'dataset.zip'),
    target,
  ]);
  if (r.status !== 0) throw new Error(`unzip failed: ${r.stderr}`);
  return { dir, workflows: target };
}

export function requireCorpus() {
  if (!existsSync(CORPUS)) {
    console.error(`../shared/corpus is absent (${CORPUS}); this benchmark needs it.`);
    process.exit(2);
  }
}

export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')).join('\n');
}
