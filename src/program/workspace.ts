import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { gitSync } from '../services/git.js';
import { Repository } from '../services/repository.js';
import { parseLedger } from './ledger-file.js';
import { DEFAULT_LEDGER_PATH, type Ledger } from './ledger.js';

/**
 * The repository a `plan` command works on: the nearest directory from `cwd` up to the top of its
 * git work tree that has a ledger or a groundwork.yml (a program inside a monorepo folder), else
 * the top of the work tree, else `cwd` itself.
 */
export function programRepository(cwd: string): Repository {
  let top: string | undefined;
  try {
    top = gitSync(['rev-parse', '--show-toplevel'], { cwd, timeoutMs: 10_000 }).trim() || undefined;
  } catch {
    top = undefined; // not a git work tree
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, DEFAULT_LEDGER_PATH)) || existsSync(join(dir, 'groundwork.yml'))) return Repository.open(dir);
    if (!top || dir === top || dirname(dir) === dir) break;
  }
  return Repository.open(top ?? cwd);
}

/** The ledger path relative to the root: --ledger (relative to cwd), groundwork.yml plan.ledger, or refactor/plan.yml. */
export function ledgerPath(repo: Repository, cwd: string, explicit?: string, configured?: string): string {
  if (explicit) return toPosix(relative(repo.root, resolve(cwd, explicit)));
  return configured ?? DEFAULT_LEDGER_PATH;
}

export function loadLedger(repo: Repository, path: string): Ledger {
  const text = repo.readIfPresent(path);
  if (text === undefined) throw new InputError(`${path}: no ledger; create it with 'groundwork plan import FILE.md' (or pass --ledger)`);
  return parseLedger(text, path);
}

/** Where the source document is: `source` is stored relative to the ledger's folder, like a link. */
export function sourcePath(repo: Repository, ledgerPath: string, ledger: Ledger): string | undefined {
  if (!ledger.source) return undefined;
  return isAbsolute(ledger.source) ? ledger.source : resolve(dirname(repo.abs(ledgerPath)), ledger.source);
}

/** The source document as findings name it: relative to the repository root. */
export function sourceDisplay(repo: Repository, ledgerPath: string, ledger: Ledger): string {
  const abs = sourcePath(repo, ledgerPath, ledger);
  return abs ? toPosix(relative(repo.root, abs)) : ledgerPath;
}

/** The source document's lines, when the ledger names one that can still be read. */
export function sourceLinesOf(repo: Repository, ledgerPath: string, ledger: Ledger): string[] | undefined {
  const abs = sourcePath(repo, ledgerPath, ledger);
  if (!abs) return undefined;
  // Only a document inside the repository, read as a regular file: a ledger may name any path.
  const r = repo.contains(abs) ? repo.read(toPosix(relative(repo.root, abs))) : undefined;
  return r?.ok ? r.file.text.split(/\r?\n/) : undefined;
}

/** Writes inside the repository only; the folders are created after the path is checked, never before. */
export function writeInRepo(repo: Repository, path: string, text: string): void {
  repo.writeAtomic(path, text);
}

export function toPosix(p: string): string {
  return p.split('\\').join('/');
}

/** The repository's name for titles: its origin's last path component (`fmt` of …/fmtlib/fmt.git), else its folder's name. */
export function repositoryName(repo: Repository): string {
  try {
    const url = gitSync(['config', '--get', 'remote.origin.url'], { cwd: repo.root, timeoutMs: 5000 }).trim();
    const name = url
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .split(/[/:]/)
      .pop();
    if (name) return name;
  } catch {
    // no origin (a fresh `git init`), or not a git work tree
  }
  return basename(repo.root);
}

/** The short commit of HEAD, or undefined outside git or before the first commit. */
export function headCommit(repo: Repository): string | undefined {
  try {
    return gitSync(['rev-parse', '--short', 'HEAD'], { cwd: repo.root, timeoutMs: 5000 }).trim() || undefined;
  } catch {
    return undefined;
  }
}
