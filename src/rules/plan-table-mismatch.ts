import type { RuleMeta } from '../core/rule.js';

export const planTableMismatch: RuleMeta = {
  id: 'plan-table-mismatch',
  summary: 'the summary table disagrees with the action section',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'The same milestone with two efforts, priorities or blocker lists: whichever a reader looks at, half of the document is wrong.',
    fix: 'Make the table row and the section say the same thing.',
    bad: '| M04 | … | P1 | 8h | None |   (section: 6 hours, blocked by M03)',
    good: '| M04 | … | P1 | 6h | M03 |',
  },
};
