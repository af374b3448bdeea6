import type { RuleMeta } from '../core/rule.js';

export const workflowSchema: RuleMeta = {
  id: 'workflow-schema',
  summary: "a workflow does not match GitHub's workflow schema (checked with @actions/workflow-parser)",
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "GitHub rejects workflows with unknown keys, wrong types or broken expressions, or silently ignores part of them. The check uses GitHub's own parser (@actions/workflow-parser), so its verdict is the one GitHub applies.",
    fix: "Correct the key or value at the reported position; the message is the parser's own.",
    bad: 'on:\n  push:\n    branchez: [main]',
    good: 'on:\n  push:\n    branches: [main]',
  },
};
