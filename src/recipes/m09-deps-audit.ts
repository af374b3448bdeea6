import { depsAuditGenerator } from '../deps/init-generator.js';
import { runDepsAudit } from '../deps/run.js';
import { buildInventory } from '../sbom/inventory.js';
import { sbomOptionsFrom } from '../sbom/settings.js';
import type { Recipe, RecipeContext, VerifyCheck } from './recipe.js';
import { changesFor, changeTo, notRunCheck, readText, verdict } from './recipe.js';

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

/**
 * "Reports known outdated dependency" means upstream releases were compared: that needs the
 * network (`git ls-remote`), so offline it is a check that was not run, never a pass.
 */
async function upstreamCheck(ctx: RecipeContext): Promise<VerifyCheck> {
  const name = 'groundwork deps compares every vendored component with its upstream releases';
  if (!ctx.allow.network) return notRunCheck(name, '--online');
  const gitBase = ctx.config.section<{ gitBase: string }>('pin').gitBase;
  const up = (await runDepsAudit(ctx.repo.root, ctx.config, { upstream: true, gitBase })).upstreams;
  if (!up || up.asked === 0) return { name, passed: true, detail: 'no vendored component names an upstream' };
  return { name, passed: up.reached === up.asked, detail: `${up.reached} of ${up.asked} upstream(s) reached${up.firstError ? `; ${up.firstError}` : ''}` };
}

/** M09: the monthly third-party audit (`groundwork init deps-audit`) and the seed's script path. */
export const m09: Recipe = {
  id: 'M09',
  title: 'Periodic third-party version audit',
  deliverables: [WORKFLOW, SCRIPT],
  // A monthly comparison of vendored code with its upstreams needs vendored code.
  async notApplicable(ctx) {
    const inventory = await buildInventory(ctx.repo.root, sbomOptionsFrom(ctx.config));
    return inventory.components.length ? undefined : 'groundwork sbom finds no vendored third-party component to compare with its upstream';
  },
  async apply(ctx) {
    const { files, notes } = await depsAuditGenerator.generate(ctx.repo);
    return { changes: [...changesFor(ctx.repo, files), ...changeTo(ctx.repo, SCRIPT, SCRIPT_TEXT)], notes: notes ?? [] };
  },
  // "Script runs, reports known outdated dependency": the scheduled workflow and the script exist,
  // the audit runs offline to a report, and — online only — the upstreams were really asked.
  async verify(ctx) {
    const workflow = readText(ctx.repo, WORKFLOW) ?? '';
    let offline: VerifyCheck;
    try {
      await runDepsAudit(ctx.repo.root, ctx.config, { upstream: false });
      offline = { name: 'groundwork deps --offline runs and reports', passed: true };
    } catch (e) {
      offline = { name: 'groundwork deps --offline runs and reports', passed: false, detail: (e as Error).message };
    }
    return verdict([
      { name: `${WORKFLOW} runs on a schedule`, passed: /schedule:/.test(workflow) && /cron:/.test(workflow), detail: workflow ? undefined : 'missing' },
      { name: `${SCRIPT} exists`, passed: readText(ctx.repo, SCRIPT) !== undefined },
      offline,
      await upstreamCheck(ctx),
    ]);
  },
};
