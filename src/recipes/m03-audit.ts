import { render } from '../reporters/index.js';
import { markdownTotal } from '../reporters/markdown.js';
import type { Recipe } from './recipe.js';
import { changeTo, fileCheck, noWorkflows, readText, verdict } from './recipe.js';
import { workflowReport } from '../workflows/report.js';
import { workflowCheck } from './workflow-check.js';

const FINDINGS = 'docs/refactor/milestones/M03/M03_findings.md';

/** M03: the silent-failure audit of every workflow, as `groundwork check` reports it. */
export const m03: Recipe = {
  id: 'M03',
  title: 'Audit workflows for silent failures',
  deliverables: [FINDINGS],
  async notApplicable(ctx) {
    return noWorkflows(ctx);
  },
  async apply(ctx) {
    const markdown = render('markdown', workflowReport(await workflowCheck(ctx)));
    return { changes: changeTo(ctx.repo, FINDINGS, markdown), notes: ['recommendations for M04 are in the report: `groundwork fix` repairs the fixable ones'] };
  },
  // The seed's "≥5 findings, or 'no issues found'" passes whatever the document says. What matters
  // is that the audit covers the tree: every finding `check` reports now is at most what the
  // document recorded (fixes made since, by M04, only lower the count).
  async verify(ctx) {
    const doc = readText(ctx.repo, FINDINGS);
    const now = (await workflowCheck(ctx)).findings.length;
    const stated = doc === undefined ? undefined : markdownTotal(doc);
    return verdict([
      fileCheck(ctx.repo, FINDINGS),
      {
        name: 'the findings document covers what `groundwork check` finds now',
        passed: stated !== undefined && now <= stated,
        detail: `document: ${stated ?? 'no count'}, check now: ${now}`,
      },
    ]);
  },
};
