import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { threadCount } from '../services/cpu.js';
import type { ChunkRequest } from './check-chunk.js';
import type { FileOutcome } from './file-check.js';

/** Below this many files a worker's start-up (~100 ms) costs more than it saves. */
export const MIN_FILES_PER_WORKER = 150;

/** Workers for a number of files: one per core on machines with enough cores, as long as each gets enough files; `jobs` decides when given. */
export function workerCount(files: number, jobs?: number): number {
  return threadCount(files, MIN_FILES_PER_WORKER, jobs);
}

/**
 * A worker running the bundled dist/worker.js, or, when running from the TypeScript sources
 * (tests), a bootstrap that registers tsx in the worker first: loader hooks given with
 * `--import` do not reach worker threads on Node 20.
 */
function startWorker(workerData: unknown): Worker {
  const bundled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return new Worker(bundled, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const source = new URL('./check-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Splits files into `n` chunks of similar total size (largest first, greedy). */
export function balance(root: string, files: readonly string[], n: number): string[][] {
  const sized = files.map((f) => {
    let size = 0;
    try {
      size = statSync(`${root}/${f}`).size;
    } catch {
      /* unreadable: checkFile reports it */
    }
    return { f, size };
  });
  sized.sort((a, b) => b.size - a.size);
  const chunks = Array.from({ length: n }, () => ({ files: [] as string[], size: 0 }));
  for (const s of sized) {
    const smallest = chunks.reduce((m, c) => (c.size < m.size ? c : m));
    smallest.files.push(s.f);
    smallest.size += s.size;
  }
  return chunks.map((c) => c.files);
}

/** Runs the per-file stage in worker threads, one chunk each. */
export async function checkInWorkers(req: ChunkRequest, n: number): Promise<FileOutcome[]> {
  const chunks = balance(req.root, req.files, n);
  const results = await Promise.all(
    chunks.map(
      (files) =>
        new Promise<FileOutcome[]>((resolve, reject) => {
          const worker = startWorker({ ...req, files });
          worker.once('message', (m: FileOutcome[]) => resolve(m));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`workflow check worker exited with code ${code}`));
          });
        }),
    ),
  );
  return results.flat();
}
