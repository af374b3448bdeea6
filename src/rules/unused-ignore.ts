import type { RuleMeta } from '../core/rule.js';

export const unusedIgnore: RuleMeta = {
  id: 'unused-ignore',
  summary: 'a `# groundwork: ignore[…]` or `allow-failure` comment suppresses nothing',
  capability: 'input',
  milestone: 'M03',
  defaultSeverity: 'low',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A stale suppression hides the next real finding on that line and misleads readers about what is accepted.',
    fix: 'Delete the comment, or move it to the line of the finding (or the line just above it).',
    bad: 'run: pytest  # groundwork: ignore[masked-exit-status] was flaky',
    good: 'run: pytest',
  },
};
