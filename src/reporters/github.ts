import type { Severity } from '../core/finding.js';
import type { Report } from './report.js';
import { printableKeepingBreaks } from '../core/printable.js';

const LEVEL: Record<Severity, string> = { high: 'error', medium: 'error', low: 'warning', info: 'notice' };

/**
 * Workflow commands need %, CR and LF escaped, and properties also : and ,. Other control
 * characters (ESC sequences, Unicode line separators) are shown as escapes, never passed raw.
 */
function escapeData(s: string): string {
  return printableKeepingBreaks(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations: `::error file=…,line=…,col=…::message`. */
export function renderGithub(report: Report): string {
  return report.findings
    .map((f) => {
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`groundwork ${f.ruleId} (${f.severity})`)}`,
      ];
      return `::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}
