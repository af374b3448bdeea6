import type { RuleMeta } from '../core/rule.js';

export const planVerificationCannotFail: RuleMeta = {
  id: 'plan-verification-cannot-fail',
  summary: 'a verification passes whatever the state of the repository',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A check that cannot fail marks a milestone done before its work exists: running `python test_x.py` on a pytest-style module only defines the tests, `… || true` hides the exit code, prose that accepts both outcomes checks nothing.',
    fix: 'Use a command that fails before the change and passes after it (`python -m pytest FILE`), and state its expected exit code; `plan status --baseline REV` checks both.',
    bad: 'python test/test_import_smoke.py   # defines test_* functions, never calls them',
    good: 'python -m pytest test/test_import_smoke.py',
  },
};
