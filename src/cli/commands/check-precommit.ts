import { relative, resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { readRegularText } from '../../services/regular-file.js';
import { checkPrecommitConfig } from '../../precommit/validate.js';
import { toPosix } from '../../program/workspace.js';
import { ALL_RULES } from '../../rules/index.js';
import { sourceFile } from '../../sources/source-file.js';
import { VERSION } from '../../version.js';
import { emitReport } from '../emit.js';
import type { CliIO } from '../io.js';
import { REPORTING_OPTIONS, stringOpt, type Command } from '../options.js';

export const checkPrecommitCommand: Command = {
  name: 'check-precommit',
  summary:
    'Validate a .pre-commit-config.yaml more strictly than `pre-commit validate-config`: unknown keys at every level, mutable revs, legacy stage names, regexes that do not compile, wrong types (M13).',
  usage: 'check-precommit [FILE …] [--format text|json|sarif|github|markdown]',
  options: [...REPORTING_OPTIONS],
  async run(args, io: CliIO) {
    const files = args.positionals.length ? args.positionals : ['.pre-commit-config.yaml'];
    if (files.some((f) => f.startsWith('-'))) throw new UsageError(`check-precommit: unexpected option ${files.find((f) => f.startsWith('-'))}`);
    const config = loadConfig(
      io.cwd,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const findings = files.flatMap((f) => {
      const text = readRegularText(resolve(io.cwd, f), f);
      const shown = toPosix(relative(io.cwd, resolve(io.cwd, f))) || f;
      return checkPrecommitConfig(sourceFile(shown, text.replace(/^\uFEFF/, '')));
    });
    return emitReport({ version: VERSION, findings, rules: ALL_RULES, title: 'pre-commit configuration check' }, args, io, config.failOn);
  },
};
