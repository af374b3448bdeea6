import { checkDependabot } from '../../pin/dependabot-check.js';
import type { AuditCapability } from '../capability.js';

export const dependabotCapability: AuditCapability = {
  id: 'dependabot',
  title: 'Dependabot keeps pins current (M07)',
  area: 'ci-security',
  async run(ctx) {
    const findings = ctx.config.rule('dependabot-actions-uncovered').enabled ? checkDependabot(ctx.repo) : [];
    return {
      status: 'ok',
      note: findings.length ? 'github-actions updates incomplete' : 'every directory with actions is covered, or there are none',
      findings,
    };
  },
};
