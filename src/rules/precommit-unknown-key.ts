import type { RuleMeta } from '../core/rule.js';

export const precommitUnknownKey: RuleMeta = {
  id: 'precommit-unknown-key',
  summary: 'a pre-commit configuration key is not part of the schema',
  capability: 'precommit',
  milestone: 'M13',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'pre-commit silently ignores unknown keys on hooks, so a typo such as `exlude:` means the exclusion never applies; unknown top-level and repo keys only produce a warning.',
    fix: 'Correct the key name (groundwork suggests the nearest valid one) or remove it.',
    bad: '- id: check-yaml\n  exlude: ^third_party/',
    good: '- id: check-yaml\n  exclude: ^third_party/',
  },
};
