import type { RuleMeta } from '../core/rule.js';

export const unresolvedRef: RuleMeta = {
  id: 'unresolved-ref',
  summary: 'a reference could not be resolved in its repository',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'The ref (or the repository) does not exist where groundwork looked, so the workflow would fail, or it resolves somewhere other than you think (a renamed or deleted repository can be re-registered by someone else).',
    fix: 'Check the spelling of the repository and ref; with GitHub Enterprise or mirrors, point `--git-base` at the right server.',
    bad: '- uses: actions/chekout@v4',
    good: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
};
