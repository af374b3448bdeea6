import type { Recipe } from './recipe.js';
import { changeTo, delegatedFailure, fileCheck, readText, verdict } from './recipe.js';

const FINDINGS = 'docs/refactor/milestones/M03/M03_findings.md';

/** The markdown report's "N findings" total, or 0 for "No findings." */
function countInReport(markdown: string): number | undefined {
  if (/^No findings\.$/m.test(markdown)) return 0;
  const total = /^\| \*\*Total\*\* \|(.*)\|\s*(\d+)\s*\|\s*\d+\s*\|$/m.exec(markdown);
  return total ? Number(total[2]) : undefined;
}

/** M03: the silent-failure audit of every workflow, as `groundwork check` reports it. */
export const m03: Recipe = {
  id: 'M03',
  title: 'Audit workflows for silent failures',
  deliverables: [FINDINGS],
  async apply(ctx) {
    const run = await ctx.cli(['check', ctx.repo.root, '--format', 'markdown', '--fail-on', 'high']);
    if (run.code > 1) throw delegatedFailure('check', run);
    return { changes: changeTo(ctx.repo, FINDINGS, run.stdout), notes: ['recommendations for M04 are in the report: `groundwork fix` repairs the fixable ones'] };
  },
  // The seed's "≥5 findings, or 'no issues found'" passes whatever the document says. What matters
  // is that the audit covers the tree: every finding `check` reports now is at most what the
  // document recorded (fixes made since, by M04, only lower the count).
  async verify(ctx) {
    const doc = readText(ctx.repo, FINDINGS);
    const run = await ctx.cli(['check', ctx.repo.root, '--format', 'json', '--fail-on', 'high']);
    const now = run.code <= 1 ? (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length : undefined;
    const stated = doc === undefined ? undefined : countInReport(doc);
    return verdict([
      fileCheck(ctx.repo, FINDINGS),
      { name: 'the findings document covers what `groundwork check` finds now', passed: stated !== undefined && now !== undefined && now <= stated, detail: `document: ${stated ?? 'no count'}, check now: ${now ?? 'failed'}` },
    ]);
  },
};
