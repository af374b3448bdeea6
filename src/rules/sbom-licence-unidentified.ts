import type { RuleMeta } from '../core/rule.js';

export const sbomLicenceUnidentified: RuleMeta = {
  id: 'sbom-licence-unidentified',
  summary: 'no licence could be identified for a vendored component',
  capability: 'sbom',
  milestone: 'M08',
  defaultSeverity: 'low',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'Shipping code whose licence nobody has identified is a compliance risk: the SBOM says NOASSERTION and LICENSES_BUNDLED-style files go wrong silently. Submodules that are not checked out have no licence file to read.',
    fix: 'Check the component out (`git submodule update --init <path>`) and rerun, or record the licence in the overrides file (`.groundwork/sbom-overrides.yml`): `third_party/foo: { licence: MIT, reason: "LICENSE.txt upstream" }`.',
    bad: 'third_party/foo/   # no LICENSE, COPYING or SPDX tag',
    good: 'third_party/foo/LICENSE   # MIT text, identified at 0.99',
  },
};
