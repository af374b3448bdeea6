import type { Repository } from '../services/repository.js';
import { readSourceText, type ReadBuffer } from './read-source.js';
import type { ScanResult } from './records.js';
import { scanPython } from './scanner.js';

export type FileScan = { path: string; ok: true; text: string; scan: ScanResult } | { path: string; ok: false; message: string };

/** Scans the text of a .py, .pyi or .pyi.in file; a template's `${…}` placeholders make its names unknowable. */
export function scanText(path: string, text: string): ScanResult {
  const scan = scanPython(text, { stub: !path.endsWith('.py') });
  if (path.endsWith('.pyi.in') && text.includes('${')) scan.templated = true;
  return scan;
}

/** Reads and scans one file; unreadable files come back with the reason. */
export function readAndScan(repo: Repository, path: string, knownRegular = false, buffer?: ReadBuffer): FileScan {
  const read = readSourceText(repo, path, knownRegular, buffer);
  return read.ok ? { path, ok: true, text: read.text, scan: scanText(path, read.text) } : { path, ok: false, message: read.message };
}
