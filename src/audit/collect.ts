import { basename } from 'node:path';
import type { Config } from '../config/config.js';
import type { Finding } from '../core/finding.js';
import type { Repository } from '../services/repository.js';
import { VERSION } from '../version.js';
import { ModelCache } from '../workflows/model-cache.js';
import { AUDIT_CAPABILITIES } from './capabilities/index.js';
import { runCapabilities } from './run-audit.js';
import { FINDINGS_FORMAT_VERSION, type AuditData } from './types.js';

/** An empty audit data record for a repository, filled in by the capabilities. */
export function emptyAuditData(repo: Repository, date: string, extra: Partial<AuditData['meta']> = {}): AuditData {
  return {
    meta: { tool: 'groundwork', version: VERSION, formatVersion: FINDINGS_FORMAT_VERSION, root: repo.root, name: basename(repo.root), date, ...extra },
    capabilities: [],
    components: [],
    artefacts: {},
    workflowFiles: [],
  };
}

/**
 * Every offline capability's findings for one repository: what `ratchet` counts. The same
 * capabilities as `audit`, minus those that consume the others' findings (the ratchet itself).
 */
export async function collectAllFindings(repo: Repository, config: Config): Promise<Finding[]> {
  const data = emptyAuditData(repo, new Date().toISOString());
  await runCapabilities(
    AUDIT_CAPABILITIES.filter((c) => !c.after),
    { repo, config, models: new ModelCache(), offline: true },
    data,
  );
  return data.capabilities.flatMap((c) => c.findings);
}
