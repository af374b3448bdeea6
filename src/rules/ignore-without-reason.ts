import type { RuleMeta } from '../core/rule.js';

export const ignoreWithoutReason: RuleMeta = {
  id: 'ignore-without-reason',
  summary: 'a `# groundwork: ignore[…]` or `allow-failure` comment gives no reason',
  capability: 'input',
  milestone: 'M03',
  defaultSeverity: 'low',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A suppression without a reason cannot be reviewed: nobody can tell later whether the accepted risk still holds. The comment still suppresses, so a missing reason never floods the output.',
    fix: 'Add the reason after the directive: `# groundwork: ignore[masked-exit-status] cleanup may find nothing to delete`.',
    bad: 'run: pytest || true  # groundwork: ignore[masked-exit-status]',
    good: 'run: pytest || true  # groundwork: ignore[masked-exit-status] flaky on ROCm, tracked in #123',
  },
};
