import type { RuleMeta } from '../core/rule.js';

export const planCycle: RuleMeta = {
  id: 'plan-cycle',
  summary: 'milestones block each other in a cycle',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A cycle of blockers means none of its milestones can ever start; the schedule and the critical path are undefined.',
    fix: 'Break the cycle: one of the blockers is really a soft ordering preference or belongs to a later milestone.',
    bad: 'M03 blockers: M04\nM04 blockers: M03',
    good: 'M03 blockers: None\nM04 blockers: M03',
  },
};
