import { precommitFindings } from '../../program/audit-api.js';
import type { AuditCapability } from '../capability.js';

export const precommitCapability: AuditCapability = {
  id: 'precommit',
  title: 'Pre-commit configuration (M13)',
  area: 'governance',
  async run(ctx) {
    const present = ctx.repo.files().includes('.pre-commit-config.yaml');
    if (!present) return { status: 'ok', note: 'no .pre-commit-config.yaml (`groundwork init pre-commit` writes one)', findings: [] };
    return { status: 'ok', note: 'validated more strictly than `pre-commit validate-config`', findings: precommitFindings(ctx.repo) };
  },
};
