import { memoScript } from '../core/memo.js';
import { parsePwsh, pipelineElements, pwshWords, subexpressions, type PwshStatement } from '../sources/pwsh-script.js';
import { maskExpressions, restoreExpressions } from '../sources/shell-script.js';
import { markChecked, type NativeCommand } from './natives.js';

// Native programs of a PowerShell script (see natives.ts for why they matter).

/** PowerShell's approved verbs: `Verb-Noun` with one of these is a cmdlet, not a native program (`check-wheel-contents` is one). */
const VERBS = new Set(
  'add approve assert backup block build checkpoint clear close compare complete compress confirm connect convert convertfrom convertto copy debug deny deploy disable disconnect dismount edit enable enter exit expand export find format get grant group hide import initialize install invoke join limit lock measure merge mount move new open optimize out ping pop protect publish push read receive redo register remove rename repair request reset resize resolve restart restore resume revoke save search select send set show skip split start step stop submit suspend switch sync tee test trace unblock undo uninstall unlock unprotect unpublish unregister update use wait watch where write foreach sort'.split(
    ' ',
  ),
);

/** Aliases and keywords that are not native programs. */
// (`refreshenv`: Chocolatey's profile function that reloads the environment, not a program.)
const NOT_NATIVE = new Set(
  'echo write sls gps saps spps gcm gsv gal sal ndr gdr gl gu ogv epcsv ipcsv gwmi gcim cd chdir ls dir cat type cp copy mv move rm del erase rd rmdir mkdir md pushd popd sl gci gc sc iex iwr irm where foreach % ? select sort measure tee sleep start kill ps cls clear pwd set sv gv rv ni ri mi ci si ii gi gp sp fl ft fw gm oh compare diff group man help icm ipmo exit return throw break continue if elseif else for while do until switch try catch finally function filter param begin process end trap data class enum using $null refreshenv deactivate ren rni cpi clc clp cvpa gpv rp rvpa gjb rjb sajb spjb wjb rcjb rdr nmo ipsn ihy ghy h history'.split(
    ' ',
  ),
);

/**
 * PowerShell commands the script itself defines: `function Name`/`filter Name`, and a dot-sourced
 * script named after the function it defines (`. $dir\Ensure-Location.ps1`, the module convention).
 */
