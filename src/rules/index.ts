import type { RuleMeta } from '../core/rule.js';
import { PIN_RULES } from '../pin/rules.js';
import { ignoreWithoutReason } from './ignore-without-reason.js';
import { invalidInput } from './invalid-input.js';
import { unusedIgnore } from './unused-ignore.js';
import { WORKFLOW_RULES } from './workflow-rules.js';
import { workflowSchema } from './workflow-schema.js';
import { yamlSyntax } from './yaml-syntax.js';

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
  // SBOM and dependencies (M08/M09)
  // Import smoke check (M01)
  // Program engine, pre-commit (M02, M05, M11, M13)
];

export function ruleMeta(id: string): RuleMeta {
  const meta = ALL_RULES.find((r) => r.id === id);
  if (!meta) throw new Error(`unknown rule ${id}`);
  return meta;
}
