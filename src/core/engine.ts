import type { Confidence, FailOn, Finding, FindingDraft, Location, Severity } from './finding.js';
import { compareFindings, severityRank } from './finding.js';
import { directiveFor, type Directive } from './ignores.js';
import type { LineIndex } from './line-index.js';
import type { RuleMeta } from './rule.js';

/** Rules whose findings an `allow-failure` comment may keep allowed: the silent-failure rules. */
export type AllowFailureRules = ReadonlySet<string>;

export function helpText(meta: RuleMeta): string {
  return `${meta.docs.why} Fix: ${meta.docs.fix}`;
}

/** Where a configured severity comes from (the configuration's `rules:`); core knows only this shape. */
export interface SeveritySettings {
  rule(id: string): { severity?: Severity };
}

/** Turns a rule's draft into a full finding for a file whose text and line index are known. */
export function finalize(draft: FindingDraft, meta: RuleMeta, file: string, lines: LineIndex, config?: SeveritySettings): Finding {
  const loc = lines.location(draft.span);
  return {
    ruleId: draft.ruleId,
    severity: config?.rule(draft.ruleId).severity ?? draft.severity ?? meta.defaultSeverity,
    confidence: draft.confidence ?? meta.defaultConfidence,
    message: draft.message,
    help: helpText(meta),
    file,
    span: draft.span,
    ...loc,
    fix: draft.fix,
    sourceLine: lines.lineText(loc.line),
    ...(draft.scope ? { scopeLine: lines.position(draft.scope.start).line, scopeEndLine: lines.position(draft.scope.end).line } : {}),
  };
}

/** For capabilities whose findings have a place but no span (SBOM entries, plan lines). */
export function findingAt(
  meta: RuleMeta,
  file: string,
  at: Partial<Location> & { line?: number },
  message: string,
  extra: { severity?: Severity; confidence?: Confidence; sourceLine?: string } = {},
): Finding {
  const line = at.line ?? 1;
  const column = at.column ?? 1;
  return {
    ruleId: meta.id,
    severity: extra.severity ?? meta.defaultSeverity,
    confidence: extra.confidence ?? meta.defaultConfidence,
    message,
    help: helpText(meta),
    file,
    span: { start: 0, end: 0 },
    line,
    column,
    endLine: at.endLine ?? line,
    endColumn: at.endColumn ?? column,
    sourceLine: extra.sourceLine,
  };
}

export interface Suppression {
  findings: Finding[];
  /** Findings kept allowed by `# groundwork: allow-failure <reason>`. */
  allowed: Finding[];
  /** Findings silenced by `# groundwork: ignore[…]`. */
  ignored: Finding[];
  /** Directives that are themselves wrong: no reason, or nothing to suppress. */
  directiveProblems: { directive: Directive; problem: 'no-reason' | 'unused' }[];
}

/**
 * Applies a file's inline directives to its findings. A directive with no reason still suppresses
 * (so a mistake does not flood the output) but is itself reported; one that suppresses nothing is
 * reported as unused.
 */
export function applyDirectives(
  findings: Finding[],
  directives: Directive[],
  allowFailureRules: AllowFailureRules,
  /** Rules that ran on this file: an ignore naming only other rules is not called unused. */
  ranRules: ReadonlySet<string>,
): Suppression {
  const out: Suppression = { findings: [], allowed: [], ignored: [], directiveProblems: [] };
  if (directives.length === 0) return { ...out, findings };
  for (const f of findings) {
    const ignore = directiveFor(f, directives, 'ignore');
    if (ignore) {
      ignore.used = true;
      out.ignored.push(f);
      continue;
    }
    const allow = allowFailureRules.has(f.ruleId) ? directiveFor(f, directives, 'allow-failure') : undefined;
    if (allow) {
      allow.used = true;
      out.allowed.push(f);
      continue;
    }
    out.findings.push(f);
  }
  for (const d of directives) {
    if (!d.reason) out.directiveProblems.push({ directive: d, problem: 'no-reason' });
    else if (!d.used && directiveCouldApply(d, allowFailureRules, ranRules)) out.directiveProblems.push({ directive: d, problem: 'unused' });
  }
  return out;
}

export function atOrAbove(findings: readonly Finding[], threshold: FailOn): Finding[] {
  if (threshold === 'never') return [];
  return findings.filter((f) => severityRank(f.severity) >= severityRank(threshold));
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

function directiveCouldApply(d: Directive, allowFailureRules: AllowFailureRules, ranRules: ReadonlySet<string>): boolean {
  if (d.kind === 'allow-failure') return [...allowFailureRules].some((r) => ranRules.has(r));
  return d.rules.length > 0 && d.rules.every((r) => r === '*' || ranRules.has(r));
}
