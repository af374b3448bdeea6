import type { RuleMeta } from '../core/rule.js';

export const ratchetStaleBaseline: RuleMeta = {
  id: 'ratchet-stale-baseline',
  summary: 'a finding count fell but the ratchet baseline was not tightened',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'An improvement that is not recorded can be lost again without anyone noticing: the old, looser count would still pass.',
    fix: 'Run `groundwork ratchet --update` and commit refactor/ratchet.json with the fix.',
    bad: 'refactor/ratchet.json: 3 findings; now 1',
    good: 'refactor/ratchet.json: 1 finding',
  },
};
