import type { RuleMeta } from '../core/rule.js';

const CAPABILITY_TITLE: Record<RuleMeta['capability'], string> = {
  input: 'Inputs and directives',
  workflows: 'Workflow audit (silent failures)',
  pinning: 'Action pinning',
  sbom: 'SBOM of vendored code',
  deps: 'Upstream and vulnerability audit',
  smoke: 'Import smoke check',
  plan: 'Program engine',
  precommit: 'Pre-commit configuration',
};

/** docs/rules/<id>.md, generated from the rule's metadata only. */
export function ruleDoc(meta: RuleMeta): string {
  const fence = (s: string) => `\`\`\`${s.trimStart().startsWith('-') || /^\w[\w-]*:/.test(s) ? 'yaml' : ''}\n${s}\n\`\`\``;
  return [
    `<!-- Generated from the rule's metadata by \`npm run docs\`; edit src/rules/${meta.id}.ts instead. -->`,
    `# \`${meta.id}\``,
    '',
    `${meta.summary[0]!.toUpperCase()}${meta.summary.slice(1)}.`,
    '',
    '| | |',
    '|---|---|',
    `| Capability | ${CAPABILITY_TITLE[meta.capability]} |`,
    `| Milestone | ${meta.milestone} |`,
    `| Default severity | ${meta.defaultSeverity} |`,
    `| Default confidence | ${meta.defaultConfidence} |`,
    `| Automatic fix | ${meta.fixable === 'never' ? 'no' : 'yes, for high and medium findings (`groundwork fix`)'} |`,
    '',
    '## Why it matters',
    '',
    meta.docs.why,
    '',
    '## How to fix it',
    '',
    meta.docs.fix,
    '',
    '## Example',
    '',
    'Reported:',
    '',
    fence(meta.docs.bad),
    '',
    'Not reported:',
    '',
    fence(meta.docs.good),
    '',
    '## Configuration',
    '',
    'In `groundwork.yml` (or `.github/groundwork.yml`):',
    '',
    '```yaml',
    'rules:',
    `  ${meta.id}: off        # or a severity: info | low | medium | high`,
    '```',
    '',
    `Inline, on the line or the line above: \`# groundwork: ignore[${meta.id}] <reason>\`.`,
    '',
  ].join('\n');
}

/** docs/rules/README.md: the index of every rule. */
export function ruleIndex(rules: readonly RuleMeta[]): string {
  const sorted = [...rules].sort((a, b) => (a.capability < b.capability ? -1 : a.capability > b.capability ? 1 : a.id < b.id ? -1 : 1));
  const out = [
    '<!-- Generated from rule metadata by `npm run docs`. -->',
    '# Rules',
    '',
    `groundwork has ${rules.length} rules. \`groundwork rules\` prints the same list.`,
    '',
  ];
  let current = '';
  for (const r of sorted) {
    if (r.capability !== current) {
      current = r.capability;
      out.push('', `## ${CAPABILITY_TITLE[r.capability]}`, '', '| Rule | Milestone | Severity | Confidence | Fix | Summary |', '|---|---|---|---|---|---|');
    }
    out.push(
      `| [\`${r.id}\`](${r.id}.md) | ${r.milestone} | ${r.defaultSeverity} | ${r.defaultConfidence} | ${r.fixable === 'never' ? '' : 'yes'} | ${r.summary.replace(/\|/g, '\\|')} |`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Every generated doc file, path → content. */
export function allRuleDocs(rules: readonly RuleMeta[]): Map<string, string> {
  const files = new Map<string, string>([['docs/rules/README.md', ruleIndex(rules)]]);
  for (const r of rules) files.set(`docs/rules/${r.id}.md`, ruleDoc(r));
  return files;
}
