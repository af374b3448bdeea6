import type { Recipe } from './recipe.js';
import { changeTo, delegatedFailure, readText, verdict } from './recipe.js';
import { changesFromInit } from './sandbox.js';

const WORKFLOW = '.github/workflows/audit-third-party.yml';
const SCRIPT = 'scripts/audit_third_party_versions.py';

const SCRIPT_TEXT = `#!/usr/bin/env python3
"""Audit vendored third-party versions (M09): a thin entry point for \`groundwork deps\`.

Reports vendored dependencies that are outdated or have known vulnerabilities; the monthly
workflow .github/workflows/audit-third-party.yml runs the same check.
"""
import subprocess
import sys

if __name__ == "__main__":
    sys.exit(subprocess.call(["npx", "--yes", "groundwork", "deps", *sys.argv[1:]]))
`;

/** M09: the monthly third-party audit (`groundwork init deps-audit`) and the seed's script path. */
export const m09: Recipe = {
  id: 'M09',
  title: 'Periodic third-party version audit',
  deliverables: [WORKFLOW, SCRIPT],
  async apply(ctx) {
    const result = await changesFromInit(ctx, 'deps-audit');
    if (result.run.code !== 0) throw delegatedFailure('init deps-audit', result.run);
    return { changes: [...result.changes, ...changeTo(ctx.repo, SCRIPT, SCRIPT_TEXT)], notes: [] };
  },
  // "Script runs, reports known outdated dependency": the scheduled workflow exists and the audit
  // runs offline to a report (exit 0 clean, 1 findings; 2 would be an error).
  async verify(ctx) {
    const workflow = readText(ctx.repo, WORKFLOW) ?? '';
    const run = await ctx.cli(['deps', ctx.repo.root, '--offline', '--format', 'json']);
    return verdict([
      { name: `${WORKFLOW} runs on a schedule`, passed: /schedule:/.test(workflow) && /cron:/.test(workflow), detail: workflow ? undefined : 'missing' },
      { name: `${SCRIPT} exists`, passed: readText(ctx.repo, SCRIPT) !== undefined },
      { name: 'groundwork deps runs and reports', passed: run.code === 0 || run.code === 1, detail: `exit ${run.code}` },
    ]);
  },
};
