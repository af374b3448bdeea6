import type { RuleMeta } from '../core/rule.js';

export const sbomVersionConflict: RuleMeta = {
  id: 'sbom-version-conflict',
  summary: 'version probes of a vendored component disagree',
  capability: 'sbom',
  milestone: 'M08',
  defaultSeverity: 'low',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'When the CMake project, a header and a VERSION file give different versions, at most one is right; picking one silently puts a wrong version in the SBOM and hides the component from vulnerability matching.',
    fix: 'Check which version the copy really is (the git history, the upstream changelog) and record it in the overrides file; remove stale version files from the copy.',
    bad: 'miniz-3.0.2/  miniz.h: MZ_VERSION "11.0.2"   # folder says 3.0.2',
    good: '# .groundwork/sbom-overrides.yml\nthird_party/miniz-3.0.2: { version: 3.0.2 }',
  },
};
