import type { Confidence, Severity } from './finding.js';

/** Where a rule's findings come from; groups rules in docs and in the audit report. */
export type Capability = 'workflows' | 'pinning' | 'sbom' | 'deps' | 'smoke' | 'plan' | 'precommit' | 'input';

/** Everything docs, `groundwork rules` and SARIF descriptors say about a rule: the single source. */
export interface RuleMeta {
  /** kebab-case; equals the file name; never renamed. */
  id: string;
  /** One line, lower case, no final stop. */
  summary: string;
  capability: Capability;
  /** Seed milestone this rule serves (M03, M06 …). */
  milestone: string;
  defaultSeverity: Severity;
  defaultConfidence: Confidence;
  fixable: 'never' | 'sometimes';
  docs: {
    /** Why it matters. */
    why: string;
    /** How to fix it. */
    fix: string;
    /** A snippet that triggers the rule. */
    bad: string;
    /** The same snippet done right. */
    good: string;
  };
}
