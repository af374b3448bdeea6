import type { RuleMeta } from '../core/rule.js';

export const planSequenceConflict: RuleMeta = {
  id: 'plan-sequence-conflict',
  summary: 'the recommended sequence schedules a milestone before its blocker',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'low',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A day-by-day plan that starts a milestone before what it waits for cannot be followed as written.',
    fix: 'Reorder the days, or drop the blocker if it is only a preference.',
    bad: 'Day 3-4: M05   Day 5: M04   (M05 after M04)',
    good: 'Day 3-4: M03 + M04   Day 5: M05',
  },
};
