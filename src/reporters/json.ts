import type { Report } from './report.js';

/** `{"tool":"groundwork","version":…,"findings":[…]}` with a fixed key order and stable sorting. */
export function renderJson(report: Report): string {
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    confidence: f.confidence,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    fixable: Boolean(f.fix),
  }));
  return `${JSON.stringify({ tool: 'groundwork', version: report.version, findings }, null, 2)}\n`;
}
