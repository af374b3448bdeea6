import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { writeFileAtomic } from '../services/repository.js';
import type { Command, ParsedArgs } from './options.js';

/**
 * A FILE option that names a directory, or a path under a regular file, can never be written:
 * say so as a usage error before the command does any work (`fix --summary DIR` used to fix the
 * workflows and then crash on EISDIR).
 */
export function checkOutputPath(abs: string, flag: string, shown: string): void {
  const st = statOrUndefined(abs);
  if (st?.isDirectory()) throw new UsageError(`--${flag} ${shown}: is a directory; name a file`);
  for (let dir = dirname(abs); dir !== dirname(dir); dir = dirname(dir)) {
    const up = statOrUndefined(dir);
    if (!up) continue;
    if (!up.isDirectory()) throw new UsageError(`--${flag} ${shown}: ${dir} is not a directory`);
    break;
  }
}

/** Checks every option the command declares as an output FILE (`output: true`), relative to cwd. */
export function checkOutputOptions(cmd: Command, args: ParsedArgs, cwd: string): void {
  for (const o of cmd.options) {
    const v = args.values[o.name];
    if (o.output && typeof v === 'string') checkOutputPath(resolve(cwd, v), o.name, v);
  }
}

/** Writes a FILE the user named: its folders are created, then the file is written atomically (or through, for a device). */
export function writeOutputFile(abs: string, text: string): void {
  mkdirSync(dirname(abs), { recursive: true });
  writeFileAtomic(abs, text);
}

function statOrUndefined(abs: string) {
  try {
    return statSync(abs);
  } catch {
    return undefined;
  }
}
