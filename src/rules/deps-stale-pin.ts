import type { RuleMeta } from '../core/rule.js';

export const depsStalePin: RuleMeta = {
  id: 'deps-stale-pin',
  summary: 'a pinned third-party component is older than the allowed age',
  capability: 'deps',
  milestone: 'M09',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'Vendored code that has not moved for years misses fixes nobody files CVEs for; the seed asks for a monthly alert when vendored dependencies are outdated (M09).',
    fix: 'Update the pin to a current release, or raise `deps.maxAge` in groundwork.yml for components that are deliberately frozen, with the reason in the overrides file.',
    bad: 'third_party/pybind11 @ 2018-06-11 (2,700 days old)',
    good: 'third_party/pybind11 @ v3.0.1 (2025)',
  },
};
