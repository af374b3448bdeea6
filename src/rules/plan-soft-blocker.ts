import type { RuleMeta } from '../core/rule.js';

export const planSoftBlocker: RuleMeta = {
  id: 'plan-soft-blocker',
  summary: 'a blocker is hidden in prose instead of being stated',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'low',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: '"None (can start immediately, or after M04)" says two things: the blocker list and the summary table say none, the prose suggests an order. Schedulers and readers take the list; the intent is lost.',
    fix: 'Decide: make it a real blocker, or delete the "or after" clause. The ledger keeps it as a soft blocker until then.',
    bad: '**Blockers**: None (can start immediately, or after M04)',
    good: '**Blockers**: M04',
  },
};
