import type { Severity } from '../core/finding.js';
import { isFixable } from '../core/fixable.js';
import { printable } from '../core/printable.js';
import { groupBy } from '../core/group-by.js';
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
  const out: string[] = [];
  // Grouped in one pass (findings of a file are usually adjacent, but need not be): copying each
  // group's array per finding made 81k findings on one file take minutes.
  for (const [file, findings] of groupBy(report.findings, (f) => f.file)) {
    out.push(c(BOLD, printable(file)));
    for (const f of findings) {
      const fixable = isFixable(f) ? c(DIM, ' [fixable]') : '';
      out.push(
        `  ${f.line}:${f.column}  ${c(COLOURS[f.severity], f.severity.padEnd(6))} ${printable(f.message)}  ${c(DIM, `${f.ruleId} (confidence ${f.confidence})`)}${fixable}`,
      );
      if (f.sourceLine !== undefined) {
        const raw = f.sourceLine.replace(/\t/g, ' ');
        const src = printable(raw);
        // Escapes widen the line: the caret starts and ends where the escaped columns are.
        const start = printable(raw.slice(0, Math.max(0, f.column - 1))).length;
        const end = f.endLine === f.line ? printable(raw.slice(0, Math.max(f.column, f.endColumn) - 1)).length : src.length;
        out.push(`    ${c(DIM, '|')} ${src}`);
        out.push(`    ${c(DIM, '|')} ${' '.repeat(start)}${c(COLOURS[f.severity], '^'.repeat(Math.min(Math.max(1, end - start), 120)))}`);
      }
    }
    out.push('');
  }
  const bySeverity = groupBy(report.findings, (f) => f.severity);
  const counts = (['high', 'medium', 'low', 'info'] as const).map((s) => [s, bySeverity.get(s)?.length ?? 0] as const);
  const total = report.findings.length;
  const allowed = report.allowed?.length ? `, ${report.allowed.length} allowed by allow-failure comments` : '';
  out.push(
    total === 0
      ? `No findings${allowed}.`
      : `${total} finding${total === 1 ? '' : 's'} (${counts
          .filter(([, n]) => n)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ')})${allowed}.`,
  );
  for (const n of report.notes ?? []) out.push(c(DIM, `note: ${printable(n)}`));
  return `${out.join('\n')}\n`;
}
