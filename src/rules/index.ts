import type { RuleMeta } from '../core/rule.js';
import { dependabotActionsUncovered } from './dependabot-actions-uncovered.js';
import { PIN_RULES } from '../pin/rules.js';
import { brokenInternalImport } from './broken-internal-import.js';
import { depsKnownVulnerability } from './deps-known-vulnerability.js';
import { depsNotOnRelease } from './deps-not-on-release.js';
import { depsOutdated } from './deps-outdated.js';
import { depsStalePin } from './deps-stale-pin.js';
import { depsVulnerabilityTriage } from './deps-vulnerability-triage.js';
import { ignoreWithoutReason } from './ignore-without-reason.js';
import { invalidInput } from './invalid-input.js';
import { missingInternalName } from './missing-internal-name.js';
import { missingStubName } from './missing-stub-name.js';
import { pythonSyntaxError } from './python-syntax-error.js';
import { relativeImportBeyondTop } from './relative-import-beyond-top.js';
import { sbomLicenceCopyleft } from './sbom-licence-copyleft.js';
import { sbomLicenceNotOpenSource } from './sbom-licence-not-open-source.js';
import { sbomLicenceReview } from './sbom-licence-review.js';
import { sbomPinConflict } from './sbom-pin-conflict.js';
import { sbomLicenceUnidentified } from './sbom-licence-unidentified.js';
import { sbomVersionConflict } from './sbom-version-conflict.js';
import { sbomVersionUnknown } from './sbom-version-unknown.js';
import { unusedIgnore } from './unused-ignore.js';
import { WORKFLOW_RULES } from './workflow-rules.js';
import { workflowSchema } from './workflow-schema.js';
import { yamlSyntax } from './yaml-syntax.js';
import { planCycle } from './plan-cycle.js';
import { planParallelConflict } from './plan-parallel-conflict.js';
import { planSequenceConflict } from './plan-sequence-conflict.js';
import { planSoftBlocker } from './plan-soft-blocker.js';
import { planTableMismatch } from './plan-table-mismatch.js';
import { planTotalMismatch } from './plan-total-mismatch.js';
import { planUndefinedMilestone } from './plan-undefined-milestone.js';
import { planUnparsed } from './plan-unparsed.js';
import { planVerificationCannotFail } from './plan-verification-cannot-fail.js';
import { planVerificationInverted } from './plan-verification-inverted.js';
import { planVerificationNotRed } from './plan-verification-not-red.js';
import { precommitInvalidRegex } from './precommit-invalid-regex.js';
import { precommitInvalidValue } from './precommit-invalid-value.js';
import { precommitLegacyStage } from './precommit-legacy-stage.js';
import { precommitMutableRev } from './precommit-mutable-rev.js';
import { precommitUnknownKey } from './precommit-unknown-key.js';
import { ratchetRegression } from './ratchet-regression.js';
import { ratchetStaleBaseline } from './ratchet-stale-baseline.js';

/**
 * Every rule of every capability, the single source for `groundwork rules`, docs/rules/*.md and
 * SARIF descriptors. Each capability lists its own rules in one block; keep each block sorted.
 */
export const ALL_RULES: readonly RuleMeta[] = [
  // Inputs and directives
  ignoreWithoutReason,
  invalidInput,
  unusedIgnore,
  yamlSyntax,
  // Workflows (M03/M04)
  ...WORKFLOW_RULES.map((r) => r.meta),
  workflowSchema,
  // Pinning (M06/M07)
  ...PIN_RULES,
  dependabotActionsUncovered,
  // SBOM and dependencies (M08/M09)
  depsKnownVulnerability,
  depsNotOnRelease,
  depsOutdated,
  depsStalePin,
  depsVulnerabilityTriage,
  sbomLicenceCopyleft,
  sbomLicenceNotOpenSource,
  sbomLicenceReview,
  sbomPinConflict,
  sbomLicenceUnidentified,
  sbomVersionConflict,
  sbomVersionUnknown,
  // Import smoke check (M01)
  brokenInternalImport,
  missingInternalName,
  missingStubName,
  pythonSyntaxError,
  relativeImportBeyondTop,
  // Program engine, pre-commit (M02, M05, M11, M13)
  planCycle,
  planParallelConflict,
  planSequenceConflict,
  planSoftBlocker,
  planTableMismatch,
  planTotalMismatch,
  planUndefinedMilestone,
  planUnparsed,
  planVerificationCannotFail,
  planVerificationInverted,
  planVerificationNotRed,
  precommitInvalidRegex,
  precommitInvalidValue,
  precommitLegacyStage,
  precommitMutableRev,
  precommitUnknownKey,
  ratchetRegression,
  ratchetStaleBaseline,
];

export function ruleMeta(id: string): RuleMeta {
  const meta = ALL_RULES.find((r) => r.id === id);
  if (!meta) throw new Error(`unknown rule ${id}`);
  return meta;
}
