import { buildInventory } from '../../sbom/inventory.js';
import { sbomFindings } from '../../sbom/findings.js';
import { renderSbom } from '../../sbom/render.js';
import type { AuditCapability } from '../capability.js';
import type { ComponentRow } from '../types.js';

export const sbomCapability: AuditCapability = {
  id: 'sbom',
  title: 'SBOM of vendored code',
  area: 'supply-chain',
  async run(ctx, data) {
    const section = ctx.config.section<{ roots: string[]; exclude: string[]; overrides: string }>('sbom');
    const inv = await buildInventory(ctx.repo.root, { roots: section.roots, exclude: section.exclude, overrides: section.overrides });
    data.components = inv.components.map(
      (c): ComponentRow => ({
        name: c.name,
        path: c.paths[0] ?? '',
        kind: c.kind,
        version: c.version.value,
        versionConfidence: c.version.confidence,
        commit: c.commit,
        date: c.commitDate,
        licence: c.licence.expression,
        licenceConfidence: c.licence.confidence,
        upstream: c.github ?? c.url,
      }),
    );
    // Timestamps come from the commit, so the same tree gives byte-identical files.
    data.artefacts.cycloneDx = renderSbom('cyclonedx', inv);
    data.artefacts.thirdPartyVersions = renderSbom('markdown', inv);
    const withVersion = inv.components.filter((c) => c.version.value).length;
    return { status: 'ok', note: `${inv.components.length} components, ${withVersion} with a version; upstream and vulnerability look-ups need \`groundwork deps --online\``, findings: sbomFindings(inv) };
  },
};
