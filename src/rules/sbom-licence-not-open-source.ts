import type { RuleMeta } from '../core/rule.js';

export const sbomLicenceNotOpenSource: RuleMeta = {
  id: 'sbom-licence-not-open-source',
  summary: 'third-party code under a licence that is not open source',
  capability: 'sbom',
  milestone: 'M08',
  defaultSeverity: 'high',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'An end-user licence agreement (TPC benchmark kits), a non-commercial or no-derivatives licence restricts who may use or redistribute the code; shipping it under an open-source release can breach it.',
    fix: 'Read the licence; remove the code from what ships, get permission, or record the decision and its reason in the overrides file.',
    bad: 'third_party/tpch/dbgen  (TPC End User License Agreement)',
    good: 'the kit downloaded by the benchmark job, never committed or shipped',
  },
};
