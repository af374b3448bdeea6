// Worker-thread entry for `checkWorkflows`: checks one chunk of files and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { checkChunk, type ChunkRequest } from './check-chunk.js';

async function main(): Promise<void> {
  const outcomes = await checkChunk(workerData as ChunkRequest);
  parentPort!.postMessage(outcomes);
}

void main();
