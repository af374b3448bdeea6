import type { RuleMeta } from '../core/rule.js';

export const pythonSyntaxError: RuleMeta = {
  id: 'python-syntax-error',
  summary: 'a Python file is not valid Python 3, so its imports are only partly known',
  capability: 'smoke',
  milestone: 'M01',
  defaultSeverity: 'medium',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'A file Python 3 cannot compile fails at import time whatever it imports: Python 2 syntax, an unterminated string, an unclosed bracket, inconsistent indentation. The import check still reads what it can from the file, so the rest of the repository is analysed.',
    fix: "Fix the syntax (run `python3 -m py_compile FILE` to see Python's own message), or add the file to `ignore:` in groundwork.yml if it is test data on purpose.",
    bad: 'print "hello"',
    good: 'print("hello")',
  },
};
