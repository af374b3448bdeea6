import { realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { InputError, UsageError } from '../core/errors.js';
import { gitSync } from '../services/git.js';
import type { ParsedArgs } from './options.js';

/** What a command that reads a repository was pointed at: one DIR, or FILEs of one repository. */
export interface Targets {
  dir: string;
  /** Repository-relative POSIX paths, when files were named. */
  files?: string[];
}

function isDirectory(abs: string, shown: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    throw new InputError(`${shown}: no such file or directory`);
  }
}

/** The work tree a file belongs to: git's top level, else the folder above its `.github`, else the current directory when it holds the file, else the file's folder. */
function rootOf(file: string, cwd: string): string {
  try {
    const top = gitSync(['rev-parse', '--show-toplevel'], { cwd: dirname(file), timeoutMs: 10_000 }).trim();
    if (top) return top;
  } catch {
    /* not in a git work tree */
  }
  // A copy of a repository's .github folder outside git: the folder that holds `.github`.
  const github = file.lastIndexOf(`${sep}.github${sep}`);
  if (github > 0) return file.slice(0, github);
  return file.startsWith(cwd + sep) ? cwd : dirname(file);
}

/** `[DIR]` or `FILE…` (as pre-commit passes them): files must share one repository. */
export function targetsArg(args: ParsedArgs, cmd: string, cwd: string): Targets {
  const given = args.positionals.length ? args.positionals : ['.'];
  const abs = given.map((p) => resolve(cwd, p));
  const dirs = abs.filter((p, i) => isDirectory(p, given[i]!));
  if (dirs.length) {
    if (given.length > 1) throw new UsageError(`${cmd}: expected one directory or one or more files, got ${given.join(' ')}`);
    return { dir: abs[0]! };
  }
  // Real paths: git names its top level without symbolic links, and so does Repository.
  const real = abs.map((p) => realpathSync(p));
  const root = realpathSync(rootOf(real[0]!, realpathSync(cwd)));
  const files = real.map((p) => relative(root, p));
  const outside = files.find((f) => f.startsWith('..'));
  if (outside !== undefined) throw new UsageError(`${cmd}: the files must be in one repository (${given[files.indexOf(outside)]} is outside ${root})`);
  return { dir: root, files: files.map((f) => f.split(sep).join('/')) };
}
