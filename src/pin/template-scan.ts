import type { SourceFile } from '../sources/source-file.js';
import { trailingComment, type PinReference } from './reference.js';
import { parseUses } from './uses-ref.js';

/** Jinja templates that generate workflows (PyTorch's `.github/templates/*.yml.j2`). */
export function isTemplatePath(path: string): boolean {
  return /^\.github\/templates\/(?:.+\/)?[^/]+\.ya?ml\.j2$/.test(path);
}

// A template is not YAML until rendered, so it is scanned line by line. The value ends at
// whitespace, a quote, `#` or the end of the line, so `@v1` never swallows `@v1.2.0`.
const USES_LINE = /^(\s*(?:-\s+)?uses:[ \t]*)(["']?)([^\s"'#]+)(["']?)/;
const EXPRESSION_USES = /^\s*(?:-\s+)?uses:[ \t]*(!?\{\{.*?\}\})/;
// `{%- set upload_artifact_action = "actions/upload-artifact@v3" -%}`: the version comment goes
// inside the string, so the workflow rendered from `uses: !{{ common.upload_artifact_action }}` gets it too.
const SET_LINE = /\{%-?\s*set\s+\w+\s*=\s*(["'])([^"'\s#]+)( #[^"']*)?\1\s*-?%\}/g;

/** Every reference in one template: literal `uses:` lines, `set` variables holding a ref, and `uses: !{{ … }}`. */
export function scanTemplate(file: SourceFile): PinReference[] {
  const out: PinReference[] = [];
  const text = file.text;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const expression = EXPRESSION_USES.exec(line);
    const literal = expression ? null : USES_LINE.exec(line);
    if (expression) {
      const start = lineStart + line.indexOf(expression[1]!);
      out.push({
        file,
        site: 'template-expression',
        value: expression[1]!,
        uses: parseUses(expression[1]!),
        valueSpan: { start, end: start + expression[1]!.length },
      });
    } else if (literal && literal[2] === literal[4]) {
      const value = literal[3]!;
      const start = lineStart + literal[1]!.length + literal[2]!.length;
      const uses = parseUses(value);
      const ref: PinReference = { file, site: 'template-uses', value, uses, valueSpan: { start, end: start + value.length } };
      if (uses.refOffset >= 0) ref.refSpan = { start: start + uses.refOffset, end: start + value.length };
      const after = start + value.length + literal[4]!.length;
      const trailing = trailingComment(text, after);
      if (trailing) Object.assign(ref, { comment: trailing.comment, commentAt: after });
      out.push(ref);
    }
    for (const m of line.matchAll(SET_LINE)) {
      const value = m[2]!;
      const uses = parseUses(value);
      if (uses.kind !== 'action' && uses.kind !== 'reusable-workflow') continue;
      const start = lineStart + m.index! + m[0].indexOf(m[1]!) + 1;
      const ref: PinReference = { file, site: 'template-set', value, uses, valueSpan: { start, end: start + value.length }, commentAt: start + value.length };
      if (uses.refOffset >= 0) ref.refSpan = { start: start + uses.refOffset, end: start + value.length };
      if (m[3]) ref.comment = { text: m[3].trim(), span: { start: start + value.length + 1, end: start + value.length + m[3].length } };
      out.push(ref);
    }
    lineStart += line.length + 1;
  }
  return out;
}
