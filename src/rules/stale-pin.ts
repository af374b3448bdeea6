import type { RuleMeta } from '../core/rule.js';

export const stalePin: RuleMeta = {
  id: 'stale-pin',
  summary: 'a pinned commit is on a branch but in no release tag',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A commit reachable only from a branch was never released: it may be a work-in-progress state of the action, and update bots cannot track it.',
    fix: 'Move the pin to a release (`groundwork pin --update`), or allow the repository by policy if it is an internal branch-tracked action.',
    bad: '- uses: owner/action@<commit on main, after the last tag>',
    good: '- uses: owner/action@<commit of v1.3.0> # v1.3.0',
  },
};
