import type { RuleMeta } from '../core/rule.js';

export const missingStubName: RuleMeta = {
  id: 'missing-stub-name',
  summary: 'a name imported from a compiled module is not in its `.pyi` stub',
  capability: 'smoke',
  milestone: 'M01',
  defaultSeverity: 'medium',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'Compiled modules (`torch._C`) cannot be inspected before the build; their `.pyi` stub is the only list of their names. A name missing from the stub is either gone from the binding, and the import fails after the build, or the stub is out of date, and type checking fails. It is a warning because the stub, not the binary, was read.',
    fix: 'Add the name to the stub (or its `.pyi.in` template) if the binding has it; otherwise import it from where it lives now.',
    bad: 'from torch._C import _no_such_binding',
    good: 'from torch._C import _get_tracing_state',
  },
};
