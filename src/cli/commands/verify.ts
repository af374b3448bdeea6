import { resolve } from 'node:path';
import { verifyMilestone } from '../../recipes/context.js';
import type { MilestoneStatus } from '../../program/status.js';
import type { CliIO } from '../io.js';
import { allowOpt, CONFIG_OPTION, formatOpt, stringOpt, VERIFY_OPTIONS, type Command } from '../options.js';
import { milestoneArgs } from './apply.js';

/** The computed part passes; what is left is for a person to attest. A milestone that does not apply has nothing to fail. */
const PASSING = new Set<MilestoneStatus['status']>(['done', 'attested', 'needs-attestation', 'not-applicable']);

export const verifyCommand: Command = {
  name: 'verify',
  summary:
    "Run a milestone's verification (the ledger's, or the recipe's where the ledger's cannot prove the work or is not run): exit 0 when it passes, 1 when it does not or could not be run.",
  usage: 'verify MXX|ALIAS [DIR] [--run-verifications] [--online] [--format text|json]',
  options: [
    { name: 'format', type: 'string', short: 'f', value: 'FORMAT', description: 'output format', choices: ['text', 'json'] },
    CONFIG_OPTION,
    ...VERIFY_OPTIONS,
  ],
  async run(args, io: CliIO) {
    const { id, dir } = milestoneArgs(args, 'verify', io.cwd);
    const { recipe, status } = await verifyMilestone(resolve(io.cwd, dir), id, { env: io.env, allow: allowOpt(args), configPath: stringOpt(args, 'config') });
    const passed = PASSING.has(status.status);
    const checks = status.now?.checks ?? [];
    // The ledger states the manual steps in the seed's words; without a ledger, the recipe's.
    const manual = status.manual.length ? status.manual : (status.now?.manual ?? []);
    if (formatOpt(args) === 'json')
      io.stdout(
        `${JSON.stringify({ milestone: id, title: recipe.title, passed, status: status.status, reason: status.reason, verification: status.now?.what, checks, manual, deliverables: status.deliverables }, null, 2)}\n`,
      );
    else {
      const verdictWord = status.status === 'not-applicable' ? 'does not apply' : passed ? 'passes' : status.status === 'not-run' ? 'not verified' : 'fails';
      const lines = [`${id} ${recipe.title}: ${verdictWord} (${status.status}: ${status.reason})`];
      for (const c of checks)
        lines.push(`  ${c.notRun ? '–' : c.passed ? '✓' : '✗'} ${c.name}${c.notRun ? `: ${c.notRun}` : c.detail ? ` (${c.detail})` : ''}`);
      for (const d of status.deliverables.filter((x) => !x.exists && !checks.some((c) => c.name.startsWith(x.path))))
        lines.push(`  ✗ ${d.path} ${d.empty ? 'empty' : 'missing'}`);
      for (const m of manual) lines.push(`  ? ${m}: not computable; attest it in the ledger`);
      io.stdout(`${lines.join('\n')}\n`);
    }
    return passed ? 0 : 1;
  },
};
