import { offlineSbomAudit } from '../../deps/offline.js';
import type { AuditCapability } from '../capability.js';
import type { ComponentRow } from '../types.js';

export const sbomCapability: AuditCapability = {
  id: 'sbom',
  title: 'SBOM of vendored code (M08/M09)',
  area: 'supply-chain',
  async run(ctx, data) {
    // Timestamps come from the commit, so the same tree gives byte-identical SBOM files.
    const r = await offlineSbomAudit(ctx.repo.root, ctx.config);
    data.components = r.rows.map(
      (c): ComponentRow => ({
        name: c.name,
        path: c.paths[0] ?? '',
        kind: c.kind,
        version: c.version,
        versionConfidence: c.confidence.version,
        commit: c.commit,
        date: c.commit ? r.inventory.components.find((x) => x.paths[0] === c.paths[0])?.commitDate : undefined,
        ageDays: c.ageDays,
        licence: c.licence,
        licenceConfidence: c.confidence.licence,
        upstream: c.upstream,
      }),
    );
    data.artefacts.cycloneDx = r.cyclonedx;
    data.artefacts.thirdPartyVersions = r.versionsMarkdown;
    const withVersion = r.rows.filter((c) => c.version).length;
    const osv = ctx.config.section<{ osvDb: string }>('deps').osvDb
      ? 'vulnerabilities from the configured OSV dump'
      : 'upstream releases and vulnerabilities need `groundwork deps --online` (or deps.osvDb)';
    return { status: 'ok', note: `${r.rows.length} components, ${withVersion} with a version; ${osv}`, findings: r.findings };
  },
};
