/** Severity of a finding, lowest first. */
export type Severity = 'info' | 'low' | 'medium' | 'high';
/** How sure a rule is that the finding is real. */
export type Confidence = 'low' | 'medium' | 'high';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];
/** The threshold of --fail-on: a severity, or `never` (report, but never fail on findings). */
export type FailOn = Severity | 'never';
export const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'never'];
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Half-open [start, end) offsets into a file's text, in UTF-16 code units (JS string indices). */
export interface Span {
  start: number;
  end: number;
}

/** Replace text[start, end) with `text`: an insert when start === end, a delete when text is ''. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  /** Safe fixes are applied by `fix`; unsafe ones only with `--unsafe`. */
  safety: 'safe' | 'unsafe';
  edits: TextEdit[];
}

/** What a rule reports: the engine adds the file, the position and the final severity. */
export interface FindingDraft {
  ruleId: string;
  message: string;
  span: Span;
  severity?: Severity;
  confidence?: Confidence;
  /** Step role or other context the rule inferred, shown to the user. */
  fix?: Fix;
  /** Another file where the finding is reported instead (callers of a reusable workflow). */
  file?: string;
  /** The enclosing step or job: a directive on the line above it covers the finding too. */
  scope?: Span;
}

export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends Location {
  ruleId: string;
  severity: Severity;
  confidence: Confidence;
  message: string;
  /** Why it matters and how to fix it, from the rule's metadata. */
  help: string;
  /** Repository-relative POSIX path. */
  file: string;
  span: Span;
  fix?: Fix;
  /** The source line the finding starts on, for reporters that show it. */
  sourceLine?: string;
  /** First line of the enclosing step or job, where a directive may also stand. */
  scopeLine?: number;
  /** Last line of the enclosing step or job. */
  scopeEndLine?: number;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
