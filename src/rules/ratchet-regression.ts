import type { RuleMeta } from '../core/rule.js';

export const ratchetRegression: RuleMeta = {
  id: 'ratchet-regression',
  summary: 'a finding count rose above the committed ratchet baseline',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'The ratchet lets the codebase only get better: a new finding of a rule in a file (matched by rule, file and the content of its line, not its line number) is a regression even when the total is unchanged elsewhere.',
    fix: 'Fix the new finding, or (if it is accepted) run `groundwork ratchet --update` and commit the baseline in the same change for review.',
    bad: 'refactor/ratchet.json: continue-on-error in ci.yml: 1; now 2',
    good: 'continue-on-error in ci.yml: 1',
  },
};
