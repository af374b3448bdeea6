import type { RuleMeta } from '../core/rule.js';

export const impostorCommit: RuleMeta = {
  id: 'impostor-commit',
  summary: 'a pinned commit is reachable from no branch or tag of the action repository',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'GitHub serves commits of the whole fork network (and of pull requests) under the parent repository name, so a SHA pinned "in" actions/checkout may be an attacker fork commit that the maintainers never merged.',
    fix: 'Replace the SHA with the commit of a release tag (`groundwork pin --update`), and find out where the impostor SHA came from.',
    bad: '- uses: actions/checkout@<commit from a fork or refs/pull> # v4.2.2',
    good: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
};
