import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';

/** Files larger than this are reported and skipped, never parsed. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** What a path is, after following links: reading or replacing anything but a regular file needs care. */
export function fileKind(st: {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a read failed, in words, from a Node error code. */
export function readFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file (dangling link?)';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'a directory';
    default:
      return err.message;
  }
}

export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads a regular file and nothing else. A FIFO, a device such as /dev/zero or a directory (also
 * behind a symbolic link) would block or never end, so the file is checked with stat first, opened
 * non-blocking (a FIFO swapped in after the check cannot block the open) and checked again on the
 * open descriptor; at most `maxBytes` are read, whatever the file grows to meanwhile.
 */
export function readRegularBytes(abs: string, maxBytes = DEFAULT_MAX_FILE_BYTES): BytesResult {
  let fd: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { ok: false, message: `${fileKind(st)}, not a regular file; not read` };
    if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, message: `cannot read: ${readFailure(e)}` };
  }
  return readOpened(fd, maxBytes);
}

/**
 * A file of the repository's own listing, read with one open: `O_NOFOLLOW` refuses a symbolic link
 * (`link: true`, for the caller to judge where it points) and the open descriptor is checked for a
 * regular file, without the stat and lstat before it (git stores no FIFOs or devices, and a
 * non-blocking open of one swapped in cannot hang). Undefined where the platform has no O_NOFOLLOW, or
 * where the open fails for another reason (the stat-first read then says why).
 */
export function readListedBytes(abs: string, maxBytes = DEFAULT_MAX_FILE_BYTES): (BytesResult & { link?: boolean }) | undefined {
  if (constants.O_NOFOLLOW === undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, message: 'a symbolic link', link: true };
    return undefined; // missing, a socket, no permission: the stat-first read says why, as before
  }
  return readOpened(fd, maxBytes);
}

/** Reads an open descriptor of a regular file (at most `maxBytes`), and closes it. */
function readOpened(fd: number, maxBytes: number): BytesResult {
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, message: `${fileKind(st)}, not a regular file; not read` };
    if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
    const bytes = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === bytes.length) break;
    }
    if (length > maxBytes) return tooLarge(Math.max(length, fstatSync(fd).size), maxBytes);
    return { ok: true, bytes: bytes.subarray(0, length) };
  } catch (e) {
    return { ok: false, message: `cannot read: ${readFailure(e)}` };
  } finally {
    closeSync(fd);
  }
}

/** A regular file as UTF-8 text (a leading BOM dropped), or an InputError naming `label`. */
export function readRegularText(abs: string, label: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string {
  const r = readRegularBytes(abs, maxBytes);
  if (!r.ok) throw new InputError(`${label}: ${r.message}`, label);
  const text = r.bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tooLarge(size: number, maxBytes: number): BytesResult {
  return { ok: false, message: `file is ${(size / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(0)} MiB limit; skipped` };
}
