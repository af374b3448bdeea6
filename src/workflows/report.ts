import { ALL_RULES } from '../rules/index.js';
import type { Report } from '../reporters/index.js';
import { VERSION } from '../version.js';
import type { CheckResult } from './check.js';

/** The report of a workflow check: what `groundwork check` prints and the M03 findings document holds. */
export function workflowReport(result: CheckResult): Report {
  const notes = result.skipped.map((p) => `${p}: skipped, the configuration's \`ignore\` matches it`);
  if (result.files.length === 0 && notes.length === 0) notes.push('no workflows (.github/workflows/*.yml) or local actions (action.yml) found');
  return {
    version: VERSION,
    findings: result.findings,
    allowed: result.allowed,
    rules: ALL_RULES,
    notes,
    title: 'M03 findings: CI failures that do not fail the run',
  };
}
