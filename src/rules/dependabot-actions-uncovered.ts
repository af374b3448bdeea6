import type { RuleMeta } from '../core/rule.js';

/** Pinned actions that no Dependabot entry keeps current (M07). */
export const dependabotActionsUncovered: RuleMeta = {
  id: 'dependabot-actions-uncovered',
  summary: 'Dependabot does not update the github-actions pins of some workflows or composite actions',
  capability: 'pinning',
  milestone: 'M07',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "A SHA pin never moves by itself: without Dependabot (or Renovate) watching every directory that holds `uses:`, pinned actions silently age and miss security fixes. Dependabot's `/` covers workflows and a root action.yml only, so composite actions in `.github/actions/*` need their own directories.",
    fix: "Run `groundwork init dependabot`, which adds a `github-actions` entry covering `/` and every composite action directory, grouped, weekly, with a cooldown, and keeps the file's other ecosystems and comments.",
    bad: 'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule: { interval: weekly }',
    good: 'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directories: ["/", "/.github/actions/*"]\n    schedule: { interval: weekly }\n    cooldown: { default-days: 7 }',
  },
};
