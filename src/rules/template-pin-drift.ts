import type { RuleMeta } from '../core/rule.js';

export const templatePinDrift: RuleMeta = {
  id: 'template-pin-drift',
  summary: 'a generated workflow pins an action differently from its template',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'PyTorch generates workflows from .github/templates/*.yml.j2 and its lint fails when regenerating changes them; a pin edited only in the generated file is lost at the next regeneration, one edited only in the template is not yet live.',
    fix: 'Pin the template (`groundwork pin` scans .j2 files) and regenerate the workflows (PyTorch: .github/scripts/generate_ci_workflows.py).',
    bad: '# Template is at: .github/templates/linux.yml.j2\n- uses: actions/checkout@v4',
    good: '# (template and generated file both)\n- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
  },
};
