import type { Pair } from 'yaml';
import type { TextEdit } from '../core/finding.js';
import { spanOf } from '../sources/yaml-source.js';

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Deletes a `key: value` pair that has its line(s) to itself, with its line ending (a trailing
 * comment stays, on a line of its own); undefined when the pair shares a line
 * (`- continue-on-error: true`), where deleting would break the mapping.
 */
export function deletePairLines(text: string, pair: Pair): TextEdit | undefined {
  const span = spanOf(pair);
  const start = lineStartOf(text, span.start);
  if (text.slice(start, span.start).trim() !== '') return undefined;
  const end = lineEndOf(text, Math.max(span.end - 1, span.start));
  const rest = text.slice(span.end, end).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  // `continue-on-error: true  # flaky on arm64, see #123`: the reason outlives the line, as a comment.
  if (rest.startsWith('#')) return { start, end, text: `${text.slice(start, span.start)}${rest}${/\r?\n$/.exec(text.slice(span.end, end))?.[0] ?? ''}` };
  return { start, end, text: '' };
}

/** Replaces a scalar value's source bytes, keeping its quoting style. */
export function replaceScalar(text: string, pair: Pair, value: string): TextEdit | undefined {
  const node = pair.value as { range?: [number, number, number] } | null;
  if (!node?.range) return undefined;
  const [start, end] = node.range;
  const src = text.slice(start, end);
  const quote = src.startsWith('"') ? '"' : src.startsWith("'") ? "'" : '';
  return { start, end, text: `${quote}${value}${quote}` };
}

/** Indentation (spaces) of the line holding `offset`, counting a `- ` sequence marker as indentation. */
export function keyIndent(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return ' '.repeat(offset - start);
}

/** The line ending the file uses, so inserted lines match CRLF files. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export { lineEndOf, lineStartOf };
