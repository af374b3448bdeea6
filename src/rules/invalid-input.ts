import type { RuleMeta } from '../core/rule.js';

/** Files that cannot be analysed: unreadable, binary, not UTF-8, too large, links out of the tree. */
export const invalidInput: RuleMeta = {
  id: 'invalid-input',
  summary: 'a file could not be analysed (unreadable, binary, not UTF-8, too large, or a link out of the repository)',
  capability: 'input',
  milestone: 'M03',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A workflow or manifest that groundwork cannot read is one it cannot check: its problems stay hidden. The run goes on with the other files.',
    fix: 'Make the file readable UTF-8 text, keep it under the size limit, or list it under `ignore:` in groundwork.yml if it is not meant to be analysed.',
    bad: '.github/workflows/ci.yml -> /etc/passwd   (a symbolic link out of the repository)',
    good: '.github/workflows/ci.yml   (a regular file inside the repository)',
  },
};
