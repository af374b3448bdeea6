import type { RuleMeta } from '../core/rule.js';

export const branchRef: RuleMeta = {
  id: 'branch-ref',
  summary: 'a reference names a branch, which moves with every push',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: '`@main` runs the newest commit of another repository on every run; pinning it freezes an arbitrary commit that no release vouches for.',
    fix: 'Switch to a release tag and run `groundwork pin`; pin the branch head with `--branches pin` (a warning is kept); or allow it with a `pin.policies` entry and a reason (internal reusable workflows).',
    bad: '- uses: pytorch/test-infra/.github/actions/setup-ssh@main',
    good: '- uses: pytorch/test-infra/.github/actions/setup-ssh@<40-hex commit> # v20250101',
  },
};
