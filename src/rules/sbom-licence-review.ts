import type { RuleMeta } from '../core/rule.js';

export const sbomLicenceReview: RuleMeta = {
  id: 'sbom-licence-review',
  summary: 'a vendored licence was identified with low confidence or ambiguity',
  capability: 'sbom',
  milestone: 'M08',
  defaultSeverity: 'low',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'A licence read from a notice, a partial text match, or several licence files that disagree may be wrong: PyTorch once listed eigen as BSD-3-Clause when its README says MPL-2.0.',
    fix: 'Read the licence files named in the finding and record the decision in the overrides file, which then wins over detection.',
    bad: 'third_party/eigen/COPYING.BSD  COPYING.MPL2  COPYING.APACHE   # three answers',
    good: '# .groundwork/sbom-overrides.yml\nthird_party/eigen: { licence: MPL-2.0, reason: "README: Eigen is MPL2" }',
  },
};
