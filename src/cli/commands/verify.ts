import { resolve } from 'node:path';
import { inProcessCli, recipeContext } from '../../recipes/context.js';
import { loadRecipe } from '../../recipes/index.js';
import type { CliIO } from '../io.js';
import { CONFIG_OPTION, formatOpt, stringOpt, type Command } from '../options.js';
import { milestoneArgs } from './apply.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: "Run a milestone's verification as its recipe defines it: exit 0 when it passes, 1 when it does not (it must fail before the change).",
  usage: 'verify MXX|ALIAS [DIR] [--format text|json]',
  options: [{ name: 'format', type: 'string', short: 'f', value: 'FORMAT', description: 'output format', choices: ['text', 'json'] }, CONFIG_OPTION],
  async run(args, io: CliIO) {
    const { id, dir } = milestoneArgs(args, 'verify', io.cwd);
    const cli = inProcessCli((await import('../main.js')).main, io);
    const ctx = recipeContext(resolve(io.cwd, dir), cli, io.env, stringOpt(args, 'config'));
    const recipe = (await loadRecipe(id))!;
    const result = await recipe.verify(ctx);
    if (formatOpt(args) === 'json') io.stdout(`${JSON.stringify({ milestone: id, title: recipe.title, ...result }, null, 2)}\n`);
    else {
      const lines = [`${id} ${recipe.title}: ${result.passed ? 'passes' : 'fails'}`];
      for (const c of result.checks) lines.push(`  ${c.passed ? '✓' : '✗'} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
      for (const m of result.manual) lines.push(`  ? ${m}: not computable; attest it in the ledger`);
      io.stdout(`${lines.join('\n')}\n`);
    }
    return result.passed ? 0 : 1;
  },
};
