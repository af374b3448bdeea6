import type { RuleMeta } from '../core/rule.js';

export const depsOutdated: RuleMeta = {
  id: 'deps-outdated',
  summary: 'newer upstream releases exist than the pinned one',
  capability: 'deps',
  milestone: 'M09',
  defaultSeverity: 'low',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'Each release the pin is behind is a set of fixes and a larger jump later; tracking the distance keeps updates small.',
    fix: 'Move the pin to the newest release named in the finding, or note why the project stays on the older line.',
    bad: 'third-party/googletest @ release-1.11.0; upstream has v1.18.0 (7 releases newer)',
    good: 'third-party/googletest @ v1.18.0',
  },
};
