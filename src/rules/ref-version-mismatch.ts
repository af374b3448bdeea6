import type { RuleMeta } from '../core/rule.js';

export const refVersionMismatch: RuleMeta = {
  id: 'ref-version-mismatch',
  summary: 'the version comment disagrees with the tags on the pinned commit',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'medium',
  fixable: 'sometimes',
  docs: {
    why: 'Reviewers and update bots trust the comment: if it says v4.2.2 but the SHA is another commit, the code that runs is not the release anyone reviewed.',
    fix: 'Re-pin with `groundwork pin --update` or correct the comment to the tag that points at the SHA (`groundwork pin --verify` names it).',
    bad: '- uses: actions/checkout@0000000000000000000000000000000000000001 # v4.2.2',
    good: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
};
