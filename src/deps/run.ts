import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { Finding } from '../core/finding.js';
import { sbomFindings } from '../sbom/findings.js';
import { buildInventory, type Inventory } from '../sbom/inventory.js';
import { sbomOptionsFrom } from '../sbom/settings.js';
import { auditComponents, depsFindings, type ComponentStatus } from './audit.js';
import { DEFAULT_OSV_URL, queryOsv } from './osv-api.js';
import { loadOsvDirectory } from './osv-db.js';
import { depsSettings } from './settings.js';
import { fetchUpstreamTags } from './upstream.js';

export interface DepsRunOptions {
  /** Ask upstreams for their tags (`git ls-remote`); off for a fully offline run. */
  upstream?: boolean;
  gitBase?: string;
  osvDb?: string;
  online?: boolean;
  osvUrl?: string;
  maxAge?: string;
  includePrerelease?: boolean;
  now?: Date;
}

export interface DepsResult {
  inventory: Inventory;
  statuses: ComponentStatus[];
  findings: Finding[];
  notes: string[];
  /** Upstreams asked for their releases and how many answered; undefined when none were asked (offline). */
  upstreams?: { asked: number; reached: number; firstError?: string };
}

/**
 * The whole M09 audit for one repository: inventory, upstream tags, OSV (offline dump and/or
 * online API), findings. With `upstream: false` and no `online` it uses no network at all.
 */
export async function runDepsAudit(root: string, config: Config, opts: DepsRunOptions = {}): Promise<DepsResult> {
  const settings = depsSettings(config, { maxAge: opts.maxAge, osvDb: opts.osvDb, includePrerelease: opts.includePrerelease });
  const inventory = await buildInventory(root, sbomOptionsFrom(config));
  const osv = settings.osvDb ? loadOsvDirectory(resolve(inventory.root, settings.osvDb)) : undefined;
  const upstreamTags = opts.upstream === false ? undefined : await fetchUpstreamTags(inventory.components, opts.gitBase);
  const osvUrl = opts.osvUrl ?? DEFAULT_OSV_URL;
  const statuses = await auditComponents(inventory, {
    osv,
    upstreamTags,
    queryOnline: opts.online ? (q) => queryOsv(osvUrl, q) : undefined,
    includePrerelease: settings.includePrerelease,
    now: opts.now,
  });
  const findings = [...depsFindings(statuses, settings.maxAgeDays), ...sbomFindings(inventory)];
  const unreachable = statuses.filter((s) => s.upstreamError);
  const notes = [
    `${inventory.components.length} components; ${osv ? `${osv.size} OSV records with git ranges loaded` : 'no offline OSV dump (--osv-db)'}${opts.online ? `; OSV API ${osvUrl} asked` : ''}`,
    ...(opts.upstream === false ? ['upstream releases not checked (offline)'] : []),
    ...unreachable.map((s) => `${s.component.name}: upstream not reachable: ${s.upstreamError}`),
    ...inventory.notes,
  ];
  const asked = upstreamTags ? [...upstreamTags.values()] : [];
  const upstreams = upstreamTags
    ? { asked: asked.length, reached: asked.filter((r) => r.tags).length, firstError: asked.find((r) => r.error)?.error }
    : undefined;
  return { inventory, statuses, findings, notes, upstreams };
}
