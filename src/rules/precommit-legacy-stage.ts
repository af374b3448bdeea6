import type { RuleMeta } from '../core/rule.js';

export const precommitLegacyStage: RuleMeta = {
  id: 'precommit-legacy-stage',
  summary: 'a pre-commit stage uses a deprecated name',
  capability: 'precommit',
  milestone: 'M13',
  defaultSeverity: 'low',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'The stage names `commit`, `push` and `merge-commit` are deprecated aliases of the git hook names; current pre-commit warns and will drop them.',
    fix: 'Use `pre-commit`, `pre-push` and `pre-merge-commit` (`pre-commit migrate-config` rewrites them).',
    bad: 'stages: [commit]',
    good: 'stages: [pre-commit]',
  },
};
