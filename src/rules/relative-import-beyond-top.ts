import type { RuleMeta } from '../core/rule.js';

export const relativeImportBeyondTop: RuleMeta = {
  id: 'relative-import-beyond-top',
  summary: 'a relative import climbs above the top-level package',
  capability: 'smoke',
  milestone: 'M01',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'Python raises `ImportError: attempted relative import beyond top-level package` (or "with no known parent package" in a script). It usually follows a module moved up a level without its imports being updated.',
    fix: 'Remove one dot, or use an absolute import.',
    bad: '# demo_pkg/util.py\nfrom .. import config',
    good: '# demo_pkg/util.py\nfrom . import config',
  },
};
