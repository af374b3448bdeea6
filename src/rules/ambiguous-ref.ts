import type { RuleMeta } from '../core/rule.js';

export const ambiguousRef: RuleMeta = {
  id: 'ambiguous-ref',
  summary: 'a reference names both a branch and a tag',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'When a name is both a branch and a tag, git and GitHub Actions may pick different objects (ref confusion): the pin would freeze one of them while the runner runs the other.',
    fix: 'Reference the tag by a name that is not also a branch, or pin the intended commit by hand; groundwork refuses to guess.',
    bad: '- uses: owner/action@release   # branch release and tag release both exist',
    good: '- uses: owner/action@<40-hex commit of the tag> # v1.2.0',
  },
};