function scriptFunctions(script: string): Set<string> {
  const out = new Set<string>();
  for (const m of script.matchAll(/\b(?:function|filter)\s+([\w-]+)/gi)) out.add(m[1]!.toLowerCase());
  for (const m of script.matchAll(/(?:^|[;\n])\s*\.\s+["']?[^\s"']*?([\w-]+)\.ps1\b/gi)) out.add(m[1]!.toLowerCase());
  return out;
}

function isNativeName(word: string, functions: ReadonlySet<string>): boolean {
  // `Ensure-Location`, `Run-Build`: PowerShell's capitalised Verb-Noun style names functions and
  // cmdlets; native programs are not named so (`check-wheel-contents`, `clang-tidy`).
  if (/^[A-Z][a-z]+-[A-Z]\w*$/.test(word)) return false;
  const w = word.toLowerCase();
  if (functions.has(w)) return false;
  if (
    !w ||
    w.startsWith('$') ||
    w.startsWith('(') ||
    w.startsWith('[') ||
    w.startsWith('@') ||
    w.startsWith('{') ||
    w.startsWith('-') ||
    /^\d/.test(w) ||
    w.startsWith('"') ||
    w.startsWith("'")
  )
    return false;
  // `if(`, `foreach(`, `switch(`: a keyword written against its parenthesis.
  if (NOT_NATIVE.has(w) || NOT_NATIVE.has(w.split(/[({]/)[0]!)) return false;
  // `resolve-path("x")`: a cmdlet called with its argument in parentheses against its name.
  const verbNoun = /^([a-z]+)-[a-z][\w]*$/.exec(w.split(/[({]/)[0]!);
  if (verbNoun && VERBS.has(verbNoun[1]!)) return false;
  return true;
}

/** Statements whose blocks run once per pass (`do { … } while (…)` and `until` too), and blocks run once per item (`| % { … }`). */
const LOOP_KEYWORDS = new Set(['foreach', 'for', 'while', 'do']);
const LOOP_OWNERS = new Set(['foreach', 'foreach-object', '%']);

// `$LASTEXITCODE = 0` resets the code rather than reading it.
const CHECK = /\$LASTEXITCODE(?!\s*=[^=])|\$\?|-ErrorAction\s+Stop/i;

/**
 * Variables the script sets to a program's path (`$vswhere = "C:\…\vswhere.exe"`, `$dumpbin = & $vswhere
 * … -find …\dumpbin.exe`): `& $dumpbin /dependents x.exe` runs that program. A script block or a
 * `.ps1` is not one.
 */
function programVariables(script: string): Set<string> {
  const out = new Set<string>();
  for (const m of script.matchAll(/(?:^|[;\n])\s*\$([\w]+)\s*=\s*([^\n;]*)/g)) {
    const value = m[2]!;
    if (/\.(exe|com)\b/i.test(value) && !/\.ps1\b/i.test(value) && !value.trimStart().startsWith('{')) out.add(m[1]!.toLowerCase());
  }
  return out;
}

/** The words of a native program in one pipeline element (`& "x.exe" a`, `$v = python -c …`), if it runs one. */
function nativeWords(element: string, functions: ReadonlySet<string>, programs: ReadonlySet<string> = new Set()): string[] | undefined {
  let e = element.trim();
  const assign = /^(\[[\w.]+\]\s*)?\$[\w:]+\s*[+-]?=\s*(.*)$/s.exec(e);
  if (assign) {
    e = assign[2]!.trim();
    // A value, not a command: `$x = "…"`, `$x = $y`, `$x = @(…)`, `$x = 3`, `$x = ${{ matrix.v }}` (masked to underscores).
    if (/^["'$@[\d(]|^(true|false|null)$|^_{4,}$/i.test(e)) return undefined;
  }
  e = e.replace(/^\(\s*|\s*\)$/g, '');
  // A string on its own is output (`"root=$x" | Out-File …`), not a program.
  if (/^["'@]/.test(e)) return undefined;
  const words = pwshWords(e);
  if (words[0] === '&' || words[0] === '.') {
    const target = words[1];
    if (!target || target.startsWith('{')) return undefined;
    // An environment variable holds a string, never a script block: `& "$Env:PYTHON_EXE" -c …` runs
    // the program at that path.
    if (target.startsWith('$'))
      return words[0] === '&' && (programs.has(target.slice(1).toLowerCase()) || /^\$env:\w+$/i.test(target)) ? words.slice(1) : undefined;
    return words.slice(1);
  }
  return words.length && isNativeName(words[0]!, functions) ? words : undefined;
}

/**
 * Native programs of a PowerShell script. `pwsh` (7.3 and later, what GitHub's runners have) makes
 * a failing native program throw once `$PSNativeCommandUseErrorActionPreference = $true`; Windows
 * PowerShell (`powershell`) ignores that setting.
 */
export function pwshNatives(script: string, edition: 'pwsh' | 'powershell'): NativeCommand[] {
  // A step's script is read for its role, for its hidden failures and by test-result-discarded: once.
  return memoScript(cache, `${edition}\n${script}`, () => readPwshNatives(script, edition));
}

const cache = new Map<string, NativeCommand[]>();

function readPwshNatives(script: string, edition: 'pwsh' | 'powershell'): NativeCommand[] {
  const out: NativeCommand[] = [];
  let throws = false;
  let ifCount = 0;
  const functions = scriptFunctions(script);
  const programs = programVariables(script);
  // `caseOf`: the statements are the cases of a `switch` (`"a" { … }`, `default { … }`): each head is a
  // label, not a command, and the cases are alternatives of one another.
  // `loops`: the loop bodies the statements sit in, innermost last.
  const visit = (stmts: readonly PwshStatement[], outer: string[], loops: string[], caseOf?: string) => {
    stmts.forEach((st, index) => {
      const head = st.head;
      const branches = caseOf ? [...outer, `${caseOf}:${index}`] : outer;
      if (edition === 'pwsh' && /\$PSNativeCommandUseErrorActionPreference\s*=\s*\$true/i.test(head)) throws = true;
      if (CHECK.test(head) || /\|\|\s*(exit|throw)/i.test(head)) {
        markChecked(out, branches, loops);
      }
      // `exit 1` or `throw` right after a native of the same block (`echo "bad: $(quarto --paths)"; Exit 1`)
      // fails the step whatever that native returned: nothing of it is hidden.
      const last = out.at(-1);
      if (/^\s*(exit\s+[1-9]\d*|throw)\b/i.test(head) && last && last.branches.join() === branches.join() && (last.loops ?? []).join() === loops.join())
        last.checked = true;
      const keyword = /^\s*(\w+)/.exec(head)?.[1]?.toLowerCase();
      if (keyword === 'function' || keyword === 'filter') return;
      if (!caseOf && (st.blocks.length === 0 || !['if', 'foreach', 'for', 'while', 'do', 'switch', 'try'].includes(keyword ?? ''))) {
        for (const element of pipelineElements(head.replace(/\{…\}/g, ''))) {
          // `echo "CHANGES=$(git status --porcelain)"`: git runs before echo and sets $LASTEXITCODE.
          for (const inner of subexpressions(element))
            for (const st2 of parsePwsh(inner))
              for (const e2 of pipelineElements(st2.head)) {
                const w = nativeWords(e2, functions, programs);
                if (w) out.push({ start: st.start, end: st.end, words: w, branches, checked: false, throws, loops });
              }
          const words = nativeWords(element, functions, programs);
          // A PowerShell script (`.\vsdevenv.ps1`, `& ./build.ps1`) runs in the same session, not as a
          // native program: its errors stop the step under the runner's `$ErrorActionPreference = 'stop'`.
          if (words && /\.ps1$/i.test(words[0]!.replace(/^["']|["']$/g, ''))) continue;
          // `dotnet nuget push x && break`: a retry, left on success; when every pass fails the last
          // one's code is the step's. No pass is hidden.
          const leaves = /&&\s*(break|return|exit)\b/i.test(head);
          if (words) out.push({ start: st.start, end: st.end, words, branches, checked: false, throws, loops: leaves ? [] : loops });
        }
      }
      if (st.blocks.length) {
        const id = `if${ifCount++}`;
        let arm = 0;
        // A loop whose own condition reads the exit code (`do { choco install x } while ($LASTEXITCODE -ne 0 …)`)
        // retries on failure: the last pass's code is the verdict, the earlier ones are not hidden.
        const loopStatement = LOOP_KEYWORDS.has(keyword ?? '') && !CHECK.test(head);
        for (const b of st.blocks) {
          if (b.owner === 'switch') {
            visit(b.statements, branches, loops, id);
            continue;
          }
          const conditional = ['if', 'elseif', 'else', 'catch'].includes(b.owner);
          const loop = loopStatement || LOOP_OWNERS.has(b.owner);
          visit(b.statements, conditional ? [...branches, `${id}:${arm++}`] : branches, loop ? [...loops, `loop${id}`] : loops);
        }
      }
    });
  };
  const masked = maskExpressions(script);
  visit(parsePwsh(masked), [], []);
  for (const n of out) n.words = restoreExpressions(n.words, masked, script, n.start);
  return out;
}
