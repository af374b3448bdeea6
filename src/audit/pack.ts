import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import { writeFileAtomic } from '../services/repository.js';

/** Refuses output directories inside a `.git` folder: writing there could corrupt the repository. */
export function checkPackLocation(outDir: string): void {
  const abs = resolve(outDir);
  let probe = abs;
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  const real = join(realpathSync(probe), abs.slice(probe.length));
  if (real.split(sep).includes('.git')) throw new InputError(`refusing to write the audit pack inside a .git directory: ${outDir}`);
}

function describe(e: unknown, outDir: string): InputError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EROFS' ? 'read-only file system' : err.message;
  return new InputError(`cannot write the audit pack to ${outDir}: ${why}`);
}

/**
 * Writes the pack as a whole: every file into a new sibling directory, then one rename swaps it in.
 * A failure at any point leaves the previous pack as it was.
 */
export function writePack(outDir: string, files: ReadonlyMap<string, string>): void {
  checkPackLocation(outDir);
  const abs = resolve(outDir);
  const parent = dirname(abs);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `.${basename(abs)}.new-${stamp}`);
  const previous = join(parent, `.${basename(abs)}.old-${stamp}`);
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(staging);
  } catch (e) {
    throw describe(e, outDir);
  }
  try {
    for (const [name, content] of files) writeFileAtomic(join(staging, name), content);
    const hadPrevious = existsSync(abs);
    if (hadPrevious) renameSync(abs, previous);
    try {
      renameSync(staging, abs);
    } catch (e) {
      if (hadPrevious) renameSync(previous, abs);
      throw e;
    }
    if (hadPrevious) rmSync(previous, { recursive: true, force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw describe(e, outDir);
  }
}
