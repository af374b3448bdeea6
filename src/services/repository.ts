import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { sourceFile, type SourceFile } from '../sources/source-file.js';
import { type BytesResult, DEFAULT_MAX_FILE_BYTES, fileKind, readListedBytes, readRegularBytes } from './regular-file.js';
import { isInside, realTarget } from './real-path.js';
import { writeAllSync } from './write-all.js';

export { DEFAULT_MAX_FILE_BYTES };

export type ReadResult = { ok: true; file: SourceFile } | { ok: false; path: string; message: string };

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/**
 * The repository on disk: lists and reads its files, and writes inside it only. Every read and
 * write checks that the real path stays inside the root, so a symlink cannot lead out of the tree.
 */
export class Repository {
  readonly root: string;
  private listing?: string[];
  /** In-memory contents that shadow the disk (fix passes, dry runs). */
  private readonly overlay = new Map<string, string>();
  private readonly realDirs = new Map<string, string>();
  /** Files read with a UTF-8 byte order mark: their text comes without it, and writes put it back. */
  private readonly boms = new Set<string>();

  private constructor(root: string) {
    this.root = root;
  }

  static open(dir: string): Repository {
    const abs = resolve(dir);
    if (!existsSync(abs)) throw new InputError(`${dir}: no such directory`);
    if (!statSync(abs).isDirectory()) throw new InputError(`${dir}: not a directory`);
    return new Repository(realpathSync(abs));
  }

  /** True when the root is the top of a git work tree (and git is installed). */
  get isGit(): boolean {
    return existsSync(join(this.root, '.git'));
  }

  /** Every file, repository-relative POSIX paths, sorted; honours .gitignore in a git work tree. */
  files(): string[] {
    if (this.listing) return this.listing;
    let list: string[] | undefined;
    if (this.isGit) {
      try {
        const out = execFileSync('git', ['-C', this.root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
          maxBuffer: 256 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        list = out
          .toString('utf8')
          .split('\0')
          .filter((p) => p && existsSync(join(this.root, p)));
      } catch {
        list = undefined; // git missing or not a work tree: fall back to walking
      }
    }
    this.listing = (list ?? this.walk()).sort();
    return this.listing;
  }

  private walk(): string[] {
    const out: string[] = [];
    const stack = [''];
    while (stack.length) {
      const rel = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(join(this.root, rel), { withFileTypes: true });
      } catch {
        continue; // unreadable directory: its files are simply not listed
      }
      for (const e of entries) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) stack.push(path);
        } else if (e.isFile() || e.isSymbolicLink()) out.push(path);
      }
    }
    return out;
  }

  abs(path: string): string {
    return join(this.root, ...path.split('/'));
  }

  /** Whether `abs` (after following links) is inside the root. */
  contains(abs: string): boolean {
    return isInside(this.root, abs);
  }

  /** Reads a text file; binary, non-UTF-8, huge, unreadable, non-regular and escaping files come back as errors. */
  read(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadResult {
    const shadow = this.overlay.get(path);
    if (shadow !== undefined) return { ok: true, file: sourceFile(path, shadow) };
    const abs = this.abs(path);
    const r = this.readInside(abs, maxBytes);
    if (!r.ok) return { ok: false, path, message: r.message };
    const bytes = r.bytes;
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { ok: false, path, message: `binary content (NUL byte at offset ${nul}); skipped` };
    if (!isUtf8(bytes)) return { ok: false, path, message: `not valid UTF-8 (${describeBadByte(bytes)}); skipped` };
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      this.boms.add(path);
    }
    return { ok: true, file: sourceFile(path, text) };
  }

  /**
   * The bytes of a file inside the repository. The file is opened without following a link (one
   * open, no stat before it); only a link is then checked for where it points, as `escapes` does.
   */
  private readInside(abs: string, maxBytes: number): BytesResult {
    if (!this.contains(abs)) return { ok: false, message: 'outside the repository; not read' };
    try {
      if (!this.contains(this.realDir(dirname(abs))))
        return { ok: false, message: 'a folder on its path is a symbolic link to outside the repository; not followed' };
    } catch {
      // missing or unreadable: the read itself says why
    }
    const direct = readListedBytes(abs, maxBytes);
    if (direct && !direct.link) return direct;
    const escape = this.escapes(abs);
    return escape ? { ok: false, message: escape } : readRegularBytes(abs, maxBytes);
  }

  /**
   * Why reading `abs` would leave the repository, or undefined. A link anywhere on the way counts:
   * the file itself (`ci.yml -> /etc/x`) or a folder above it (`.github/workflows -> /elsewhere`).
   * Folders' real paths are cached, as a run reads many files from few folders.
   */
  escapes(abs: string): string | undefined {
    if (!this.contains(abs)) return 'outside the repository; not read';
    try {
      if (!this.contains(this.realDir(dirname(abs)))) return 'a folder on its path is a symbolic link to outside the repository; not followed';
      if (lstatSync(abs).isSymbolicLink() && !this.contains(realpathSync(abs))) return 'symbolic link points outside the repository; not followed';
    } catch {
      return undefined; // missing or unreadable: the read itself says why
    }
    return undefined;
  }

  private realDir(dir: string): string {
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      real = realpathSync(dir);
      this.realDirs.set(dir, real);
    }
    return real;
  }

  /**
   * A repository file the tool itself looks for (ledger, ratchet baseline): its text, or undefined
   * when nothing is at the path. Anything else that keeps it from being read as text — a folder,
   * a FIFO, a link or a path out of the repository — is an InputError naming it.
   */
  readIfPresent(path: string): string | undefined {
    const abs = this.abs(path);
    if (!this.contains(abs)) throw new InputError(`${path}: outside the repository; not read`, path);
    try {
      lstatSync(abs);
    } catch {
      return undefined;
    }
    const r = this.read(path);
    if (!r.ok) throw new InputError(`${path}: ${r.message}`, path);
    return r.file.text;
  }

  /** Makes `read(path)` return `text` without touching the disk. */
  setOverlay(path: string, text: string): void {
    this.overlay.set(path, text);
  }

  /** Where writing `path` would land; an InputError when that is outside the repository. Writes nothing. */
  writeTarget(path: string): string {
    const real = realTarget(this.abs(path));
    if (!this.contains(real)) throw new InputError(`refusing to write ${path}: it resolves to ${real}, outside the repository`);
    return real;
  }

  /**
   * Writes a file atomically (see writeFileAtomic), creating its folders; a file that was read with
   * a byte order mark keeps it. The path is resolved
   * through every link, the missing folders included, and refused with exit 2 before anything is
   * created when it would land outside the repository.
   */
  writeAtomic(path: string, text: string): void {
    const real = this.writeTarget(path);
    mkdirSync(dirname(real), { recursive: true });
    writeFileAtomic(real, this.boms.has(path) && text.charCodeAt(0) !== 0xfeff ? `\ufeff${text}` : text);
  }
}

