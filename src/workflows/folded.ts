import type { Str } from '../sources/yaml-source.js';

/** Lines of a folded script (`run: >`) that a `#` on an earlier line turns into a comment. */
export interface SwallowedLines {
  /** File offset of the `#`. */
  hash: number;
  /** The source line with the `#`, without indentation. */
  commentLine: string;
  /** The command the joined line starts with (the first line of the paragraph, up to any `#`). */
  command: string;
  /** Each swallowed source line, without indentation, with its file offset. */
  swallowed: { text: string; offset: number }[];
}

/** Offset of a shell comment's `#` in a line: at the start or after white space, outside quotes. */
export function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return i;
  }
  return -1;
}

/**
 * YAML folds a `>` block scalar: a line break between two lines of text at the block's indentation
 * becomes a space (blank lines and more-indented lines keep theirs). So in
 *
 *     run: >
 *       make   # build
 *       make test
 *
 * the shell gets `make   # build make test`: `make test` never runs. Reads the block's source lines
 * and returns each comment that swallows the lines folded after it.
 */
export function swallowedByComments(value: Str, fileText: string): SwallowedLines[] {
  if (value.node.type !== 'BLOCK_FOLDED' || !value.node.range) return [];
  const [start, end] = value.node.range;
  const headerEnd = fileText.indexOf('\n', start);
  if (headerEnd < 0 || headerEnd >= end) return [];
  const lines: { text: string; offset: number; raw: string }[] = [];
  let pos = headerEnd + 1;
  while (pos < end) {
    const nl = fileText.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    const raw = fileText.slice(pos, lineEnd).replace(/\r$/, '');
    lines.push({ raw, offset: pos, text: raw.trim() });
    pos = lineEnd + 1;
  }
  const first = lines.find((l) => l.text !== '');
  if (!first) return [];
  const indent = first.raw.length - first.raw.trimStart().length;
  const normal = (l: { raw: string; text: string }) => l.text !== '' && l.raw.length - l.raw.trimStart().length === indent;
  const out: SwallowedLines[] = [];
  let paragraph = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!normal(line)) {
      paragraph = '';
      continue;
    }
    if (!paragraph) paragraph = line.text;
    const at = commentStart(line.text);
    if (at < 0) continue;
    const swallowed: SwallowedLines['swallowed'] = [];
    for (let j = i + 1; j < lines.length && normal(lines[j]!); j++) swallowed.push({ text: lines[j]!.text, offset: lines[j]!.offset + indent });
    if (swallowed.length)
      out.push({
        hash: line.offset + indent + at,
        commentLine: line.text,
        command: paragraph.slice(0, Math.max(0, commentStart(paragraph))).trim() || paragraph.trim(),
        swallowed,
      });
    i += swallowed.length;
  }
  return out;
}

/**
 * An action that joins a script's lines with `;` before the shell reads it (addnab/docker-run-action)
 * makes one line of it: the first `#` comment swallows every line after it, whatever the YAML style.
 */
export function swallowedByJoin(value: Str): SwallowedLines[] {
  const text = value.value;
  const lines: { text: string; offset: number }[] = [];
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, end);
    lines.push({ text: raw.trim(), offset: pos + (raw.length - raw.trimStart().length) });
    pos = end + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const at = commentStart(lines[i]!.text);
    if (at < 0) continue;
    const swallowed = lines
      .slice(i + 1)
      .filter((l) => l.text !== '')
      .map((l) => ({ text: l.text, offset: value.map.toFile(l.offset) }));
    if (!swallowed.length) return [];
    const line = lines[i]!;
    return [{ hash: value.map.toFile(line.offset + at), commentLine: line.text, command: line.text.slice(0, at).trim(), swallowed }];
  }
  return [];
}
