import type { RuleMeta } from '../core/rule.js';

export const planTotalMismatch: RuleMeta = {
  id: 'plan-total-mismatch',
  summary: 'the stated total effort differs from the sum of the milestones',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A total that disagrees with its parts misleads every estimate built on it (weeks, staffing).',
    fix: 'Correct the total or the estimates; `groundwork plan schedule` computes it.',
    bad: '**Total Effort**: 60 hours  (milestones sum to 70)',
    good: '**Total Effort**: 70 hours',
  },
};
