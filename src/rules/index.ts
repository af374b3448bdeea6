import type { RuleMeta } from '../core/rule.js';
import { alwaysAggregator } from './always-aggregator.js';
import { ambiguousRef } from './ambiguous-ref.js';
import { andListFailureIgnored } from './and-list-failure-ignored.js';
import { branchRef } from './branch-ref.js';
import { brokenInternalImport } from './broken-internal-import.js';
import { conditionRunsOutput } from './condition-runs-output.js';
import { continueOnError } from './continue-on-error.js';
import { curlWithoutFail } from './curl-without-fail.js';
import { dependabotActionsUncovered } from './dependabot-actions-uncovered.js';
import { depsKnownVulnerability } from './deps-known-vulnerability.js';
import { depsNotOnRelease } from './deps-not-on-release.js';
import { depsOutdated } from './deps-outdated.js';
import { depsStalePin } from './deps-stale-pin.js';
import { depsVulnerabilityTriage } from './deps-vulnerability-triage.js';
import { errexitDisabled } from './errexit-disabled.js';
import { failureDisabledInput } from './failure-disabled-input.js';
import { failureDisabledOption } from './failure-disabled-option.js';
import { foldedScriptComment } from './folded-script-comment.js';
import { ignoreWithoutReason } from './ignore-without-reason.js';
import { impostorCommit } from './impostor-commit.js';
import { invalidInput } from './invalid-input.js';
import { maskedExitStatus } from './masked-exit-status.js';
import { missingInternalName } from './missing-internal-name.js';
import { missingStubName } from './missing-stub-name.js';
import { missingVersionComment } from './missing-version-comment.js';
import { pipeWithoutPipefail } from './pipe-without-pipefail.js';
import { testResultDiscarded } from './test-result-discarded.js';
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
import { pythonSyntaxError } from './python-syntax-error.js';
import { ratchetRegression } from './ratchet-regression.js';
import { ratchetStaleBaseline } from './ratchet-stale-baseline.js';
import { refVersionMismatch } from './ref-version-mismatch.js';
import { relativeImportBeyondTop } from './relative-import-beyond-top.js';
import { sbomLicenceCopyleft } from './sbom-licence-copyleft.js';
import { sbomLicenceNotOpenSource } from './sbom-licence-not-open-source.js';
import { sbomLicenceReview } from './sbom-licence-review.js';
import { sbomLicenceUnidentified } from './sbom-licence-unidentified.js';
import { sbomPinConflict } from './sbom-pin-conflict.js';
import { sbomVersionConflict } from './sbom-version-conflict.js';
import { sbomVersionUnknown } from './sbom-version-unknown.js';
import { shortSha } from './short-sha.js';
import { stalePin } from './stale-pin.js';
import { tagMoved } from './tag-moved.js';
import { tagObjectPin } from './tag-object-pin.js';
import { templatePinDrift } from './template-pin-drift.js';
import { unpinnedAction } from './unpinned-action.js';
import { unpinnedImage } from './unpinned-image.js';
import { unresolvedRef } from './unresolved-ref.js';
import { unusedIgnore } from './unused-ignore.js';
import { workflowSchema } from './workflow-schema.js';
import { yamlSyntax } from './yaml-syntax.js';

/**
 * Every rule of every capability, keyed by its id: the single source for `groundwork rules`,
 * docs/rules/*.md, SARIF descriptors and the configuration's `rules:` keys. The metadata lives in
 * the rule's own file beside the code that emits it (workflow rules carry it as `.meta`); each
 * capability lists its rules in one block here, sorted, and a test checks every key is its rule's id.
 */
