import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import type { WorkflowAnalysis } from '../workflows/analysis.js';

/** A rule over one workflow or local action, with the repository's other workflows at hand. */
export interface WorkflowRule {
  meta: RuleMeta;
  check(analysis: WorkflowAnalysis): Iterable<FindingDraft>;
}
