import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { sourceFile, type SourceFile } from '../sources/source-file.js';

/** Files larger than this are reported and skipped, never parsed. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

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
        const out = execFileSync('git', ['-C', this.root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
        list = out.toString('utf8').split('\0').filter((p) => p && existsSync(join(this.root, p)));
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
    const rel = relative(this.root, abs);
    return rel === '' || (rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel));
  }

  /** Reads a text file; binary, non-UTF-8, huge, unreadable and escaping files come back as errors. */
  read(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadResult {
    const shadow = this.overlay.get(path);
    if (shadow !== undefined) return { ok: true, file: sourceFile(path, shadow) };
    const abs = this.abs(path);
    try {
      const st = lstatSync(abs);
      let size = st.size;
      if (st.isSymbolicLink()) {
        const real = realpathSync(abs);
        if (!this.contains(real)) return { ok: false, path, message: 'symbolic link points outside the repository; not followed' };
        size = statSync(abs).size;
      }
      if (size > maxBytes) return { ok: false, path, message: `file is ${(size / 1048576).toFixed(1)} MiB, over the ${(maxBytes / 1048576).toFixed(0)} MiB limit; skipped` };
      const bytes = readFileSync(abs);
      const nul = bytes.indexOf(0);
      if (nul >= 0) return { ok: false, path, message: `binary content (NUL byte at offset ${nul}); skipped` };
      if (!isUtf8(bytes)) return { ok: false, path, message: `not valid UTF-8 (${describeBadByte(bytes)}); skipped` };
      let text = bytes.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      return { ok: true, file: sourceFile(path, text) };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file (dangling link?)' : err.code === 'ELOOP' ? 'symbolic link loop' : err.message;
      return { ok: false, path, message: `cannot read: ${why}` };
    }
  }

  /** Makes `read(path)` return `text` without touching the disk. */
  setOverlay(path: string, text: string): void {
    this.overlay.set(path, text);
  }

  /**
   * Writes a file atomically (temporary file in the same directory, fsync, rename), keeping the
   * original's mode. Refuses any path whose real directory is outside the repository.
   */
  writeAtomic(path: string, text: string): void {
    const abs = this.abs(path);
    const dir = dirname(abs);
    let existing = dir;
    while (!existsSync(existing)) existing = dirname(existing);
    if (!this.contains(realpathSync(existing))) throw new InputError(`refusing to write ${path}: its directory is outside the repository`);
    mkdirSync(dir, { recursive: true });
    const realDir = realpathSync(dir);
    if (!this.contains(realDir)) throw new InputError(`refusing to write ${path}: its directory is outside the repository`);
    let target = join(realDir, abs.slice(dir.length + 1));
    if (existsSync(target) && lstatSync(target).isSymbolicLink()) {
      const real = realpathSync(target);
      if (!this.contains(real)) throw new InputError(`refusing to write ${path}: it links outside the repository`);
      target = real;
    }
    writeFileAtomic(target, text);
  }
}

/** Temporary file + fsync + rename, so readers see the old or the new content, never half. */
export function writeFileAtomic(target: string, text: string | Uint8Array): void {
  const mode = existsSync(target) ? statSync(target).mode & 0o7777 : 0o644;
  const tmp = `${target}.groundwork-${process.pid}-${Date.now()}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
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
