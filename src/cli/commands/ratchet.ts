import { resolve } from 'node:path';
import { collectAllFindings } from '../../audit/collect.js';
import { loadConfig } from '../../config/config.js';
import { InputError, UsageError } from '../../core/errors.js';
import { ratchetCheck } from '../../program/audit-api.js';
import { buildBaseline, DEFAULT_RATCHET_PATH, parseBaseline, serializeBaseline } from '../../program/ratchet.js';
import { writeInRepo } from '../../program/workspace.js';
import { ALL_RULES } from '../../rules/index.js';
import { Repository } from '../../services/repository.js';
import { VERSION } from '../../version.js';
import { emitReport } from '../emit.js';
import type { CliIO } from '../io.js';
import { boolOpt, dirArg, REPORTING_OPTIONS, stringOpt, type Command } from '../options.js';

export const ratchetCommand: Command = {
  name: 'ratchet',
  summary:
    "Count every capability's findings per rule and file against a committed baseline (refactor/ratchet.json): --check fails when a count rises or fell without the baseline being tightened; --update tightens it.",
  usage: 'ratchet [DIR] [--check | --update] [--baseline FILE] [--format text|json|sarif|github|markdown]',
  options: [
    ...REPORTING_OPTIONS,
    { name: 'check', type: 'boolean', description: 'compare with the baseline (the default)' },
    { name: 'update', type: 'boolean', description: 'write the baseline from the current findings' },
    {
      name: 'baseline',
      type: 'string',
      value: 'FILE',
      description: `baseline file, relative to DIR (default plan.ratchet in groundwork.yml, or ${DEFAULT_RATCHET_PATH})`,
    },
  ],
  async run(args, io: CliIO) {
    if (boolOpt(args, 'check') && boolOpt(args, 'update')) throw new UsageError('ratchet: use --check or --update, not both');
    const repo = Repository.open(resolve(io.cwd, dirArg(args, 'ratchet')));
    const config = loadConfig(
      repo.root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const path = stringOpt(args, 'baseline') ?? config.section<{ ratchet: string }>('plan').ratchet ?? DEFAULT_RATCHET_PATH;
    // The baseline is a repository file, read and written there only; refused before any work.
    repo.writeTarget(path);
    const before = repo.readIfPresent(path);
    const old = before === undefined ? undefined : parseBaseline(before, path);
    const findings = await collectAllFindings(repo, config);
    if (boolOpt(args, 'update')) {
      const next = buildBaseline(findings, `groundwork ${VERSION}`);
      const text = serializeBaseline(next);
      if (before !== text) writeInRepo(repo, path, text);
      const rules = Object.keys(next.rules).length;
      const files = new Set(Object.values(next.rules).flatMap((r) => Object.keys(r.files))).size;
      if (!boolOpt(args, 'quiet'))
        io.stderr(`${path}: ${next.total} finding(s) in ${rules} rule(s) across ${files} file(s)${old ? ` (was ${old.total})` : ' (new baseline)'}\n`);
      return 0;
    }
    if (!old) throw new InputError(`${path}: no ratchet baseline; create it with 'groundwork ratchet --update' and commit it`);
    const result = ratchetCheck(repo, config, findings, path);
    const notes = [
      `baseline ${path}: ${old.total} finding(s); now ${findings.length}; ${result.rises.length} rise(s), ${result.falls.length} fall(s) not yet recorded`,
    ];
    return emitReport({ version: VERSION, findings: result.findings, rules: ALL_RULES, notes, title: 'Ratchet check' }, args, io, config.failOn);
  },
};
