import { resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { atOrAbove } from '../../core/engine.js';
import { ALL_RULES } from '../../rules/index.js';
import { Repository } from '../../services/repository.js';
import { printable } from '../../core/printable.js';
import { writeOutputFile } from '../output-file.js';
import { unifiedPatch } from '../patch.js';
import { ruleIdsOpt } from '../rule-option.js';
import { renderFixSummary } from '../../workflows/fix-summary.js';
import { fixWorkflows } from '../../workflows/fix.js';
import type { CliIO } from '../io.js';
import { boolOpt, CONFIG_OPTION, dirArg, FAIL_ON_OPTION, failOnOpt, QUIET_OPTION, stringOpt, type Command } from '../options.js';

export const fixCommand: Command = {
  name: 'fix',
  summary:
    'Make hidden failures loud (M04): drop continue-on-error from test/build/lint steps, set shell: bash where a pipe hides a failure, remove a masking || true. Only high and medium findings are changed; files are written atomically and only if they still parse.',
  usage: 'fix [DIR] [--dry-run] [--rule ID]…',
  options: [
    { name: 'dry-run', type: 'boolean', short: 'n', description: 'print a unified diff and write nothing (exit 1 when something would change)' },
    { name: 'rule', type: 'string', multiple: true, value: 'ID', description: 'only fixes of this rule (repeatable)' },
    {
      name: 'summary',
      type: 'string',
      value: 'FILE',
      output: true,
      description: 'also write what was fixed as markdown (M04: docs/refactor/milestones/M04/M04_summary.md)',
    },
    CONFIG_OPTION,
    FAIL_ON_OPTION,
    QUIET_OPTION,
  ],
  async run(args, io: CliIO) {
    const repo = Repository.open(resolve(io.cwd, dirArg(args, 'fix')));
    const config = loadConfig(
      repo.root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const only = ruleIdsOpt(args, 'fix') ?? [];
    const dryRun = boolOpt(args, 'dry-run');
    const result = await fixWorkflows({ repo, config, only: only.length ? only : undefined, dryRun });
    if (dryRun) {
      for (const c of result.changes) io.stdout(unifiedPatch(`a/${c.path}`, `b/${c.path}`, c.before, c.after, 3));
    } else if (!boolOpt(args, 'quiet')) {
      for (const c of result.changes) {
        io.stdout(`${printable(c.path)}\n${c.applied.map((f) => `  ${f.line}:${f.column} fixed ${f.ruleId}: ${printable(f.fix!.title)}\n`).join('')}`);
      }
    }
    const summary = stringOpt(args, 'summary');
    if (summary && !dryRun) {
      // The summary counts what is left to fix; `never` changes only the exit code.
      const threshold = failOnOpt(args, config.failOn);
      writeOutputFile(resolve(io.cwd, summary), renderFixSummary(result, threshold === 'never' ? 'medium' : threshold));
    }
    for (const r of result.rejected)
      io.stderr(`groundwork: fix dropped in ${printable(r.path)}: ${printable(r.fix.title)}: its result was refused (${printable(r.reason)})\n`);
    const remaining = atOrAbove(result.after.findings, failOnOpt(args, config.failOn));
    if (!boolOpt(args, 'quiet')) {
      const fixed = result.changes.reduce((n, c) => n + c.applied.length, 0);
      io.stderr(
        `${dryRun ? 'would fix' : 'fixed'} ${fixed} finding(s) in ${result.changes.length} file(s); ${remaining.length} finding(s) at or above ${failOnOpt(args, config.failOn)} remain${remaining.length ? " (run 'groundwork check')" : ''}\n`,
      );
    }
    if (dryRun) return result.changes.length > 0 ? 1 : 0;
    return remaining.length > 0 ? 1 : 0;
  },
};
