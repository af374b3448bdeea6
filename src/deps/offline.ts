import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { Finding } from '../core/finding.js';
import { renderCycloneDx, type DocumentOptions } from '../sbom/cyclonedx.js';
import { sbomFindings } from '../sbom/findings.js';
import { buildInventory, type Inventory } from '../sbom/inventory.js';
import { sbomOptionsFrom } from '../sbom/settings.js';
import { renderVersionsTable } from '../sbom/versions-table.js';
import { auditComponents, depsFindings } from './audit.js';
import { loadOsvDirectory } from './osv-db.js';
import { depsSettings } from './settings.js';

/** One line of the audit report's SBOM table. */
export interface SbomRow {
  name: string;
  kind: 'submodule' | 'vendored' | 'fetched';
  /** Every path of the component; the first is the one to show. */
  paths: string[];
  version?: string;
  commit?: string;
  licence?: string;
  /** Days since the pinned commit, when its history is checked out. */
  ageDays?: number;
  upstream?: string;
  confidence: { version?: 'low' | 'medium' | 'high'; licence: 'low' | 'medium' | 'high' };
}

export interface OfflineSbomAudit {
  inventory: Inventory;
  rows: SbomRow[];
  /** CycloneDX 1.6 JSON text (what `groundwork sbom` prints). */
  cyclonedx: string;
  /** THIRD_PARTY_VERSIONS.md text. */
  versionsMarkdown: string;
  /** SBOM findings (licences, versions) and deps findings (stale pins, OSV dump hits when deps.osvDb is set). */
  findings: Finding[];
}

/**
 * Everything M08/M09 contribute to `groundwork audit`, without the network: the inventory, its
 * table rows, the CycloneDX and THIRD_PARTY_VERSIONS.md texts, and findings. Upstream releases
 * (ls-remote) and the OSV API are left out; a local OSV dump configured as `deps.osvDb` is used.
 */
export async function offlineSbomAudit(root: string, config: Config, opts: DocumentOptions & { now?: Date } = {}): Promise<OfflineSbomAudit> {
  const inventory = await buildInventory(root, sbomOptionsFrom(config));
  const settings = depsSettings(config);
  const osv = settings.osvDb ? loadOsvDirectory(resolve(inventory.root, settings.osvDb)) : undefined;
  const statuses = await auditComponents(inventory, { osv, now: opts.now });
  const rows: SbomRow[] = statuses.map(({ component: c, ageDays }) => ({
    name: c.name,
    kind: c.kind,
    paths: c.paths,
    version: c.version.value,
    commit: c.commit,
    licence: c.licence.expression,
    ageDays,
    upstream: c.url,
    confidence: { version: c.version.confidence, licence: c.licence.confidence },
  }));
  return {
    inventory,
    rows,
    cyclonedx: renderCycloneDx(inventory, opts),
    versionsMarkdown: renderVersionsTable(inventory),
    findings: [...depsFindings(statuses, settings.maxAgeDays), ...sbomFindings(inventory)],
  };
}
