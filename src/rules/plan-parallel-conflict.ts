import type { RuleMeta } from '../core/rule.js';

export const planParallelConflict: RuleMeta = {
  id: 'plan-parallel-conflict',
  summary: 'milestones stated to run in parallel depend on each other',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A "can run in parallel" list that contains a milestone and something it waits for (directly or through a chain of hard or soft blockers) sends two people into work that has to be done in order.',
    fix: 'Remove the dependent milestone from the parallel set, or drop the blocker if it is not real.',
    bad: '**Parallelizable**: M03, M05 (M05: or after M04; M04 after M03)',
    good: '**Parallelizable**: M03, M06',
  },
};
