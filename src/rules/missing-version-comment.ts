import type { RuleMeta } from '../core/rule.js';

export const missingVersionComment: RuleMeta = {
  id: 'missing-version-comment',
  summary: 'a SHA-pinned reference has no version comment',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'Without `# vX.Y.Z` after the SHA, reviewers cannot tell which release runs, and Dependabot and Renovate cannot propose updates (Renovate skips a bare SHA as an unversioned reference). Formats such as `# v4.0.0 - sha: abc123` or `# pin@v4` are not parsed by zizmor and are corrupted by Dependabot.',
    fix: 'Run `groundwork pin`: it looks up the most specific version tag on that commit and writes `# vX.Y.Z` and nothing else on the comment.',
    bad: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
    good: '- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
};
