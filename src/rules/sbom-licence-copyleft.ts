import type { RuleMeta } from '../core/rule.js';

export const sbomLicenceCopyleft: RuleMeta = {
  id: 'sbom-licence-copyleft',
  summary: 'third-party code under a copyleft licence',
  capability: 'sbom',
  milestone: 'M08',
  defaultSeverity: 'medium',
  defaultConfidence: 'medium',
  fixable: 'never',
  docs: {
    why: 'GPL-family code shipped with a product obliges its distributor to offer the source of the whole work; LGPL, MPL and EPL oblige changes to the files themselves to be shared. A release engineer must know before signing. Weak copyleft and code only used by tests are low.',
    fix: 'Confirm the licence and how the code is linked, keep it out of what ships, or record the decision in the overrides file.',
    bad: 'third_party/readline  (GPL-3.0-or-later, linked into the shipped binary)',
    good: 'third_party/readline  (test-only, or replaced by a permissive library)',
  },
};
