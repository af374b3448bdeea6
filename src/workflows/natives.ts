import { parsePwsh, pipelineElements, pwshWords, type PwshStatement } from '../sources/pwsh-script.js';
import { maskExpressions } from '../sources/shell-script.js';

/**
 * Native programs run by a PowerShell or cmd script, in order. Both shells fail a step only on the
 * exit code of the last native program (PowerShell: GitHub appends `exit $LASTEXITCODE`; cmd: the
 * script's ERRORLEVEL at the end), so every native program followed by another one, with no check
 * of `$LASTEXITCODE`/`$?`/`errorlevel` between them, fails unnoticed.
 */
export interface NativeCommand {
  /** Offsets in the script. */
  start: number;
  end: number;
  words: string[];
  /** Branches of `if`/`else` (and `catch`) it sits in: `if7:0` then-part of statement 7, `if7:1` its else. */
  branches: string[];
  /** A check of its exit code follows before the next native program (`if ($LASTEXITCODE -ne 0) { exit 1 }`, `|| exit /b 1`). */
  checked: boolean;
  /** It runs after a setting that makes failing natives throw (`$PSNativeCommandUseErrorActionPreference = $true`). */
  throws: boolean;
}

export interface HiddenNative {
  command: NativeCommand;
  /** The native program that runs after it and whose code counts instead. */
  next: NativeCommand;
}

/** Whether two commands sit in different branches of the same `if`. */
function exclusive(a: NativeCommand, b: NativeCommand): boolean {
  for (const x of a.branches) {
    const [id, arm] = x.split(':');
    if (b.branches.some((y) => y.startsWith(`${id}:`) && y !== `${id}:${arm}`)) return true;
  }
  return false;
}

/** Natives whose failure a later native hides. */
export function hiddenNatives(natives: readonly NativeCommand[]): HiddenNative[] {
  const out: HiddenNative[] = [];
  natives.forEach((n, i) => {
    if (n.checked || n.throws) return;
    const next = natives.slice(i + 1).find((m) => !exclusive(n, m));
    if (next) out.push({ command: n, next });
  });
  return out;
}

// ---- PowerShell ----

/** PowerShell's approved verbs: `Verb-Noun` with one of these is a cmdlet, not a native program (`check-wheel-contents` is one). */
const VERBS = new Set(
  'add approve assert backup block build checkpoint clear close compare complete compress confirm connect convert convertfrom convertto copy debug deny deploy disable disconnect dismount edit enable enter exit expand export find format get grant group hide import initialize install invoke join limit lock measure merge mount move new open optimize out ping pop protect publish push read receive redo register remove rename repair request reset resize resolve restart restore resume revoke save search select send set show skip split start step stop submit suspend switch sync tee test trace unblock undo uninstall unlock unprotect unpublish unregister update use wait watch where write foreach sort'.split(' '),
);

/** Aliases and keywords that are not native programs. */
const NOT_NATIVE = new Set(
  'echo write cd chdir ls dir cat type cp copy mv move rm del erase rd rmdir mkdir md pushd popd sl gci gc sc iex iwr irm where foreach % ? select sort measure tee sleep start kill ps cls clear pwd set sv gv rv ni ri mi ci si ii gi gp sp fl ft fw gm oh compare diff group man help icm ipmo exit return throw break continue if elseif else for while do until switch try catch finally function filter param begin process end trap data class enum using $null'.split(' '),
);

function isNativeName(word: string): boolean {
  const w = word.toLowerCase();
  if (!w || w.startsWith('$') || w.startsWith('(') || w.startsWith('[') || w.startsWith('@') || w.startsWith('{') || w.startsWith('-') || /^\d/.test(w) || w.startsWith('"') || w.startsWith("'")) return false;
  if (NOT_NATIVE.has(w)) return false;
  const verbNoun = /^([a-z]+)-[a-z][\w]*$/.exec(w);
  if (verbNoun && VERBS.has(verbNoun[1]!)) return false;
  return true;
}

const CHECK = /\$LASTEXITCODE|\$\?|-ErrorAction\s+Stop/i;

