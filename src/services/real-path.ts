import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { InputError } from '../core/errors.js';

/**
 * Where a write to `abs` would really land: the longest part of the path that exists (found with
 * lstat, so a dangling link counts as existing) resolved through every symbolic link, plus the rest.
 * Checking this before `mkdir -p` is what keeps a committed link (`docs -> /elsewhere`) from
 * creating folders or files outside. A dangling link on the way is refused: where it leads cannot
 * be known until something is created there.
 */
export function realTarget(abs: string): string {
  const rest: string[] = [];
  let probe = abs;
  for (;;) {
    try {
      lstatSync(probe);
      break;
    } catch {
      if (dirname(probe) === probe) break;
      rest.unshift(basename(probe));
      probe = dirname(probe);
    }
  }
  try {
    return join(realpathSync(probe), ...rest);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `${abs}: ${code === 'ENOENT' ? `${probe} is a dangling symbolic link` : code === 'ELOOP' ? 'symbolic link loop' : (e as Error).message}; not written`,
    );
  }
}

/** Whether `abs` is `root` or below it (both already real paths). */
export function isInside(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === '' || (rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel));
}
