import type { RuleMeta } from '../core/rule.js';

export const tagMoved: RuleMeta = {
  id: 'tag-moved',
  summary: 'the tag in the version comment now points at a different commit',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'high',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'A release tag that moves after you pinned it is how a compromised maintainer account ships new code under an old version (tj-actions, 2025). Your pin still runs the old commit, which is what you want, but the tag can no longer be trusted.',
    fix: 'Do not follow the moved tag automatically: review the new commit, then re-pin deliberately (`groundwork pin --update`), or report the moved tag to the action maintainers.',
    bad: '- uses: owner/action@<old commit> # v1.2.0   # v1.2.0 was force-pushed',
    good: '- uses: owner/action@<reviewed commit> # v1.2.1',
  },
};
