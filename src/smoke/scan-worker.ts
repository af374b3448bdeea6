// Worker-thread entry for the cold import scan: reads and scans one chunk of files, posts the results.
import { parentPort, workerData } from 'node:worker_threads';
import { Repository } from '../services/repository.js';
import { ReadBuffer } from './read-source.js';
import { readAndScan } from './scan-file.js';

const { root, files } = workerData as { root: string; files: string[] };
const repo = Repository.open(root);
const buffer = new ReadBuffer();
parentPort!.postMessage(
  files.map((path) => {
    const r = readAndScan(repo, path, true, buffer);
    return r.ok ? { path, ok: true, scan: r.scan } : r;
  }),
);
