import { programSchedule, programStatus } from '../../program/audit-api.js';
import { recipeVerifier } from '../../recipes/context.js';
import { sourceFlawNote } from '../../program/status-findings.js';
import type { AuditCapability } from '../capability.js';

export const planCapability: AuditCapability = {
  id: 'plan',
  title: 'Program status (M02)',
  area: 'governance',
  async run(ctx, data) {
    const env = ctx.env ?? {};
    // The audit never runs the ledger's commands nor reaches the network: recipes verify
    // in-process with groundwork's own checks, and a command is reported as not run.
    const status = await programStatus(ctx.repo, ctx.config, { verifyRecipe: recipeVerifier({ env }), env });
    if (!status) return { status: 'ok', note: 'no ledger (refactor/plan.yml); `groundwork plan import` creates one', findings: [] };
    data.milestones = status.statuses.map((s) => ({ id: s.id, title: s.title, status: s.status, detail: s.reason }));
    data.ganttSvg = programSchedule(status.ledger, 2).svg;
    const p = status.progress;
    const notRun = status.statuses.filter((s) => s.status === 'not-run').length;
    const notApplicable = status.statuses.filter((s) => s.status === 'not-applicable').length;
    const flaws = sourceFlawNote(status.sourceFlaws.length, status.sourceFlaws[0]?.file ?? 'the source document');
    const note = [
      `${p.done} of ${p.total} milestones done (${p.hoursDone} of ${p.hoursTotal} hours), from ${status.ledgerPath}`,
      notApplicable ? `${notApplicable} not applicable here` : undefined,
      notRun ? `${notRun} not verified here (\`groundwork plan status --run-verifications --online\` runs what they need)` : undefined,
      flaws,
    ]
      .filter(Boolean)
      .join('; ');
    return { status: 'ok', note, findings: status.findings };
  },
};
