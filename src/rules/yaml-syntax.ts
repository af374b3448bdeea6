import type { RuleMeta } from '../core/rule.js';

export const yamlSyntax: RuleMeta = {
  id: 'yaml-syntax',
  summary: 'a YAML file does not parse (or is an alias bomb)',
  capability: 'input',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'GitHub refuses a workflow that is not valid YAML, so none of its jobs run: the checks it should perform silently disappear from pull requests. Files with thousands of aliases are refused as possible alias bombs.',
    fix: 'Fix the syntax error at the reported line (often indentation or an unquoted `:`).',
    bad: 'jobs:\n  test:\n    runs-on: ubuntu-latest\n   steps: []',
    good: 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []',
  },
};
