import type { Finding } from '../core/finding.js';
import { isFixable } from '../core/fixable.js';
import type { Report } from './report.js';

/** The documented JSON shape of one finding, keys in this order. */
export function findingRecord(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    confidence: f.confidence,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    fixable: isFixable(f),
  };
}

/** `{"tool":"groundwork","version":…,"findings":[…]}` with a fixed key order and stable sorting. */
export function renderJson(report: Report): string {
  const findings = report.findings.map(findingRecord);
  return `${JSON.stringify({ tool: 'groundwork', version: report.version, ...(report.stats ? { stats: report.stats } : {}), findings }, null, 2)}\n`;
}
