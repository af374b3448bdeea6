import type { RuleMeta } from '../core/rule.js';

export const precommitInvalidRegex: RuleMeta = {
  id: 'precommit-invalid-regex',
  summary: 'a files or exclude pattern is not a valid Python regular expression',
  capability: 'precommit',
  milestone: 'M13',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: '`files` and `exclude` are Python regexes; one that does not compile makes every hook fail to run, and a glob such as `*.py` does not mean what it seems.',
    fix: 'Write a Python regex (`\\.py$`, not `*.py`); verbose `(?x)` patterns may span lines.',
    bad: 'files: "*.py"   # a glob, not a regex',
    good: 'files: \\.py$',
  },
};
