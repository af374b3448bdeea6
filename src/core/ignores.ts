import type { Finding } from './finding.js';
import type { LineIndex } from './line-index.js';

/** One `# groundwork: ignore[rule-a, rule-b] reason` or `# groundwork: allow-failure reason` comment. */
export interface Directive {
  kind: 'ignore' | 'allow-failure';
  rules: string[];
  reason: string;
  line: number;
  column: number;
  endColumn: number;
  /** Whether the comment stands alone on its line (then it also covers the next line). */
  ownLine: boolean;
  /** The text of the directive's line, for reporting it. */
  lineText: string;
  used: boolean;
}

const DIRECTIVE = /#\s*groundwork:\s*(ignore\[([^\]]*)\]|allow-failure)([^\n\r]*)/g;

/** Finds every directive in a file; works for YAML, shell and Python comments alike. */
export function findDirectives(text: string, lines: LineIndex): Directive[] {
  if (!text.includes('groundwork:')) return [];
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const pos = lines.position(m.index!);
    const lineText = lines.lineText(pos.line);
    out.push({
      kind: m[2] !== undefined ? 'ignore' : 'allow-failure',
      rules: (m[2] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      reason: m[3]!.trim(),
      line: pos.line,
      column: pos.column,
      endColumn: pos.column + m[0].length,
      ownLine: lineText.slice(0, pos.column - 1).trim() === '',
      lineText,
      used: false,
    });
  }
  return out;
}

function covers(d: Directive, line: number | undefined): boolean {
  return line !== undefined && (d.line === line || (d.ownLine && d.line === line - 1));
}

/**
 * The directive that covers a finding: on its line or alone on the line above, or the same around
 * the first line of the enclosing step or job.
 */
export function directiveFor(finding: Finding, directives: Directive[], kind: Directive['kind']): Directive | undefined {
  return directives.find(
    (d) =>
      d.kind === kind &&
      (covers(d, finding.line) || covers(d, finding.scopeLine)) &&
      (kind === 'allow-failure' || d.rules.includes(finding.ruleId) || d.rules.includes('*')),
  );
}
