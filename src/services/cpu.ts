import { availableParallelism } from 'node:os';

/**
 * Below this many cores, worker threads are not used unless asked for. The 2-vCPU machines this
 * project is measured on behave like one core's two hyperthreads: two processes scanning half the
 * Python files each took 540-575 ms against 318 ms for one alone, and two workflow-check workers
 * took 1.94 s against 1.82 s for one thread (bench/README.md).
 */
export const MIN_CORES_FOR_WORKERS = 4;

/**
 * Threads for `items` pieces of work: `jobs` when asked for, else one per core on machines with
 * enough cores; never so many that a thread gets fewer than `perThread` items.
 */
export function threadCount(items: number, perThread: number, jobs?: number): number {
  const cores = availableParallelism();
  const cap = jobs && jobs > 0 ? jobs : cores >= MIN_CORES_FOR_WORKERS ? cores : 1;
  return Math.max(1, Math.min(cap, Math.floor(items / perThread)));
}
