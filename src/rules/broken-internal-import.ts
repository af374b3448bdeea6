import type { RuleMeta } from '../core/rule.js';

export const brokenInternalImport: RuleMeta = {
  id: 'broken-internal-import',
  summary: 'an import names a module of the repository that does not exist',
  capability: 'smoke',
  milestone: 'M01',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'The package is importable only if every internal module it imports exists. A renamed or deleted module breaks `import` for every user, but a runtime test only finds it after the C++ build, and stops at the first failure. Imports under `if TYPE_CHECKING:` break type checking only (medium); imports guarded by `except ImportError` are reported as info.',
    fix: 'Import the module under its new name, restore the module, or remove the import. A compiled or generated module belongs in `smoke.compiled` in groundwork.yml.',
    bad: 'from torch.nn.modules.linearr import Linear   # the module is linear.py',
    good: 'from torch.nn.modules.linear import Linear',
  },
};
