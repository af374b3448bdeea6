import type { RuleMeta } from '../core/rule.js';

export const planUnparsed: RuleMeta = {
  id: 'plan-unparsed',
  summary: 'a line of the plan document could not be imported',
  capability: 'plan',
  milestone: 'M02',
  defaultSeverity: 'info',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'What the importer cannot place (a deliverable with no path, a prose verification, an unknown field) is not lost silently: it stays in the document but the ledger does not carry it, so nothing checks it.',
    fix: 'Give the deliverable a path, or the verification a command with its expected exit code, in the document or in refactor/plan.yml.',
    bad: '- [ ] Update CI: add smoke test job',
    good: '- [ ] `.github/workflows/smoke.yml`',
  },
};
