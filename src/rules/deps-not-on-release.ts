import type { RuleMeta } from '../core/rule.js';

export const depsNotOnRelease: RuleMeta = {
  id: 'deps-not-on-release',
  summary: 'a pinned component is not on a release tag of an upstream that makes releases',
  capability: 'deps',
  milestone: 'M09',
  defaultSeverity: 'info',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'A pin between releases carries untested changes and cannot be matched against versioned advisories; it is sometimes deliberate (a needed fix not yet released).',
    fix: 'Prefer the nearest release containing what you need; when the pin must stay between releases, say why in the overrides file.',
    bad: 'third_party/pybind11 @ v2.2.4-1-ga23996fce',
    good: 'third_party/pybind11 @ v2.13.6',
  },
};
