import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { threadCount } from '../services/cpu.js';
import type { ScanResult } from './records.js';

/**
 * Below this many files per worker, its start-up and second JIT warm-up cost more than it saves
 * (measured on 2 shared vCPUs: 3,600 files ran faster in one thread). When threads are asked for
 * with --jobs, each still gets this many.
 */
const MIN_FILES_PER_WORKER = 2500;
const MIN_FILES_PER_ASKED_WORKER = 100;

export type WorkerScan = { path: string; ok: true; scan: ScanResult } | { path: string; ok: false; message: string };

/** Threads for a cold scan: one per core on machines with enough cores while each gets enough files; `jobs` decides when given (1 = none). */
export function scanWorkerCount(files: number, jobs?: number): number {
  return threadCount(files, jobs && jobs > 0 ? MIN_FILES_PER_ASKED_WORKER : MIN_FILES_PER_WORKER, jobs);
}

/**
 * The bundled dist/smoke-worker.js, or, from the TypeScript sources (tests), a bootstrap that
 * registers tsx first: `--import` loader hooks do not reach worker threads on Node 20.
 */
function startWorker(workerData: unknown): Worker {
  const bundled = new URL('./smoke-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return new Worker(bundled, { workerData });
  const source = new URL('./scan-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Reads and scans files in `n` threads, chunks balanced by size; this thread takes the first chunk. */
export async function scanInWorkers(root: string, files: readonly string[], n: number, scanHere: (files: string[]) => WorkerScan[]): Promise<WorkerScan[]> {
  const sized = files.map((f) => ({ f, size: statSync(`${root}/${f}`, { throwIfNoEntry: false })?.size ?? 0 })).sort((a, b) => b.size - a.size);
  const chunks = Array.from({ length: n }, () => ({ files: [] as string[], size: 0 }));
  for (const s of sized) {
    const smallest = chunks.reduce((m, c) => (c.size < m.size ? c : m));
    smallest.files.push(s.f);
    smallest.size += s.size;
  }
  const others = chunks.slice(1).map(
    (chunk) =>
      new Promise<WorkerScan[]>((resolve, reject) => {
        const worker = startWorker({ root, files: chunk.files });
        worker.once('message', (m: WorkerScan[]) => resolve(m));
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`import scan worker exited with code ${code}`));
        });
      }),
  );
  const here = scanHere(chunks[0]!.files);
  return [...here, ...(await Promise.all(others)).flat()];
}
