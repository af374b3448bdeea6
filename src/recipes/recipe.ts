import { InputError } from '../core/errors.js';
import type { Config } from '../config/config.js';
import type { Repository } from '../services/repository.js';

/** The outcome of running one groundwork command in-process. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `groundwork <argv…>` in-process (the CLI's `main` with captured I/O), cwd = `cwd` or the repository. */
export type CliRunner = (argv: string[], cwd?: string) => Promise<CliRun>;

export interface RecipeContext {
  repo: Repository;
  config: Config;
  /** How recipes call other capabilities: through the command line, never their internals. */
  cli: CliRunner;
  env: Record<string, string | undefined>;
}

/** A file a recipe creates or rewrites; `before` is undefined for a new file. */
export interface FileChange {
  path: string;
  before?: string;
  after: string;
}

export interface ApplyResult {
  changes: FileChange[];
  notes: string[];
}

export interface VerifyCheck {
  name: string;
  passed: boolean;
  detail?: string;
}

export interface VerifyResult {
  passed: boolean;
  checks: VerifyCheck[];
  /** Steps only a person can confirm (branch protection): shown, attested in the ledger. */
  manual: string[];
}

/**
 * One seed action made executable: `apply` computes its deliverables as file changes (written by
 * `groundwork apply`, or shown as a patch with --dry-run), `verify` checks what the seed meant by
 * "done" and fails before the change.
 */
export interface Recipe {
  id: string;
  title: string;
  /** The seed's deliverable paths, for the ledger and for `plan status`. */
  deliverables: string[];
  apply(ctx: RecipeContext): Promise<ApplyResult>;
  verify(ctx: RecipeContext): Promise<VerifyResult>;
}

export function verdict(checks: VerifyCheck[], manual: string[] = []): VerifyResult {
  return { passed: checks.length > 0 && checks.every((c) => c.passed), checks, manual };
}

/** Reads a repository file's text, or undefined when it is missing or unreadable. */
export function readText(repo: Repository, path: string): string | undefined {
  const r = repo.read(path);
  return r.ok ? r.file.text : undefined;
}

/** A change for `path`, or nothing when the file already has exactly that content. */
export function changeTo(repo: Repository, path: string, after: string): FileChange[] {
  const before = readText(repo, path);
  return before === after ? [] : [{ path, before, after }];
}

export function fileCheck(repo: Repository, path: string): VerifyCheck {
  const exists = readText(repo, path) !== undefined;
  return { name: `${path} exists`, passed: exists, detail: exists ? undefined : 'missing' };
}

/** A capability the recipe delegates to failed (exit 2 or 3): its own message, as an input error. */
export function delegatedFailure(command: string, run: CliRun): InputError {
  const why = (run.stderr || run.stdout).trim().replace(/^groundwork: /gm, '');
  return new InputError(`groundwork ${command} failed (exit ${run.code}): ${why}`);
}