/** The words of a native program in one pipeline element (`& "x.exe" a`, `$v = python -c …`), if it runs one. */
function nativeWords(element: string): string[] | undefined {
  let e = element.trim();
  const assign = /^(\[[\w.]+\]\s*)?\$[\w:]+\s*[+-]?=\s*(.*)$/s.exec(e);
  if (assign) {
    e = assign[2]!.trim();
    // A value, not a command: `$x = "…"`, `$x = $y`, `$x = @(…)`, `$x = 3`.
    if (/^["'$@\[\d(]|^(true|false|null)$/i.test(e)) return undefined;
  }
  e = e.replace(/^\(\s*|\s*\)$/g, '');
  // A string on its own is output (`"root=$x" | Out-File …`), not a program.
  if (/^["'@]/.test(e)) return undefined;
  const words = pwshWords(e);
  if (words[0] === '&' || words[0] === '.') {
    const target = words[1];
    if (!target || target.startsWith('{') || target.startsWith('$')) return undefined;
    return words.slice(1);
  }
  return words.length && isNativeName(words[0]!) ? words : undefined;
}

/**
 * Native programs of a PowerShell script. `pwsh` (7.3 and later, what GitHub's runners have) makes
 * a failing native program throw once `$PSNativeCommandUseErrorActionPreference = $true`; Windows
 * PowerShell (`powershell`) ignores that setting.
 */
export function pwshNatives(script: string, edition: 'pwsh' | 'powershell'): NativeCommand[] {
  const out: NativeCommand[] = [];
  let throws = false;
  let ifCount = 0;
  const visit = (stmts: readonly PwshStatement[], branches: string[]) => {
    stmts.forEach((st) => {
      const head = st.head;
      if (edition === 'pwsh' && /\$PSNativeCommandUseErrorActionPreference\s*=\s*\$true/i.test(head)) throws = true;
      if (CHECK.test(head) || /\|\|\s*(exit|throw)/i.test(head)) {
        const last = out[out.length - 1];
        if (last) last.checked = true;
      }
      const keyword = /^\s*(\w+)/.exec(head)?.[1]?.toLowerCase();
      if (keyword === 'function' || keyword === 'filter') return;
      if (st.blocks.length === 0 || !['if', 'foreach', 'for', 'while', 'do', 'switch', 'try'].includes(keyword ?? '')) {
        for (const element of pipelineElements(head.replace(/\{…\}/g, ''))) {
          const words = nativeWords(element);
          if (words) out.push({ start: st.start, end: st.end, words, branches, checked: false, throws });
        }
      }
      if (st.blocks.length) {
        const id = `if${ifCount++}`;
        let arm = 0;
        for (const b of st.blocks) {
          const conditional = ['if', 'elseif', 'else', 'catch', 'switch'].includes(b.owner);
          visit(b.statements, conditional ? [...branches, `${id}:${arm++}`] : branches);
        }
      }
    });
  };
  visit(parsePwsh(maskExpressions(script)), []);
  return out;
}

// ---- cmd ----

/** cmd built-ins that leave ERRORLEVEL as it was when they succeed. */
const CMD_KEEPS = new Set(['echo', 'echo.', 'rem', '::', 'title', 'cls', 'goto', 'setlocal', 'endlocal', 'pushd', 'popd', 'cd', 'chdir', 'pause', 'shift', 'mkdir', 'md']);

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
      const words = part.replace(/^call\s+/i, '').match(/(?:"[^"]*"|[^\s"])+/g)?.map((w) => w.replace(/"/g, '')) ?? [];
      const name = (words[0] ?? '').toLowerCase();
      if (!name || CMD_KEEPS.has(name) || name.startsWith(':') || /^(exit|if|for)$/.test(name)) continue;
      if (name === 'set' && out.length === 0) continue;
      out.push({ start: lineStart, end: lineStart + rawLine.length, words, branches: stack.filter((b) => b.startsWith('if')), checked: checkedByChain, throws: false });
    }
  }
  return out;
}
