import type { RuleMeta } from '../core/rule.js';

export const planUndefinedMilestone: RuleMeta = {
  id: 'plan-undefined-milestone',
  summary: 'a milestone is referenced but never defined',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A plan that points at milestones it does not define (as blockers, "next" steps or ranges such as M15-M19) cannot be scheduled or tracked: nobody owns them and their effort is missing from every total.',
    fix: 'Define the milestone (an action section or a ledger entry with effort and blockers), or drop the reference.',
    bad: '**Next**: After M06 → M07',
    good: '### Action 11: M07 - Add Dependabot',
  },
};
