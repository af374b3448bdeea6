import type { RuleMeta } from '../core/rule.js';

export const sbomVersionUnknown: RuleMeta = {
  id: 'sbom-version-unknown',
  summary: 'no version could be determined for a vendored component',
  capability: 'sbom',
  milestone: 'M08',
  defaultSeverity: 'info',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'Without a version (or at least a pinned commit) nobody can tell whether the copy is outdated or vulnerable.',
    fix: 'Vendor from a release and keep its version file, name the folder after the release (`miniz-3.0.2`), or record the version in the overrides file.',
    bad: 'third_party/concurrentqueue/   # copied from master, no version anywhere',
    good: 'third_party/concurrentqueue-1.0.4/',
  },
};
