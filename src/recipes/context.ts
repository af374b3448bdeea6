import { loadConfig } from '../config/config.js';
import type { Ledger, Milestone } from '../program/ledger.js';
import { milestoneStatus, type MilestoneStatus, type RecipeVerifier } from '../program/status.js';
import { ledgerPath, programRepository } from '../program/workspace.js';
import { parseLedger } from '../program/ledger-file.js';
import { ALL_RULES } from '../rules/index.js';
import { Repository } from '../services/repository.js';
import { loadRecipe } from './index.js';
import { OFFLINE, type Allowances, type Recipe, type RecipeContext } from './recipe.js';

export interface RecipeRunOptions {
  env: Record<string, string | undefined>;
  /** What verifications may do beyond groundwork's own checks; nothing unless asked. */
  allow?: Allowances;
  configPath?: string;
}

export function recipeContext(dir: string, opts: RecipeRunOptions): RecipeContext {
  const repo = Repository.open(dir);
  const config = loadConfig(
    repo.root,
    ALL_RULES.map((r) => r.id),
    opts.configPath,
  );
  return { repo, config, env: opts.env, allow: opts.allow ?? OFFLINE };
}

/** The status engine's bridge to the recipes: verify milestone `id` on the tree at `dir`, in-process. */
export function recipeVerifier(opts: RecipeRunOptions): RecipeVerifier {
  return async (id, dir) => {
    const recipe = await loadRecipe(id);
    return recipe ? recipe.verify(recipeContext(dir, opts)) : undefined;
  };
}

/** The ledger's milestone `id` when the repository has a ledger that defines it. */
function ledgerMilestone(dir: string, id: string, configured?: string): Milestone | undefined {
  let ledger: Ledger;
  try {
    const repo = programRepository(dir);
    const path = ledgerPath(repo, dir, undefined, configured);
    const text = repo.readIfPresent(path);
    if (text === undefined) return undefined;
    ledger = parseLedger(text, path);
  } catch {
    return undefined; // an unreadable ledger is `plan status`'s to report; the recipe still verifies
  }
  return ledger.milestones.find((m) => m.id === id);
}

/** A milestone made of the recipe alone, for a repository without a ledger. */
function recipeMilestone(recipe: Recipe): Milestone {
  return {
    id: recipe.id,
    title: recipe.title,
    aliases: [],
    blockers: [],
    soft: [],
    deliverables: recipe.deliverables,
    manual: [],
    verification: { kind: 'recipe', stated: `groundwork verify ${recipe.id}` },
    next: [],
    lines: {},
  };
}

/**
 * `groundwork verify MXX`: the milestone as the ledger states it (or as the recipe defines it when
 * there is no ledger), computed by the same function as each row of `plan status`, so the two agree.
 */
export async function verifyMilestone(dir: string, id: string, opts: RecipeRunOptions): Promise<{ recipe: Recipe; status: MilestoneStatus }> {
  const recipe = (await loadRecipe(id))!;
  const ctx = recipeContext(dir, opts);
  const m = ledgerMilestone(ctx.repo.root, id, ctx.config.section<{ ledger: string }>('plan').ledger) ?? recipeMilestone(recipe);
  const allow = opts.allow ?? OFFLINE;
  const status = await milestoneStatus(m, { root: ctx.repo.root, env: opts.env, runCommands: allow.commands, verifyRecipe: recipeVerifier(opts) });
  return { recipe, status };
}
