import { checkWorkflows } from '../../workflows/check.js';
import type { AuditCapability } from '../capability.js';

export const workflowsCapability: AuditCapability = {
  id: 'workflows',
  title: 'Workflow audit: silent failures',
  area: 'ci-reliability',
  async run(ctx, data) {
    const r = await checkWorkflows({ repo: ctx.repo, config: ctx.config, jobs: ctx.jobs, models: ctx.models });
    data.workflowFiles = r.files;
    if (r.files.length === 0) return { status: 'ok', note: 'no workflows or local actions', findings: [] };
    return { status: 'ok', note: `${r.files.length} workflow and action files, ${r.allowed.length} allowed failures`, findings: [...r.findings] };
  },
};
