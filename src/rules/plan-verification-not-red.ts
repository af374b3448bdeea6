import type { RuleMeta } from '../core/rule.js';

export const planVerificationNotRed: RuleMeta = {
  id: 'plan-verification-not-red',
  summary: 'a verification already passed before the change',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A verification proves a milestone only if it failed at the baseline and passes now; one that passed at the baseline too is not evidence of the work.',
    fix: 'Tighten the verification so that it fails at the baseline commit (`plan status --baseline REV` shows both results).',
    bad: 'test -d .github   # true before and after',
    good: 'test -f .github/workflows/actionlint.yml',
  },
};