export const RULES = {
  // Inputs and directives
  'ignore-without-reason': ignoreWithoutReason,
  'invalid-input': invalidInput,
  'unused-ignore': unusedIgnore,
  'yaml-syntax': yamlSyntax,
  // Workflows (M03/M04)
  'always-aggregator': alwaysAggregator.meta,
  'and-list-failure-ignored': andListFailureIgnored.meta,
  'condition-runs-output': conditionRunsOutput.meta,
  'continue-on-error': continueOnError.meta,
  'curl-without-fail': curlWithoutFail.meta,
  'errexit-disabled': errexitDisabled.meta,
  'failure-disabled-input': failureDisabledInput.meta,
  'failure-disabled-option': failureDisabledOption.meta,
  'folded-script-comment': foldedScriptComment.meta,
  'masked-exit-status': maskedExitStatus.meta,
  'pipe-without-pipefail': pipeWithoutPipefail.meta,
  'test-result-discarded': testResultDiscarded.meta,
  'workflow-schema': workflowSchema,
  // Pinning (M06/M07)
  'ambiguous-ref': ambiguousRef,
  'branch-ref': branchRef,
  'impostor-commit': impostorCommit,
  'missing-version-comment': missingVersionComment,
  'ref-version-mismatch': refVersionMismatch,
  'short-sha': shortSha,
  'stale-pin': stalePin,
  'tag-moved': tagMoved,
  'tag-object-pin': tagObjectPin,
  'template-pin-drift': templatePinDrift,
  'unpinned-action': unpinnedAction,
  'unpinned-image': unpinnedImage,
  'unresolved-ref': unresolvedRef,
  'dependabot-actions-uncovered': dependabotActionsUncovered,
  // SBOM and dependencies (M08/M09)
  'deps-known-vulnerability': depsKnownVulnerability,
  'deps-not-on-release': depsNotOnRelease,
  'deps-outdated': depsOutdated,
  'deps-stale-pin': depsStalePin,
  'deps-vulnerability-triage': depsVulnerabilityTriage,
  'sbom-licence-copyleft': sbomLicenceCopyleft,
  'sbom-licence-not-open-source': sbomLicenceNotOpenSource,
  'sbom-licence-review': sbomLicenceReview,
  'sbom-pin-conflict': sbomPinConflict,
  'sbom-licence-unidentified': sbomLicenceUnidentified,
  'sbom-version-conflict': sbomVersionConflict,
  'sbom-version-unknown': sbomVersionUnknown,
  // Import smoke check (M01)
  'broken-internal-import': brokenInternalImport,
  'missing-internal-name': missingInternalName,
  'missing-stub-name': missingStubName,
  'python-syntax-error': pythonSyntaxError,
  'relative-import-beyond-top': relativeImportBeyondTop,
  // Program engine, pre-commit (M02, M05, M11, M13)
  'plan-cycle': planCycle,
  'plan-parallel-conflict': planParallelConflict,
  'plan-sequence-conflict': planSequenceConflict,
  'plan-soft-blocker': planSoftBlocker,
  'plan-table-mismatch': planTableMismatch,
  'plan-total-mismatch': planTotalMismatch,
  'plan-undefined-milestone': planUndefinedMilestone,
  'plan-unparsed': planUnparsed,
  'plan-verification-cannot-fail': planVerificationCannotFail,
  'plan-verification-inverted': planVerificationInverted,
  'plan-verification-not-red': planVerificationNotRed,
  'precommit-invalid-regex': precommitInvalidRegex,
  'precommit-invalid-value': precommitInvalidValue,
  'precommit-legacy-stage': precommitLegacyStage,
  'precommit-mutable-rev': precommitMutableRev,
  'precommit-unknown-key': precommitUnknownKey,
  'ratchet-regression': ratchetRegression,
  'ratchet-stale-baseline': ratchetStaleBaseline,
} as const satisfies Record<string, RuleMeta>;

/** The id of a rule groundwork has: a typo in code is a type error, in input a lookup that fails. */
export type RuleId = keyof typeof RULES;

export const ALL_RULES: readonly RuleMeta[] = Object.values(RULES);

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}

export function ruleMeta(id: RuleId): RuleMeta {
  return RULES[id];
}
