import type { Config } from '../config/config.js';
import { ALL_RULES } from '../rules/index.js';
import { sarifRun, renderSarifRuns } from '../reporters/sarif.js';
import type { Repository } from '../services/repository.js';
import { VERSION } from '../version.js';
import { AUDIT_CAPABILITIES } from './capabilities/index.js';
import { ModelCache } from '../workflows/model-cache.js';
import { emptyAuditData } from './collect.js';
import { compareFindings, toFindingsFile, type Comparison, type FindingsFile } from './findings-file.js';
import { renderReport } from './html/report.js';
import { PACK_FILES, renderPackReadme } from './pack-readme.js';
import { runCapabilities, type ProgressEvent } from './run-audit.js';
import type { AuditData } from './types.js';

export interface AuditOptions {
  repo: Repository;
  config: Config;
  /** ISO date of the audit (default now; SOURCE_DATE_EPOCH in the CLI). */
  date: string;
  commit?: string;
  /** Repository name shown in the pack (default: the directory's name). */
  name?: string;
  /** An earlier pack's findings to compare with. */
  since?: { label: string; previous: FindingsFile };
  jobs?: number;
  /** The user's environment, for the plan's verification commands. */
  env?: Record<string, string | undefined>;
  onProgress?: (e: ProgressEvent) => void;
}

export interface AuditResult {
  data: AuditData;
  /** File name → content of every file of the pack. */
  files: Map<string, string>;
  comparison?: Comparison;
}

/** Runs every capability offline and renders the audit pack (nothing is written here). */
export async function runAudit(opts: AuditOptions): Promise<AuditResult> {
  const data = emptyAuditData(opts.repo, opts.date, { commit: opts.commit, ...(opts.name ? { name: opts.name } : {}) });
  await runCapabilities(
    AUDIT_CAPABILITIES,
    { repo: opts.repo, config: opts.config, jobs: opts.jobs, env: opts.env, models: new ModelCache(), offline: true },
    data,
    opts.onProgress,
  );
  const findingsFile = toFindingsFile(data);
  const comparison = opts.since ? compareFindings(opts.since.previous.findings, findingsFile.findings) : undefined;
  const since = comparison && opts.since ? { since: opts.since.label, result: comparison } : undefined;
  const files = new Map<string, string>();
  files.set(PACK_FILES.readme, renderPackReadme(data, since));
  files.set(PACK_FILES.findings, `${JSON.stringify(findingsFile, null, 2)}\n`);
  const runs = data.capabilities.map((c) => sarifRun({ version: VERSION, findings: c.findings, rules: ALL_RULES }, `groundwork/${c.id}/`));
  files.set(PACK_FILES.sarif, renderSarifRuns(runs));
  if (data.artefacts.cycloneDx) files.set(PACK_FILES.cycloneDx, data.artefacts.cycloneDx);
  if (data.artefacts.thirdPartyVersions) files.set(PACK_FILES.thirdParty, data.artefacts.thirdPartyVersions);
  files.set(PACK_FILES.html, renderReport(data, since));
  return { data, files, comparison };
}
