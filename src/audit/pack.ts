import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.js';
import { isInside, realTarget } from '../services/real-path.js';
import { writeFileAtomic } from '../services/repository.js';
import { assertReplaceable, PACK_MARKER, packMarker } from './pack-folder.js';

/** Refuses output directories inside a `.git` folder: writing there could corrupt the repository. */
export function checkPackLocation(outDir: string): void {
  const abs = resolve(outDir);
  let probe = abs;
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  const real = join(realpathSync(probe), abs.slice(probe.length));
  if (real.split(sep).includes('.git')) throw new InputError(`refusing to write the audit pack inside a .git directory: ${outDir}`);
}

export interface PackTarget {
  /** The repository audited: a pack folder named inside it must really be inside it (links followed), and never hold it. */
  root?: string;
  /** What the root is, in the refusal: the repository (audit) or the current directory (merge). */
  rootLabel?: string;
}

/**
 * Everything that decides whether the pack may be written to `outDir`, checked before the audit
 * runs: inside `.git`, through a link out of the repository, over the repository itself, or over a
 * folder that is not a previous pack are all refused (exit 2), so nothing is lost.
 */
export function checkPackTarget(outDir: string, target: PackTarget = {}): void {
  checkPackLocation(outDir);
  const abs = resolve(outDir);
  if (target.root) {
    const root = realpathSync(target.root);
    const real = realTarget(abs);
    if (isInside(real, root))
      throw new InputError(`refusing to write the audit pack to ${outDir}: it would replace ${target.rootLabel ?? 'the repository'} itself`);
    if (isInside(root, abs) && !isInside(root, real))
      throw new InputError(`refusing to write the audit pack to ${outDir}: it resolves to ${real}, outside the repository`);
  }
  assertReplaceable(abs, outDir, false);
}

function describe(e: unknown, outDir: string): InputError {
  if (e instanceof InputError) return e;
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'EROFS' ? 'read-only file system' : err.message;
  return new InputError(`cannot write the audit pack to ${outDir}: ${why}`);
}

/**
 * Writes the pack as a whole: every file into a new sibling directory, then one rename swaps it in.
 * A failure at any point leaves the previous pack as it was, and no staging folder behind: the old
 * pack's files are first checked to be removable, and if removing them fails anyway the swap is
 * undone. (Signals wait for this synchronous function: the CLI handles them, see cli/main.ts.)
 */
export function writePack(outDir: string, files: ReadonlyMap<string, string>, target: PackTarget = {}): void {
  checkPackTarget(outDir, target);
  const abs = resolve(outDir);
  const parent = dirname(abs);
  const stamp = `${process.pid}-${Date.now()}`;
  const staging = join(parent, `.${basename(abs)}.new-${stamp}`);
  const previous = join(parent, `.${basename(abs)}.old-${stamp}`);
  try {
    assertReplaceable(abs, outDir, true);
    mkdirSync(parent, { recursive: true });
    mkdirSync(staging);
  } catch (e) {
    throw describe(e, outDir);
  }
  try {
    for (const [name, content] of files) writeFileAtomic(join(staging, name), content);
    writeFileAtomic(join(staging, PACK_MARKER), packMarker([...files.keys()]));
    const hadPrevious = existsSync(abs);
    if (hadPrevious) renameSync(abs, previous);
    try {
      renameSync(staging, abs);
    } catch (e) {
      if (hadPrevious) renameSync(previous, abs);
      throw e;
    }
    if (hadPrevious) removeOrRestore(previous, abs, staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw describe(e, outDir);
  }
}

/** Removes the old pack; when that fails, puts it back (the new one goes to staging, removed by the caller). */
function removeOrRestore(previous: string, abs: string, staging: string): void {
  try {
    rmSync(previous, { recursive: true, force: true });
  } catch (e) {
    renameSync(abs, staging);
    renameSync(previous, abs);
    throw e;
  }
}
