import { resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { UsageError } from '../../core/errors.js';
import { DEFAULT_LEDGER_PATH, resolveMilestoneId } from '../../program/ledger.js';
import { loadLedger, programRepository, writeInRepo } from '../../program/workspace.js';
import { recipeContext } from '../../recipes/context.js';
import { loadRecipe, RECIPES } from '../../recipes/index.js';
import type { CliIO } from '../io.js';
import { boolOpt, CONFIG_OPTION, QUIET_OPTION, stringOpt, type Command, type ParsedArgs } from '../options.js';

/** `MXX` (any case) or an alias the ledger knows ("Action 5"), then an optional directory. */
export function milestoneArgs(args: ParsedArgs, cmd: string, cwd: string): { id: string; dir: string } {
  const [name, dir = '.', ...extra] = args.positionals;
  const ids = Object.keys(RECIPES);
  if (!name) throw new UsageError(`${cmd}: expected a milestone, one of ${ids.join(', ')}`);
  if (extra.length) throw new UsageError(`${cmd}: unexpected argument '${extra[0]}'`);
  const id = ids.includes(name.toUpperCase()) ? name.toUpperCase() : aliasOf(name, resolve(cwd, dir));
  if (!id || !ids.includes(id)) throw new UsageError(`${cmd}: no recipe for '${name}'; recipes exist for ${ids.join(', ')}`);
  return { id, dir };
}

function aliasOf(name: string, dir: string): string | undefined {
  try {
    const repo = programRepository(dir);
    return resolveMilestoneId(loadLedger(repo, DEFAULT_LEDGER_PATH), name);
  } catch {
    return undefined; // no ledger: only ids are known
  }
}

export const applyCommand: Command = {
  name: 'apply',
  summary: "Apply a milestone's recipe: produce its deliverables at the seed's paths, written to the tree or shown as a patch with --dry-run.",
  usage: 'apply MXX|ALIAS [DIR] [--dry-run]',
  options: [{ name: 'dry-run', type: 'boolean', short: 'n', description: 'print a unified diff, write nothing' }, CONFIG_OPTION, QUIET_OPTION],
  async run(args, io: CliIO) {
    const { id, dir } = milestoneArgs(args, 'apply', io.cwd);
    // Verifications a recipe runs while applying (M02's statuses) stay offline and run no command.
    const ctx = recipeContext(resolve(io.cwd, dir), { env: io.env, configPath: stringOpt(args, 'config') });
    const recipe = (await loadRecipe(id))!;
    const result = await recipe.apply(ctx);
    const dryRun = boolOpt(args, 'dry-run');
    for (const c of result.changes) {
      if (dryRun)
        io.stdout(
          createTwoFilesPatch(c.before === undefined ? '/dev/null' : `a/${c.path}`, `b/${c.path}`, c.before ?? '', c.after, '', '', { context: 3 }).replace(
            /^=+\n/,
            '',
          ),
        );
      else writeInRepo(ctx.repo, c.path, c.after);
    }
    if (!boolOpt(args, 'quiet')) {
      const verb = dryRun ? 'would write' : 'wrote';
      io.stderr(
        result.changes.length
          ? `${id} ${recipe.title}: ${verb} ${result.changes.map((c) => c.path).join(', ')}\n`
          : `${id} ${recipe.title}: nothing to change\n`,
      );
      for (const n of result.notes) io.stderr(`note: ${n}\n`);
      if (!dryRun && result.changes.length) io.stderr(`next: groundwork verify ${id}\n`);
    }
    return 0;
  },
};
