import { programSchedule, programStatus } from '../../program/audit-api.js';
import type { RecipeVerifier } from '../../program/status.js';
import type { AuditCapability } from '../capability.js';

export const planCapability: AuditCapability = {
  id: 'plan',
  title: 'Program status (M02)',
  area: 'governance',
  async run(ctx, data) {
    const env = ctx.env ?? {};
    // Recipes verify through the command line in-process; it is loaded only when a recipe runs, which
    // keeps the CLI out of the audit's import graph and costs nothing for repositories without a ledger.
    const verifyRecipe: RecipeVerifier = async (id, dir) => {
      const [{ main }, { inProcessCli, recipeVerifier }] = await Promise.all([import('../../cli/main.js'), import('../../recipes/context.js')]);
      const io = { cwd: ctx.repo.root, env, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stderrIsTTY: false };
      return recipeVerifier(inProcessCli(main, io), env)(id, dir);
    };
    const status = await programStatus(ctx.repo, ctx.config, { verifyRecipe, env });
    if (!status) return { status: 'ok', note: 'no ledger (refactor/plan.yml); `groundwork plan import` creates one', findings: [] };
    data.milestones = status.statuses.map((s) => ({ id: s.id, title: s.title, status: s.status, detail: s.reason }));
    data.ganttSvg = programSchedule(status.ledger, 2).svg;
    const p = status.progress;
    return { status: 'ok', note: `${p.done} of ${p.total} milestones done (${p.hoursDone} of ${p.hoursTotal} hours), from ${status.ledgerPath}`, findings: status.findings };
  },
};