/**
 * Replaces a regular file (or creates a new one) with temporary file + fsync + rename, so readers
 * see the old or the new content, never half, and the file keeps its mode. A link is followed and
 * its target replaced (the link stays). Anything that is not a regular file is never replaced by
 * one: a device (/dev/null, /dev/stdout) or a FIFO with a reader is written through, a directory or
 * a FIFO nobody reads is refused.
 */
export function writeFileAtomic(target: string, text: string | Uint8Array): void {
  let st: Stats | undefined;
  try {
    st = statSync(target);
  } catch {
    st = undefined; // a new path (or a dangling link, which rename replaces by the file)
  }
  if (st && !st.isFile()) return writeThrough(target, st, text);
  if (st && lstatSync(target).isSymbolicLink()) target = realpathSync(target);
  const mode = st ? st.mode & 0o7777 : 0o644;
  const tmp = `${target}.groundwork-${process.pid}-${Date.now()}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeAllSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    removeQuietly(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, target);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

function writeThrough(target: string, st: Stats, text: string | Uint8Array): void {
  if (st.isDirectory()) throw new InputError(`${target}: is a directory; name a file`);
  if (!st.isCharacterDevice() && !st.isFIFO()) throw new InputError(`${target}: ${fileKind(st)}; refusing to write to it`);
  let fd: number;
  try {
    // Non-blocking, so a FIFO without a reader is an error (ENXIO) instead of a hang.
    fd = openSync(target, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${target}: ${fileKind(st)}${code === 'ENXIO' ? ' that nobody reads' : ''}; cannot write to it (${code ?? (e as Error).message})`);
  }
  try {
    writeAllSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

function describeBadByte(bytes: Uint8Array): string {
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 10) line++;
    if (b >= 0x80) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, Math.min(bytes.length, i + 4)));
      } catch {
        // The first high byte that cannot start a valid sequence here is a good enough pointer.
        return `line ${line}, byte 0x${b.toString(16)}`;
      }
    }
  }
  return 'invalid byte sequence';
}
