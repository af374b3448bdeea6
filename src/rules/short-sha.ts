import type { RuleMeta } from '../core/rule.js';

export const shortSha: RuleMeta = {
  id: 'short-sha',
  summary: 'a reference is an abbreviated commit SHA',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'The runner refuses shortened SHAs, and a 7-hex prefix is cheap to collide with an attacker-made commit in the fork network.',
    fix: 'Run `groundwork pin`: it expands the prefix to the full commit (only if a branch or tag of that repository reaches it) and adds the version comment.',
    bad: '- uses: actions/checkout@11bd719',
    good: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
};
