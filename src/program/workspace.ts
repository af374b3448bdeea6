import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { gitSync } from '../services/git.js';
import { Repository } from '../services/repository.js';
import { parseLedger } from './ledger-file.js';
import { DEFAULT_LEDGER_PATH, type Ledger } from './ledger.js';

/** The repository a `plan` command works on: the git work tree around `cwd`, else `cwd` itself. */
export function programRepository(cwd: string): Repository {
  try {
    const top = gitSync(['rev-parse', '--show-toplevel'], { cwd, timeoutMs: 10_000 }).trim();
    if (top) return Repository.open(top);
  } catch {
    /* not a git work tree: the directory itself */
  }
  return Repository.open(cwd);
}

/** The ledger path relative to the root: --ledger (relative to cwd), groundwork.yml plan.ledger, or refactor/plan.yml. */
export function ledgerPath(repo: Repository, cwd: string, explicit?: string, configured?: string): string {
  if (explicit) return toPosix(relative(repo.root, resolve(cwd, explicit)));
  return configured ?? DEFAULT_LEDGER_PATH;
}

export function loadLedger(repo: Repository, path: string): Ledger {
  const abs = repo.abs(path);
  if (!existsSync(abs)) throw new InputError(`${path}: no ledger; create it with 'groundwork plan import FILE.md' (or pass --ledger)`);
  return parseLedger(readFileSync(abs, 'utf8'), path);
}

/** The source document's lines, when the ledger names one that can still be read. */
export function sourceLinesOf(repo: Repository, ledger: Ledger): string[] | undefined {
  if (!ledger.source) return undefined;
  const abs = isAbsolute(ledger.source) ? ledger.source : join(repo.root, ledger.source);
  try {
    return readFileSync(abs, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

export function writeInRepo(repo: Repository, path: string, text: string): void {
  mkdirSync(dirname(repo.abs(path)), { recursive: true });
  repo.writeAtomic(path, text);
}

export function toPosix(p: string): string {
  return p.split('\\').join('/');
}
