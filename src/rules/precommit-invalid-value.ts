import type { RuleMeta } from '../core/rule.js';

export const precommitInvalidValue: RuleMeta = {
  id: 'precommit-invalid-value',
  summary: 'a pre-commit configuration value has the wrong type or an unknown name',
  capability: 'precommit',
  milestone: 'M13',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A missing `rev`, an unknown language or stage, a `ci.skip` entry naming no hook, or a string where a list is expected stops pre-commit or silently disables a hook.',
    fix: 'Use the value the schema expects; the message names it.',
    bad: 'language: sytem',
    good: 'language: unsupported',
  },
};
