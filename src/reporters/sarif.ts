import type { Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { isFixable } from '../core/fixable.js';
import type { Report } from './report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'error', low: 'warning', info: 'note' };
/** GitHub code scanning reads `security-severity` as a CVSS-like 0–10 score. */
const SCORE: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

export const RULE_DOCS_BASE = 'https://github.com/groundwork-dev/groundwork/blob/main/docs/rules/';

function descriptor(meta: RuleMeta) {
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.docs.why },
    help: { text: `${meta.docs.why}\n\nFix: ${meta.docs.fix}`, markdown: `${meta.docs.why}\n\n**Fix:** ${meta.docs.fix}` },
    helpUri: `${RULE_DOCS_BASE}${meta.id}.md`,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: {
      tags: [meta.capability, meta.milestone],
      precision: meta.defaultConfidence === 'high' ? 'high' : meta.defaultConfidence === 'medium' ? 'medium' : 'low',
      'security-severity': SCORE[meta.defaultSeverity],
    },
  };
}

/** One SARIF run object; `groundwork audit` writes one per capability. */
export function sarifRun(report: Report, automationId?: string) {
  const used = [...new Set(report.findings.map((f) => f.ruleId))];
  const rules = report.rules.filter((r) => used.includes(r.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    tool: {
      driver: { name: 'groundwork', version: report.version, informationUri: 'https://github.com/groundwork-dev/groundwork', rules: rules.map(descriptor) },
    },
    ...(automationId ? { automationDetails: { id: automationId } } : {}),
    columnKind: 'utf16CodeUnits',
    results: report.findings.map((f) => ({
      ruleId: f.ruleId,
      ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1) },
          },
        },
      ],
      properties: { severity: f.severity, confidence: f.confidence, fixable: isFixable(f) },
    })),
  };
}

export function renderSarifRuns(runs: ReturnType<typeof sarifRun>[]): string {
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs }, null, 2)}\n`;
}

/** SARIF 2.1.0 with rule descriptors from rule metadata. */
export function renderSarif(report: Report): string {
  return renderSarifRuns([sarifRun(report)]);
}
