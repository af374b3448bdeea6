import type { Severity } from '../core/finding.js';
import type { Report } from './report.js';

const COLOURS: Record<Severity, string> = { high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';

export interface TextOptions {
  /** ANSI colour; the CLI turns it on only for a TTY without NO_COLOR. */
  colour: boolean;
}

/** Findings grouped by file, each with its source line and a caret under the column. */
export function renderText(report: Report, opts: TextOptions): string {
  const c = (code: string, s: string) => (opts.colour ? `${code}${s}${RESET}` : s);
  const byFile = new Map<string, typeof report.findings>();
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const out: string[] = [];
  for (const [file, findings] of byFile) {
    out.push(c(BOLD, file));
    for (const f of findings) {
      const fixable = f.fix ? c(DIM, ' [fixable]') : '';
      out.push(`  ${f.line}:${f.column}  ${c(COLOURS[f.severity], f.severity.padEnd(6))} ${f.message}  ${c(DIM, `${f.ruleId} (confidence ${f.confidence})`)}${fixable}`);
      if (f.sourceLine !== undefined) {
        const src = f.sourceLine.replace(/\t/g, ' ');
        const width = f.endLine === f.line ? Math.max(1, f.endColumn - f.column) : Math.max(1, src.length - f.column + 1);
        out.push(`    ${c(DIM, '|')} ${src}`);
        out.push(`    ${c(DIM, '|')} ${' '.repeat(Math.max(0, f.column - 1))}${c(COLOURS[f.severity], '^'.repeat(Math.min(width, 120)))}`);
      }
    }
    out.push('');
  }
  const counts = (['high', 'medium', 'low', 'info'] as const).map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const);
  const total = report.findings.length;
  const allowed = report.allowed?.length ? `, ${report.allowed.length} allowed by allow-failure comments` : '';
  out.push(total === 0 ? `No findings${allowed}.` : `${total} finding${total === 1 ? '' : 's'} (${counts.filter(([, n]) => n).map(([s, n]) => `${n} ${s}`).join(', ')})${allowed}.`);
  for (const n of report.notes ?? []) out.push(c(DIM, `note: ${n}`));
  return `${out.join('\n')}\n`;
}
