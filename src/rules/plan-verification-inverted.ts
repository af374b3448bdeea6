import type { RuleMeta } from '../core/rule.js';

export const planVerificationInverted: RuleMeta = {
  id: 'plan-verification-inverted',
  summary: 'a verification expects the wrong exit code',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: '`grep` exits 1 when it finds nothing. "`grep -r @main .github/workflows/` returns 0 results" expects exit 0, which grep gives only while @main is still there: the check passes before the work and fails after it.',
    fix: 'Negate the command (`! grep -r @main .github/workflows/`) or expect exit code 1; for action refs prefer `groundwork pin --check`, which also catches mutable tags such as @v4.',
    bad: 'grep -r "@main" .github/workflows/   # expect 0',
    good: '! grep -rn "@main" .github/workflows/',
  },
};
