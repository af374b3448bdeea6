import type { Span } from '../core/finding.js';
import type { SourceFile } from '../sources/source-file.js';
import type { ParsedUses } from './uses-ref.js';

/** Where a reference was found: the YAML walk (step, job) or the template scan. */
export type ReferenceSite = 'step' | 'job' | 'template-uses' | 'template-set' | 'template-expression';

/** One `uses:` reference in one file, with the exact offsets an edit may touch. */
export interface PinReference {
  file: SourceFile;
  site: ReferenceSite;
  /** The value without quotes or comment, e.g. `actions/checkout@v4`. */
  value: string;
  uses: ParsedUses;
  /** File offsets of the value (quotes excluded), for findings. */
  valueSpan: Span;
  /** File offsets of the ref after `@`; absent when the text cannot be edited exactly (escapes, flow style). */
  refSpan?: Span;
  /** The comment after the value (`# v4.2.2`), with its offsets. */
  comment?: { text: string; span: Span };
  /** Where ` # vX.Y.Z` is inserted when there is no comment; absent when nothing may follow the value on its line. */
  commentAt?: number;
}

export const isExternal = (r: PinReference): boolean => r.uses.kind === 'action' || r.uses.kind === 'reusable-workflow';

/** The text between `from` and the end of its line (without CR), and where that line ends. */
export function restOfLine(text: string, from: number): { rest: string; end: number } {
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  if (end > from && text.charCodeAt(end - 1) === 13) end--;
  return { rest: text.slice(from, end), end };
}

/** A trailing `   # comment` after a value, or nothing; undefined when other text follows (flow style). */
export function trailingComment(text: string, from: number): { comment?: { text: string; span: Span } } | undefined {
  const { rest } = restOfLine(text, from);
  const m = /^(\s*)(#.*)?$/.exec(rest);
  if (!m) return undefined;
  if (!m[2]) return {};
  const start = from + m[1]!.length;
  return { comment: { text: m[2].trimEnd(), span: { start, end: start + m[2].trimEnd().length } } };
}
