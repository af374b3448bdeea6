import { ALL_RULES } from '../../rules/index.js';
import type { CliIO } from '../io.js';
import { formatOpt, type Command, type ParsedArgs } from '../options.js';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'List every rule: id, capability, milestone, default severity and confidence, fixability.',
  usage: 'rules [--format text|json|markdown]',
  options: [{ name: 'format', type: 'string', short: 'f', value: 'FORMAT', description: 'output format', choices: ['text', 'json', 'markdown'] }],
  async run(args: ParsedArgs, io: CliIO) {
    const rules = [...ALL_RULES].sort((a, b) => (a.id < b.id ? -1 : 1));
    const format = formatOpt(args);
    if (format === 'json') {
      io.stdout(
        `${JSON.stringify(
          rules.map((r) => ({
            id: r.id,
            summary: r.summary,
            capability: r.capability,
            milestone: r.milestone,
            severity: r.defaultSeverity,
            confidence: r.defaultConfidence,
            fixable: r.fixable,
          })),
          null,
          2,
        )}\n`,
      );
    } else if (format === 'markdown') {
      io.stdout(
        [
          '| Rule | Capability | Milestone | Severity | Confidence | Fixable | Summary |',
          '|---|---|---|---|---|---|---|',
          ...rules.map(
            (r) =>
              `| [\`${r.id}\`](${r.id}.md) | ${r.capability} | ${r.milestone} | ${r.defaultSeverity} | ${r.defaultConfidence} | ${r.fixable} | ${r.summary} |`,
          ),
          '',
        ].join('\n'),
      );
    } else {
      const w = Math.max(...rules.map((r) => r.id.length), 4);
      io.stdout(
        `${rules.map((r) => `${r.id.padEnd(w)}  ${r.capability.padEnd(9)} ${r.milestone.padEnd(4)} ${r.defaultSeverity.padEnd(6)} ${r.fixable === 'never' ? '     ' : 'fix  '} ${r.summary}`).join('\n')}\n`,
      );
    }
    return 0;
  },
};
