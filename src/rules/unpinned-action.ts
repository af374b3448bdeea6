import type { RuleMeta } from '../core/rule.js';

export const unpinnedAction: RuleMeta = {
  id: 'unpinned-action',
  summary: 'an external action or reusable workflow is not pinned to a full commit SHA',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'A tag (`@v4`) or a branch (`@main`) can be moved by whoever controls the action repository, so the code your CI runs can change without a change in your repository: the supply-chain attack behind tj-actions/changed-files (2025). Only a full 40-hex commit SHA is immutable; a short SHA is rejected by the runner.',
    fix: 'Run `groundwork pin` to rewrite the reference as `owner/repo@<40-hex commit> # vX.Y.Z`. If a reference must float (an internal reusable workflow on `@main`), add a policy with a reason under `pin.policies` in groundwork.yml.',
    bad: '- uses: actions/checkout@v4',
    good: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
};
