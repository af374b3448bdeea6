import { resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { UsageError, InputError } from '../../core/errors.js';
import { ALL_RULES } from '../../rules/index.js';
import { Repository } from '../../services/repository.js';
import { loadParser } from '../../sources/tree-sitter.js';
import { analyse, ScriptCache } from '../../workflows/analysis.js';
import { checkWorkflows } from '../../workflows/check.js';
import { explainLine } from '../../workflows/explain.js';
import { ModelCache } from '../../workflows/model-cache.js';
import { printable } from '../../core/printable.js';
import type { CliIO } from '../io.js';
import { CONFIG_OPTION, stringOpt, type Command } from '../options.js';

export const explainCommand: Command = {
  name: 'explain',
  summary:
    'Show how a failure at FILE:LINE of a workflow or action propagates: script → step → job → run, with the findings on that step; or what a rule (RULE-ID) looks for.',
  usage: 'explain FILE:LINE [--repo DIR] | explain RULE-ID',
  options: [{ name: 'repo', type: 'string', value: 'DIR', description: 'repository root (default: the current directory)' }, CONFIG_OPTION],
  async run(args, io: CliIO) {
    const target = args.positionals[0];
    // `explain errexit-disabled`: the rule's own page, from the metadata the docs are made of.
    const rule = ALL_RULES.find((r) => r.id === target);
    if (rule && args.positionals.length === 1) {
      const { docs } = rule;
      io.stdout(
        `${[
          `${rule.id} (${rule.capability}, ${rule.milestone}; default ${rule.defaultSeverity}, confidence ${rule.defaultConfidence}${rule.fixable === 'never' ? '' : ', sometimes fixable'})`,
          rule.summary,
          '',
          `Why: ${docs.why}`,
          '',
          `Fix: ${docs.fix}`,
          '',
          `Bad:\n${docs.bad.trimEnd()}`,
          '',
          `Good:\n${docs.good.trimEnd()}`,
          '',
          `More: docs/rules/${rule.id}.md`,
        ].join('\n')}\n`,
      );
      return 0;
    }
    const m = target ? /^(.+):(\d+)$/.exec(target) : null;
    if (!m || args.positionals.length > 1)
      throw new UsageError('explain: expected FILE:LINE (e.g. .github/workflows/ci.yml:27) or a rule id (groundwork rules lists them)');
    const repo = Repository.open(resolve(io.cwd, stringOpt(args, 'repo') ?? '.'));
    const path = resolve(io.cwd, m[1]!).startsWith(repo.root + '/') ? resolve(io.cwd, m[1]!).slice(repo.root.length + 1) : m[1]!;
    const read = repo.read(path);
    if (!read.ok) throw new InputError(`${path}: ${read.message}`);
    const models = new ModelCache();
    const model = models.parse(read.file);
    if (model.problems.length) throw new InputError(`${path}: not valid YAML: ${model.problems[0]!.message}`);
    const config = loadConfig(
      repo.root,
      ALL_RULES.map((r) => r.id),
      stringOpt(args, 'config'),
    );
    const findings = (await checkWorkflows({ repo, config, files: [path], parallel: false, models })).findings;
    const bash = await loadParser('bash');
    const explanation = explainLine(analyse(model, new ScriptCache(bash)), Number(m[2]), findings);
    bash.delete();
    if (!explanation) throw new UsageError(`explain: line ${m[2]} of ${path} is not inside a job`);
    io.stdout(`${explanation.lines.map(printable).join('\n')}\n`);
    return explanation.loud ? 0 : 1;
  },
};
