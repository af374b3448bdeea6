import { checkPins } from '../../pin/check.js';
import { inventory, pinFiles } from '../../pin/inventory.js';
import type { AuditCapability } from '../capability.js';

export const pinsCapability: AuditCapability = {
  id: 'pinning',
  title: 'Action pinning (offline check)',
  area: 'ci-security',
  async run(ctx, data) {
    const r = checkPins(ctx.repo, ctx.config, inventory(ctx.repo, ctx.config, pinFiles(ctx.repo, ctx.config), ctx.models));
    const c = r.counts;
    data.pins = { pinned: c.pinned, unpinned: c.unpinned, allowed: c.allowed, local: c.local, external: c.external };
    return {
      status: 'ok',
      note: `${c.external} external references: ${c.pinned} pinned, ${c.unpinned} unpinned, ${c.allowed} allowed by policy; verifying pins online needs \`groundwork pin --verify\``,
      findings: r.findings,
    };
  },
};
