import type { Finding } from '../core/finding.js';

/** The report's score-card areas. */
export type Area = 'ci-reliability' | 'ci-security' | 'supply-chain' | 'test-infrastructure' | 'governance';

export const AREAS: readonly { id: Area; title: string; about: string }[] = [
  { id: 'ci-reliability', title: 'CI reliability', about: 'failures that do not fail the run (M03/M04)' },
  { id: 'ci-security', title: 'CI security', about: 'actions pinned to verified commits, kept updated (M06/M07)' },
  { id: 'supply-chain', title: 'Supply chain', about: 'vendored code inventoried with versions and licences (M08/M09)' },
  { id: 'test-infrastructure', title: 'Test infrastructure', about: 'imports that resolve before any build (M01)' },
  { id: 'governance', title: 'Governance', about: 'plan status, pre-commit, ratchets (M02/M05/M13)' },
];

/** A vendored component as the report shows it. */
export interface ComponentRow {
  name: string;
  path: string;
  kind: string;
  version?: string;
  versionConfidence?: string;
  commit?: string;
  /** Committer date of the pinned commit, when known. */
  date?: string;
  /** Days since the pinned commit, when its history is at hand. */
  ageDays?: number;
  licence?: string;
  licenceConfidence?: string;
  upstream?: string;
}

export interface MilestoneRow {
  id: string;
  title: string;
  status: string;
  detail?: string;
}

/** What one capability contributed to the audit. */
export interface CapabilityOutcome {
  id: string;
  title: string;
  area: Area;
  status: 'ok' | 'skipped' | 'failed';
  /** One line: why it was skipped or failed, or a summary. */
  note?: string;
  findings: Finding[];
  ms: number;
}

/** Everything the pack's files are rendered from. */
export interface AuditData {
  meta: { tool: 'groundwork'; version: string; formatVersion: number; root: string; name: string; commit?: string; date: string };
  capabilities: CapabilityOutcome[];
  components: ComponentRow[];
  pins?: { pinned: number; unpinned: number; allowed: number; local: number; external: number };
  milestones?: MilestoneRow[];
  ganttSvg?: string;
  artefacts: { cycloneDx?: string; thirdPartyVersions?: string };
  /** Workflow files analysed, for the findings-by-workflow chart. */
  workflowFiles: string[];
}

/** The findings.json format version; bump on incompatible changes. */
export const FINDINGS_FORMAT_VERSION = 1;
