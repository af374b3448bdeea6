import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';

/** What every reporter renders: the findings of one run and the metadata of the rules that ran. */
export interface Report {
  version: string;
  findings: Finding[];
  rules: readonly RuleMeta[];
  /** Findings kept allowed by `# groundwork: allow-failure`, counted but not failing. */
  allowed?: Finding[];
  /** Title for documents (markdown). */
  title?: string;
  /** One-line notes such as skipped capabilities. */
  notes?: string[];
  /** Counts of what was analysed (files, imports …), carried by the JSON output. */
  stats?: Record<string, unknown>;
}

export type Format = 'text' | 'json' | 'sarif' | 'github' | 'markdown';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github', 'markdown'];
