import { createHash } from 'node:crypto';
import { InputError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { findingRecord } from '../reporters/json.js';
import { VERSION } from '../version.js';
import { findingsFileProblems } from './findings-validate.js';
import { FINDINGS_FORMAT_VERSION, type AuditData } from './types.js';

/** A finding as findings.json stores it: the JSON reporter's fields plus capability and fingerprint. */
export interface StoredFinding {
  ruleId: string;
  severity: string;
  confidence: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  capability: string;
  /** rule + file + the finding's source line with whitespace folded: stable across unrelated edits. */
  fingerprint: string;
  sourceLine?: string;
}

export interface FindingsFile {
  tool: 'groundwork';
  version: string;
  formatVersion: number;
  repository: { name: string; commit?: string; date: string };
  capabilities: { id: string; title: string; area: string; status: string; note?: string; ms: number; findings: number }[];
  findings: StoredFinding[];
  /** What the report shows besides findings, so `groundwork merge` can rebuild it. */
  components: AuditData['components'];
  pins?: AuditData['pins'];
  milestones?: AuditData['milestones'];
}

export function fingerprint(f: Pick<Finding, 'ruleId' | 'file' | 'sourceLine' | 'message'>): string {
  const line = (f.sourceLine ?? f.message).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${f.ruleId}\0${f.file}\0${line}`).digest('hex').slice(0, 16);
}

export function toFindingsFile(data: AuditData): FindingsFile {
  const findings = data.capabilities.flatMap((c) =>
    c.findings.map((f) => ({
      ...findingRecord(f),
      capability: c.id,
      fingerprint: fingerprint(f),
      ...(f.sourceLine !== undefined ? { sourceLine: f.sourceLine } : {}),
    })),
  );
  findings.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  return {
    tool: 'groundwork',
    version: data.meta.version,
    formatVersion: FINDINGS_FORMAT_VERSION,
    repository: { name: data.meta.name, commit: data.meta.commit, date: data.meta.date },
    capabilities: data.capabilities.map((c) => ({
      id: c.id,
      title: c.title,
      area: c.area,
      status: c.status,
      note: c.note,
      ms: Math.round(c.ms),
      findings: c.findings.length,
    })),
    findings,
    components: data.components,
    ...(data.pins ? { pins: data.pins } : {}),
    ...(data.milestones ? { milestones: data.milestones } : {}),
  };
}

/** Parses a findings.json, refusing one written in an incompatible format version. */
export function parseFindingsFile(text: string, source: string): FindingsFile {
  let doc: Partial<FindingsFile>;
  try {
    doc = JSON.parse(text) as Partial<FindingsFile>;
  } catch (e) {
    throw new InputError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (doc === null || typeof doc !== 'object' || doc.tool !== 'groundwork' || !Array.isArray(doc.findings))
    throw new InputError(`${source}: not a groundwork findings.json`);
  const v = doc.formatVersion ?? 0;
  if (v !== FINDINGS_FORMAT_VERSION) {
    throw new InputError(
      `${source}: findings format version ${v} (written by groundwork ${doc.version ?? 'unknown'}) is not compatible with this groundwork ${VERSION}, which reads format version ${FINDINGS_FORMAT_VERSION}`,
    );
  }
  // Checked against the schema here, at the boundary: merge and the report trust every field after this.
  const problems = findingsFileProblems(doc);
  if (problems.length) throw new InputError(`${source}: not a valid findings.json:\n  ${problems.join('\n  ')}`);
  return doc as FindingsFile;
}

export interface Comparison {
  fixed: StoredFinding[];
  introduced: StoredFinding[];
  unchanged: number;
}

/** What changed since an earlier pack, matched by fingerprint (multiset), not by line number. */
export function compareFindings(before: readonly StoredFinding[], after: readonly StoredFinding[]): Comparison {
  const remaining = new Map<string, number>();
  for (const f of before) remaining.set(f.fingerprint, (remaining.get(f.fingerprint) ?? 0) + 1);
  const introduced: StoredFinding[] = [];
  let unchanged = 0;
  for (const f of after) {
    const n = remaining.get(f.fingerprint) ?? 0;
    if (n > 0) {
      remaining.set(f.fingerprint, n - 1);
      unchanged++;
    } else introduced.push(f);
  }
  const fixed: StoredFinding[] = [];
  for (const f of before) {
    const n = remaining.get(f.fingerprint) ?? 0;
    if (n > 0) {
      remaining.set(f.fingerprint, n - 1);
      fixed.push(f);
    }
  }
  return { fixed, introduced, unchanged };
}
