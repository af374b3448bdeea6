import { loadConfig } from '../config/config.js';
import type { CliIO } from '../cli/io.js';
import type { RecipeVerifier } from '../program/status.js';
import { ALL_RULES } from '../rules/index.js';
import { Repository } from '../services/repository.js';
import { loadRecipe } from './index.js';
import type { CliRunner, RecipeContext } from './recipe.js';

/** The CLI entry point, passed in so recipes never import the command layer. */
export type MainFn = (argv: string[], io: CliIO) => Promise<number>;

/** Runs groundwork commands in-process with captured output; nothing reaches the user's terminal. */
export function inProcessCli(main: MainFn, io: CliIO): CliRunner {
  return async (argv, cwd) => {
    let stdout = '';
    let stderr = '';
    const code = await main(argv, { ...io, cwd: cwd ?? io.cwd, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdoutIsTTY: false, stderrIsTTY: false });
    return { code, stdout, stderr };
  };
}

export function recipeContext(dir: string, cli: CliRunner, env: Record<string, string | undefined>, configPath?: string): RecipeContext {
  const repo = Repository.open(dir);
  const config = loadConfig(repo.root, ALL_RULES.map((r) => r.id), configPath);
  return { repo, config, cli, env };
}

/** `plan status`'s bridge to the recipes: verify milestone `id` on the tree at `dir`. */
export function recipeVerifier(cli: CliRunner, env: Record<string, string | undefined>): RecipeVerifier {
  return async (id, dir) => {
    const recipe = await loadRecipe(id);
    if (!recipe) return undefined;
    const result = await recipe.verify(recipeContext(dir, cli, env));
    const failed = result.checks.filter((c) => !c.passed);
    return { passed: result.passed, detail: failed.length ? failed.map((c) => `${c.name}${c.detail ? ` (${c.detail})` : ''}`).join('; ') : result.checks.map((c) => c.name).join('; ') };
  };
}
