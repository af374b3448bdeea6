import { memoScript } from '../core/memo.js';
import { maskExpressions, restoreExpressions } from '../sources/shell-script.js';
import { checkOne, markChecked, type NativeCommand } from './natives.js';

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
  // A step's script is read for its role, for its hidden failures and by test-result-discarded: once.
  return memoScript(cache, script, () => readCmdNatives(script));
}

const cache = new Map<string, NativeCommand[]>();

function readCmdNatives(script: string): NativeCommand[] {
  const out: NativeCommand[] = [];
  let offset = 0;
  let ifCount = 0;
  const stack: string[] = [];
  let errorCheck: { block: string; of: NativeCommand } | undefined;
  // A caret at the end of a line continues it.
  const lines: { start: number; text: string }[] = [];
  const masked = maskExpressions(script);
  for (const raw of masked.split('\n')) {
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
      markChecked(
        out,
        stack.filter((b) => b.startsWith('if')),
        stack,
      );
      continue;
    }
    // Inside `if %ERRORLEVEL% neq 0 ( … exit /b 1 )`, an exit or goto checks the command before the block.
    if (errorCheck && stack.includes(errorCheck.block) && /^(exit\s+(\/b\s+)?[1-9%!]|goto\b)/i.test(line) && !errorCheck.of.checked) {
      checkOne(errorCheck.of, stack);
    }
    const opensIf = /^if\b.*\(\s*$/i.exec(line);
    if (opensIf) {
      const block = `if${ifCount++}:0`;
      stack.push(block);
      const last = out[out.length - 1];
      if (/errorlevel/i.test(line) && last) errorCheck = { block, of: last };
      continue;
    }
    if (/^(for|if)\b.*\(\s*$/i.test(line)) {
      stack.push(`${/^for\b/i.test(line) ? 'loop' : 'blk'}${ifCount++}:0`);
      continue;
    }
    const loops = stack.filter((b) => b.startsWith('loop'));
    // `for %%f in (*.nupkg) do nuget push %%f`: the command after `do` runs once per item.
    const oneLine = /^for\b.*?\sdo\s+(.*)$/i.exec(line);
    if (oneLine) {
      line = oneLine[1]!.trim().replace(/^\((.*)\)$/, '$1');
      loops.push(`loop${ifCount++}:0`);
    }
    const parts = splitChain(line);
    const checkedByChain = /\|\|\s*(exit|goto)/i.test(line);
    // `choco install ninja -y && goto :ok` in a loop: a retry, left on success (see natives-pwsh.ts).
    const leaves = /&&\s*(goto|exit)\b/i.test(line);
    for (const { text: part, andChain } of parts) {
      const words =
        part
          // `do @echo %%f`: `@` only keeps the command from being echoed, wherever it starts one.
          .replace(/^@/, '')
          .replace(/^call\s+/i, '')
          // (cmd takes an unclosed quote to the end of the line: `call "C:\Program Files\…\vcvars64.bat`.)
          .match(/(?:"[^"]*"?|[^\s"])+/g)
          ?.map((w) => w.replace(/"/g, '')) ?? [];
      dropRedirections(words);
      // `start prog` launches prog and goes on: its ERRORLEVEL says only that the launch worked, and
      // prog's own exit code never reaches this script. `start /wait prog` waits and sets it to prog's.
      if (/^start$/i.test(words[0] ?? '')) {
        if (!words.some((w) => /^\/wait$/i.test(w))) continue;
        words.splice(0, 1);
        while (words.length && /^\/\w+$/.test(words[0]!)) words.shift();
      }
      const name = (words[0] ?? '').toLowerCase();
      if (!name || CMD_KEEPS.has(name) || name.startsWith(':') || /^(exit|if|for)$/.test(name)) continue;
      if (name === 'set' && (out.length === 0 || oneLine)) continue;
      out.push({
        start: lineStart,
        end: lineStart + rawLine.length,
        words,
        branches: stack.filter((b) => b.startsWith('if')),
        checked: checkedByChain,
        throws: false,
        andChain,
        // (`set` in a loop body sets a variable: it does not fail, so it hides nothing of its own.)
        loops: name === 'set' || leaves ? undefined : loops,
      });
    }
  }
  for (const n of out) n.words = restoreExpressions(n.words, masked, script, n.start);
  return out;
}

let chains = 0;

/**
 * A line's commands joined by `&&`, `||` or `&`, split where the operator is not inside double quotes;
 * commands joined by `&&` share a chain id (the rest of the chain is skipped when one fails).
 */
function splitChain(line: string): { text: string; andChain?: number }[] {
  const parts: { text: string; andChain?: number }[] = [];
  let quoted = false;
  let from = 0;
  let chain: number | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    // `2>&1`, `>&2`: a redirection, not an operator.
    else if (!quoted && ((c === '&' && line[i - 1] !== '>' && line[i - 1] !== '<') || (c === '|' && line[i + 1] === '|'))) {
      const and = c === '&' && line[i + 1] === '&';
      if (and) chain ??= chains++;
      parts.push({ text: line.slice(from, i).trim(), andChain: chain });
      if (!and) chain = undefined;
      i += line[i + 1] === c ? 1 : 0;
      from = i + 1;
    }
  }
  parts.push({ text: line.slice(from).trim(), andChain: chain });
  return parts;
}

/** Removes `> NUL`, `2>&1`, `>>log.txt`, `< in.txt` from a command's words: where output goes, not what runs. */
function dropRedirections(words: string[]): void {
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    if (/^\d?(>>?|<)(&\d)?$/.test(w)) words.splice(i, w.includes('&') ? 1 : 2);
    else if (/^\d?(>>?|<)/.test(w)) words.splice(i, 1);
    else i++;
  }
}
