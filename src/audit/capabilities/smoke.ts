import { checkImports } from '../../smoke/check.js';
import type { AuditCapability } from '../capability.js';

export const smokeCapability: AuditCapability = {
  id: 'smoke',
  title: 'Static import check (M01)',
  area: 'test-infrastructure',
  async run(ctx) {
    const r = await checkImports({ repo: ctx.repo, config: ctx.config, jobs: ctx.jobs });
    if (r.stats.files === 0) return { status: 'ok', note: 'no Python files', findings: [] };
    return { status: 'ok', note: `${r.stats.files} Python files, ${r.stats.imports} imports, ${r.stats.byCategory.internal} internal`, findings: r.findings };
  },
};
