import type { RuleMeta } from '../core/rule.js';

export const precommitMutableRev: RuleMeta = {
  id: 'precommit-mutable-rev',
  summary: 'a pre-commit hook repository is pinned to a mutable rev',
  capability: 'precommit',
  milestone: 'M13',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "A branch (`main`) or a tag can move: every developer and CI may run different hook code, and a compromised tag runs in everyone's checkout. pre-commit never updates a mutable rev after install.",
    fix: 'Pin the full commit SHA with the version as a comment: `pre-commit autoupdate --freeze` writes `rev: <sha>  # frozen: v6.0.0`.',
    bad: 'rev: main',
    good: 'rev: 3e8a8703264a2f4a69428a0aa4dcb512790b2c8c  # frozen: v6.0.0',
  },
};
