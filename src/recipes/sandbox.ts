import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readRegularBytes } from '../services/regular-file.js';
import type { CliRun, FileChange, RecipeContext } from './recipe.js';
import { readText } from './recipe.js';

/** What a delegated command changed, and how it ran (for its error message). */
export interface Delegated {
  changes: FileChange[];
  run: CliRun;
}

/**
 * Runs a capability that rewrites files in place (fix, pin) on a scratch copy of the files it
 * reads, and returns what it changed: the same result serves `apply` and `apply --dry-run`, and
 * the user's tree is only written by `groundwork apply` itself.
 */
export async function changesFromSandbox(
  ctx: RecipeContext,
  copy: (path: string) => boolean,
  argv: (dir: string) => string[],
  /** Looks at the changed copy before it is removed. */
  inspect?: (dir: string) => Promise<void>,
  /** Files the command creates (a mapping file), read back even though they were not copied. */
  produces: string[] = [],
): Promise<Delegated> {
  const dir = mkdtempSync(join(tmpdir(), 'groundwork-sandbox-'));
  try {
    const files = ctx.repo.files().filter(copy);
    for (const f of files) {
      const to = join(dir, f);
      mkdirSync(dirname(to), { recursive: true });
      cpSync(ctx.repo.abs(f), to);
    }
    const run = await ctx.cli(argv(dir), dir);
    await inspect?.(dir);
    const changes: FileChange[] = [];
    for (const f of [...new Set([...files, ...produces])]) {
      const after = regularText(join(dir, f));
      const before = readText(ctx.repo, f);
      if (after !== undefined && after !== before) changes.push({ path: f, before, after });
    }
    return { changes, run };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Workflows, local actions and groundwork's configuration: what the workflow capabilities read. */
export function isCiFile(path: string): boolean {
  return path.startsWith('.github/') || /(^|\/)action\.ya?ml$/.test(path) || path === 'groundwork.yml';
}

/**
 * Runs a capability that writes known paths of the repository itself (smoke --write-test,
 * sbom --write), then puts those paths back as they were and returns the new contents as changes,
 * so that `apply --dry-run` leaves the tree as it found it.
 */
export async function captureWrites(ctx: RecipeContext, paths: string[], argv: string[]): Promise<Delegated> {
  const before = new Map(paths.map((p) => [p, readText(ctx.repo, p)]));
  let run: CliRun | undefined;
  const changes: FileChange[] = [];
  try {
    run = await ctx.cli(argv);
    for (const p of paths) {
      const abs = ctx.repo.abs(p);
      const after = regularText(abs);
      if (after !== undefined && after !== before.get(p)) changes.push({ path: p, before: before.get(p), after });
    }
  } finally {
    for (const [p, text] of before) {
      if (text === undefined) removeWithEmptyParents(ctx.repo.root, p);
      else if (readText(ctx.repo, p) !== text) ctx.repo.writeAtomic(p, text);
    }
  }
  return { changes, run: run! };
}

/** The files `groundwork init NAME --dry-run` prints as `--- path` followed by the content. */
export function parseInitDryRun(stdout: string): { path: string; content: string }[] {
  const out: { path: string; content: string }[] = [];
  const parts = stdout.split(/^--- (.+)\n/m);
  for (let i = 1; i + 1 < parts.length; i += 2) out.push({ path: parts[i]!.trim(), content: parts[i + 1]! });
  return out;
}

/** Changes for the files an init generator would write. */
export async function changesFromInit(ctx: RecipeContext, name: string): Promise<Delegated> {
  const run = await ctx.cli(['init', name, ctx.repo.root, '--dry-run']);
  const changes = parseInitDryRun(run.stdout).flatMap((f) => {
    const before = readText(ctx.repo, f.path);
    return before === f.content || sameYaml(f.path, before, f.content) ? [] : [{ path: f.path, before, after: f.content }];
  });
  return { changes, run };
}

/** A generator that re-quotes a scalar on its second run changes nothing that matters: no change. */
function sameYaml(path: string, before: string | undefined, after: string): boolean {
  if (before === undefined || !/\.ya?ml$/.test(path)) return false;
  try {
    return isDeepStrictEqual(parse(before), parse(after));
  } catch {
    return false;
  }
}

/** Removes a file the command created, and the folders it created for it once they are empty. */
function removeWithEmptyParents(root: string, path: string): void {
  rmSync(join(root, path), { force: true });
  const parts = path.split('/').slice(0, -1);
  while (parts.length) {
    const dir = join(root, ...parts);
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return; // already gone or not ours to remove
    }
    parts.pop();
  }
}

/** A file's text when it is a regular file; a FIFO or device copied from the repository is never read (it could block). */
function regularText(abs: string): string | undefined {
  if (!existsSync(abs)) return undefined;
  const r = readRegularBytes(abs);
  return r.ok ? r.bytes.toString('utf8') : undefined;
}
