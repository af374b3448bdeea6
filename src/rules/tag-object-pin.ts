import type { RuleMeta } from '../core/rule.js';

export const tagObjectPin: RuleMeta = {
  id: 'tag-object-pin',
  summary: 'a pin is the SHA of an annotated tag object, not of a commit',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'An annotated tag SHA runs, but OpenSSF Scorecard treats it as an impostor and Dependabot cannot map it to a release; tools that peel only one level (pin-github-action) produce it for nested tags.',
    fix: 'Re-run `groundwork pin`: it peels every tag with `^{}` to the commit.',
    bad: '- uses: owner/action@<tag object sha> # v1.0.0',
    good: '- uses: owner/action@<commit sha> # v1.0.0',
  },
};
