import { ratchetCheck } from '../../program/audit-api.js';
import type { AuditCapability } from '../capability.js';

export const ratchetCapability: AuditCapability = {
  id: 'ratchet',
  title: 'Ratchet (no finding count may rise)',
  area: 'governance',
  after: true,
  async run(ctx, data) {
    const findings = data.capabilities.filter((c) => c.id !== 'ratchet').flatMap((c) => c.findings);
    const r = ratchetCheck(ctx.repo, ctx.config, findings);
    if (!r.present) return { status: 'ok', note: `no baseline at ${r.baselinePath} (\`groundwork ratchet --update\` writes one)`, findings: [] };
    return { status: 'ok', note: `${r.rises.length} count(s) rose, ${r.falls.length} fell without the baseline being tightened`, findings: r.findings };
  },
};
