import type { HiddenFailure } from './types.js';
import { cleanPath, producedPaths } from './produced.js';
import { escapeRegExp } from '../../core/regexp.js';

/**
 * PowerShell: after the hidden native program, the script asks about what it made and throws when the
 * answer is wrong (`docker run --detach --name $name img` … `$running = docker inspect … $name` …
 * `if ($running -ne "true") { throw … }`). A failed run leaves nothing to ask about, the answer is
 * empty, and the throw fails the step: the script checks the command's work itself.
 *
 * The question must name something the hidden command named (a variable, or a literal argument past
 * the subcommand), so that an unrelated check later in the script does not count.
 */
export function probedAfter(h: HiddenFailure): { text: string; offset: number } | undefined {
  if (h.how !== 'native' || h.site.shell.program === 'cmd') return undefined;
  const read = cmdletReadsProduced(h);
  if (read) return read;
  const subjects = h.words
    .slice(2)
    .filter((w) => !/^[-/]/.test(w) && (/^\$(env:)?\w+$/i.test(w) || /^[\w.:\\/-]{4,}$/.test(w)))
    .map((w) => w.toLowerCase());
  if (subjects.length === 0) return undefined;
  const script = h.site.value.value;
  const from = h.commandRange.end;
  const rest = script.slice(from);
  const names = (text: string) => {
    const t = text.toLowerCase();
    return subjects.some((s) => new RegExp(`(^|[^\\w$:])${escapeRegExp(s)}(?![\\w])`).test(t));
  };
  for (const a of rest.matchAll(/^[ \t]*\$(\w+)\s*=\s*(.+)$/gm)) {
    if (!names(a[2]!)) continue;
    const after = rest.slice(a.index! + a[0].length);
    const check = new RegExp(`\\bif\\s*\\([^\\n]*\\$${escapeRegExp(a[1]!)}\\b[^\\n]*\\)\\s*\\{([^}]*)\\}`, 'i').exec(after);
    if (!check || !/\bthrow\b|\bexit\s+[1-9]|\bWrite-Error\b/i.test(check[1]!)) continue;
    const offset = from + a.index! + a[0].length + check.index;
    return { text: `${a[0].trim()} … ${check[0].split('\n')[0]!.trim()}`, offset };
  }
  return undefined;
}

/** Cmdlets that fail on a path that is not there: under the runner's `$ErrorActionPreference = 'stop'` they throw. */
const READS_PATH =
  /^[ \t]*(?:\$[\w.]+\s*=\s*)?(?:Get-ChildItem|gci|dir|ls|Get-Item|gi|Get-Content|gc|Copy-Item|cp|copy|Move-Item|mv|move|Resolve-Path|rvpa)\s+(?:-(?:Literal)?Path\s+)?["']?([^\s"'|;]+)(.*)$/gim;

/**
 * `python ./setup.py bdist_wheel` then `$package = Get-ChildItem ./dist | …`: a failed build leaves no
 * dist/ in a fresh checkout, and the cmdlet reading it throws, which fails the step.
 */
function cmdletReadsProduced(h: HiddenFailure): { text: string; offset: number } | undefined {
  const produced = producedPaths(h.words);
  if (produced.length === 0) return undefined;
  const rest = h.site.value.value.slice(h.commandRange.end);
  for (const m of rest.matchAll(READS_PATH)) {
    if (/-(ErrorAction|ea)\s+(SilentlyContinue|Ignore|Continue|0)\b/i.test(m[2]!)) continue;
    const path = cleanPath(m[1]!);
    if (produced.some((d) => path === d || path.startsWith(`${d}/`))) return { text: m[0].trim().slice(0, 60), offset: h.commandRange.end + m.index! };
  }
  return undefined;
}
