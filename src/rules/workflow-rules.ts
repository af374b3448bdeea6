import { alwaysAggregator } from './always-aggregator.js';
import { andListFailureIgnored } from './and-list-failure-ignored.js';
import { conditionRunsOutput } from './condition-runs-output.js';
import { continueOnError } from './continue-on-error.js';
import { curlWithoutFail } from './curl-without-fail.js';
import { errexitDisabled } from './errexit-disabled.js';
import { failureDisabledInput } from './failure-disabled-input.js';
import { failureDisabledOption } from './failure-disabled-option.js';
import { foldedScriptComment } from './folded-script-comment.js';
import { maskedExitStatus } from './masked-exit-status.js';
import { pipeWithoutPipefail } from './pipe-without-pipefail.js';
import { testResultDiscarded } from './test-result-discarded.js';
import type { WorkflowRule } from './workflow-rule.js';

/** The workflow rules (M03), in id order. */
export const WORKFLOW_RULES: readonly WorkflowRule[] = [
  alwaysAggregator,
  andListFailureIgnored,
  conditionRunsOutput,
  continueOnError,
  curlWithoutFail,
  errexitDisabled,
  failureDisabledInput,
  failureDisabledOption,
  foldedScriptComment,
  maskedExitStatus,
  pipeWithoutPipefail,
  testResultDiscarded,
];
