import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import type { Config } from '../config/config.js';
import type { GeneratedFile } from '../init/generator.js';
import type { Repository } from '../services/repository.js';

/**
 * What a verification may do beyond reading the tree and running groundwork's own checks (an
 * `apply` the user asked for may use what its capability needs: M06 resolves tags online). Both are
 * off unless the user asks (`--run-verifications`, `--online`): a status or a verification must
 * never run the repository's code or reach the network by surprise.
 */
export interface Allowances {
  /** Run the repository's code: the ledger's commands, a generated test. */
  commands: boolean;
  /** Reach the network: upstream releases, OSV. */
  network: boolean;
}

export const OFFLINE: Allowances = { commands: false, network: false };

export interface RecipeContext {
  repo: Repository;
  config: Config;
  /** The user's environment, for the commands a verification runs when allowed. */
  env: Record<string, string | undefined>;
  allow: Allowances;
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
  /** Set when the check was not run, with what it needs ("needs --run-verifications"); `passed` is then false. */
  notRun?: string;
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
  /** Why the milestone does not apply to this repository (its target does not exist); undefined when it does. */
  notApplicable?(ctx: RecipeContext): Promise<string | undefined>;
}

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** The reason shared by the milestones about GitHub Actions workflows, when the repository has none. */
export function noWorkflows(ctx: RecipeContext): string | undefined {
  return ctx.repo.files().some((f) => WORKFLOW_FILE.test(f)) ? undefined : 'the repository has no GitHub Actions workflow (.github/workflows/*.yml)';
}

/** A check that was skipped because it needs what the user did not allow: never a pass. */
export function notRunCheck(name: string, needs: string): VerifyCheck {
  return { name, passed: false, notRun: `not run (needs ${needs})` };
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

/** Changes for generated files; a YAML file whose data is already the same (a re-quoted scalar) is no change. */
export function changesFor(repo: Repository, files: readonly GeneratedFile[]): FileChange[] {
  return files.flatMap((f) => {
    const before = readText(repo, f.path);
    return before === f.content || sameYaml(f.path, before, f.content) ? [] : [{ path: f.path, before, after: f.content }];
  });
}

function sameYaml(path: string, before: string | undefined, after: string): boolean {
  if (before === undefined || !/\.ya?ml$/.test(path)) return false;
  try {
    return isDeepStrictEqual(parse(before), parse(after));
  } catch {
    return false;
  }
}
