import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { fileKind, readFailure } from '../services/regular-file.js';
import { decodeDeclared } from './coding-cookie.js';
import { DEFAULT_MAX_FILE_BYTES, type Repository } from '../services/repository.js';

export type TextResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * One buffer reused for every file of a run: reading thousands of files into it spares a Buffer
 * allocation (and its garbage) per file. It grows to the largest file read.
 */
export class ReadBuffer {
  bytes = Buffer.allocUnsafe(1 << 20);
}

/**
 * The same checks as Repository.read (links out of the tree, size, NUL bytes, UTF-8) without
 * building a line index: on a PyTorch-size tree the index costs as much as the import scan,
 * and only files with findings need one.
 */
export function readSourceText(repo: Repository, path: string, knownRegular = false, buffer = new ReadBuffer()): TextResult {
  const abs = knownRegular ? underRoot(repo.root, path) : repo.abs(path);
  try {
    // git vouches for a regular file it lists unchanged (a type change shows in diff-files): no lstat.
    if (!knownRegular) {
      const escape = repo.escapes(abs);
      if (escape) return { ok: false, message: escape };
      // stat follows a link: a FIFO or /dev/zero behind one would hang or never end.
      const st = statSync(abs);
      if (!st.isFile()) return notRegular(st);
      if (st.size > DEFAULT_MAX_FILE_BYTES) return tooLarge(st.size);
    }
    const length = readInto(abs, buffer, knownRegular);
    if (length > DEFAULT_MAX_FILE_BYTES) return tooLarge(length);
    const bytes = buffer.bytes.subarray(0, length);
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { ok: false, message: `binary content (NUL byte at offset ${nul}); skipped` };
    // Most sources are ASCII, which decodes as latin1 byte for byte and faster than UTF-8.
    if (isAscii(bytes)) return { ok: true, text: bytes.toString('latin1') };
    if (!isUtf8(bytes)) return decodeDeclared(bytes) ?? (repo.read(path) as TextResult); // Repository.read names the bad byte
    const text = bytes.toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTREGULAR') return { ok: false, message: (e as Error).message };
    return { ok: false, message: `cannot read: ${readFailure(e)}` };
  }
}

/**
 * Reads a whole file into the buffer (growing it); past the size limit it stops and returns the
 * file's size. Opened non-blocking and checked on the descriptor, so a FIFO put in the file's place
 * after the check cannot hang the run. A file git vouches for is not checked (an fstat per file,
 * a tenth of the read on a large tree): only one swapped in since git looked could be anything
 * else, and the non-blocking read of a FIFO or device still ends (no data, or the size limit).
 */
function readInto(abs: string, buffer: ReadBuffer, knownRegular: boolean): number {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!knownRegular) {
      const st = fstatSync(fd);
      if (!st.isFile()) throw Object.assign(new Error(`${fileKind(st)}, not a regular file; not read`), { code: 'ENOTREGULAR' });
    }
    let length = 0;
    for (;;) {
      if (length === buffer.bytes.length) {
        if (length > DEFAULT_MAX_FILE_BYTES) return Math.max(length, fstatSync(fd).size);
        const bigger = Buffer.allocUnsafe(length * 2);
        buffer.bytes.copy(bigger);
        buffer.bytes = bigger;
      }
      const n = readSync(fd, buffer.bytes, length, buffer.bytes.length - length, null);
      if (n === 0) return length;
      length += n;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The absolute path of a file git lists: its paths are already normal (never `.`, `..` or `//`), so
 * the root and the path joined by one slash are what path.join would make, without normalizing
 * each of thousands of paths again.
 */
function underRoot(root: string, path: string): string {
  return root.endsWith('/') ? root + path : `${root}/${path}`;
}

function notRegular(st: Stats): TextResult {
  return { ok: false, message: `${fileKind(st)}, not a regular file; not read` };
}

function tooLarge(size: number): TextResult {
  return { ok: false, message: `file is ${(size / 1048576).toFixed(1)} MiB, over the ${(DEFAULT_MAX_FILE_BYTES / 1048576).toFixed(0)} MiB limit; skipped` };
}
