import { maskExpressions } from '../sources/shell-script.js';
import type { NativeCommand } from './natives.js';

// Native commands of a cmd script (see natives.ts for why they matter).

/** cmd built-ins that leave ERRORLEVEL as it was when they succeed. */
const CMD_KEEPS = new Set([
  'echo',
  'echo.',
  'rem',
  '::',
  'title',
  'cls',
  'goto',
  'setlocal',
  'endlocal',
  'pushd',
  'popd',
  'cd',
  'chdir',
  'pause',
  'shift',
  'mkdir',
  'md',
]);

/**
 * Native commands of a cmd script, line by line: `call x` and external programs count (and `set`,
 * which resets ERRORLEVEL to 0 in a .cmd file); `echo`, `rem`, `cd` keep it. A line joined with
 * `|| exit /b` or followed by `if errorlevel 1` / `if %errorlevel% neq 0` is checked.
 */
export function cmdNatives(script: string): NativeCommand[] {
  const out: NativeCommand[] = [];
  let offset = 0;
  let ifCount = 0;
  const stack: string[] = [];
  // A caret at the end of a line continues it.
  const lines: { start: number; text: string }[] = [];
  for (const raw of maskExpressions(script).split('\n')) {
    const start = offset;
    offset += raw.length + 1;
    const prev = lines[lines.length - 1];
    if (prev && /\^\s*$/.test(prev.text)) prev.text = `${prev.text.replace(/\^\s*$/, '')} ${raw}`;
    else lines.push({ start, text: raw });
  }
  for (const { start: lineStart, text: rawLine } of lines) {
    let line = rawLine.replace(/\r$/, '').trim().replace(/^@/, '');
    // `rem`, `::` and (harmlessly failing) `#` lines are comments.
    if (!line || /^(rem\b|::|#)/i.test(line)) continue;
    if (/^\)\s*else\s*\(/i.test(line)) {
      const top = stack.pop();
      if (top) {
        const [id] = top.split(':');
        stack.push(`${id}:1`);
      }
      continue;
    }
    if (/^\)/.test(line)) {
      stack.pop();
      line = line.slice(1).trim();
      if (!line) continue;
    }
    if (/errorlevel/i.test(line) && /\b(exit|goto)\b/i.test(line)) {
      const last = out[out.length - 1];
      if (last) last.checked = true;
      continue;
    }
    const opensIf = /^if\b.*\(\s*$/i.exec(line);
    if (opensIf) {
      stack.push(`if${ifCount++}:0`);
      continue;
    }
    if (/^(for|if)\b.*\(\s*$/i.test(line)) {
      stack.push(`blk${ifCount++}:0`);
      continue;
    }
    const parts = line.split(/\s*(?:&&|\|\||&)\s*/);
    const checkedByChain = /\|\|\s*(exit|goto)/i.test(line);
    for (const part of parts) {
      const words =
        part
          .replace(/^call\s+/i, '')
          .match(/(?:"[^"]*"|[^\s"])+/g)
          ?.map((w) => w.replace(/"/g, '')) ?? [];
      const name = (words[0] ?? '').toLowerCase();
      if (!name || CMD_KEEPS.has(name) || name.startsWith(':') || /^(exit|if|for)$/.test(name)) continue;
      if (name === 'set' && out.length === 0) continue;
      out.push({
        start: lineStart,
        end: lineStart + rawLine.length,
        words,
        branches: stack.filter((b) => b.startsWith('if')),
        checked: checkedByChain,
        throws: false,
      });
    }
  }
  return out;
}
