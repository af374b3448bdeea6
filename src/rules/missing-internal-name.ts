import type { RuleMeta } from '../core/rule.js';

export const missingInternalName: RuleMeta = {
  id: 'missing-internal-name',
  summary: '`from X import name` asks an internal module for a name it does not define',
  capability: 'smoke',
  milestone: 'M01',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'A removed or renamed function, class or constant makes every `from X import name` of it raise ImportError at import time. The name counts as defined when X binds it at its top level (assignment, def, class, import, a star import filtered by `__all__`) or when X.name is a submodule; modules whose names cannot be listed (a module `__getattr__`, `globals()` writes, a star import from a compiled module) are never reported.',
    fix: 'Import the name from where it lives now, or keep a compatibility alias in X.',
    bad: 'from demo_pkg.core import compute_totl',
    good: 'from demo_pkg.core import compute_total',
  },
};
