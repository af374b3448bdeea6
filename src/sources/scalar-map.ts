import type { Scalar } from 'yaml';

/**
 * Maps offsets in a YAML scalar's value back to offsets in the file. Exact for plain and quoted
 * scalars without escapes and for literal block scalars (`run: |`), which is where scripts live;
 * folded and escaped scalars map each value line to its best file line and are not `exact`, so
 * no fix is ever computed on them.
 */
export class ScalarMap {
  private constructor(
    /** File offset where each value line starts (value line i → lineStarts[i]). */
    private readonly lineStarts: number[],
    /** Offset in the value where each value line starts. */
    private readonly valueLineStarts: number[],
    readonly exact: boolean,
  ) {}

  static of(node: Scalar, fileText: string): ScalarMap {
    const value = String(node.value ?? '');
    const [start, end] = node.range ?? [0, 0];
    const source = fileText.slice(start, end);
    if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
      return ScalarMap.block(node, fileText, start, end, value);
    }
    if (node.type === 'PLAIN' && source === value) return new ScalarMap([start], [0], true);
    if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && source.slice(1, -1) === value) {
      return new ScalarMap([start + 1], [0], true);
    }
    return new ScalarMap([start], [0], false);
  }

  private static block(node: Scalar, text: string, start: number, end: number, value: string): ScalarMap {
    const headerEnd = text.indexOf('\n', start);
    const bodyStart = headerEnd < 0 || headerEnd > end ? end : headerEnd + 1;
    const rawLines: { start: number; text: string }[] = [];
    let pos = bodyStart;
    while (pos < end) {
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl < 0 || nl >= end ? end : nl;
      let content = text.slice(pos, lineEnd);
      if (content.endsWith('\r')) content = content.slice(0, -1);
      rawLines.push({ start: pos, text: content });
      pos = lineEnd + 1;
    }
    const header = text.slice(start, bodyStart);
    const explicit = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(header);
    let indent = explicit ? Number(explicit[1] ?? explicit[2]) : -1;
    if (indent < 0) {
      const first = rawLines.find((l) => l.text.trim() !== '');
      indent = first ? first.text.length - first.text.trimStart().length : 0;
    } else {
      // An explicit indicator is relative to the parent's indentation.
      const lineStart = text.lastIndexOf('\n', start) + 1;
      const parentIndent = /^ */.exec(text.slice(lineStart))![0].length;
      indent += parentIndent;
    }
    const lineStarts = rawLines.map((l) => l.start + Math.min(indent, l.text.length));
    const valueLineStarts: number[] = [];
    let offset = 0;
    for (const line of value.split('\n')) {
      valueLineStarts.push(offset);
      offset += line.length + 1;
    }
    const exact = node.type === 'BLOCK_LITERAL' && valueLineStarts.length <= lineStarts.length + 1;
    return new ScalarMap(lineStarts.length ? lineStarts : [bodyStart], valueLineStarts, exact);
  }

  /** File offset of a value offset. */
  toFile(valueOffset: number): number {
    let line = 0;
    while (line + 1 < this.valueLineStarts.length && this.valueLineStarts[line + 1]! <= valueOffset) line++;
    const base = this.lineStarts[Math.min(line, this.lineStarts.length - 1)]!;
    return base + (valueOffset - this.valueLineStarts[line]!);
  }
}
