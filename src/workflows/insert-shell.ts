import { isScalar } from 'yaml';
import type { TextEdit } from '../core/finding.js';
import type { Step } from '../sources/workflow.js';
import { eolOf, keyIndent, lineStartOf } from './yaml-edits.js';

/**
 * An edit adding `shell: bash` to a step, as a line of its own at the step's key indentation: before
 * the first key that starts a line, or after the step's last value when the step is one line; as the
 * first entry of a flow mapping.
 */
export function insertShellBash(text: string, step: Step): TextEdit | undefined {
  const eol = eolOf(text);
  const keys = step.map.items.map((p) => p.key).filter(isScalar);
  if (keys.length === 0 || !keys[0]!.range) return undefined;
  // `- { run: "a | b" }`: a line of its own would break the flow mapping; the key goes inside it.
  if (step.map.flow) return { start: keys[0]!.range[0], end: keys[0]!.range[0], text: 'shell: bash, ' };
  const indent = keyIndent(text, keys[0]!.range[0]);
  for (const key of keys) {
    const start = key.range![0];
    const lineStart = lineStartOf(text, start);
    if (text.slice(lineStart, start).trim() === '') return { start: lineStart, end: lineStart, text: `${' '.repeat(start - lineStart)}shell: bash${eol}` };
  }
  const last = step.map.items[step.map.items.length - 1]!;
  const valueEnd = (last.value as { range?: [number, number, number] } | null)?.range?.[2];
  if (valueEnd === undefined) return undefined;
  if (text[valueEnd - 1] === '\n') return { start: valueEnd, end: valueEnd, text: `${indent}shell: bash${eol}` };
  return { start: valueEnd, end: valueEnd, text: `${eol}${indent}shell: bash` };
}
