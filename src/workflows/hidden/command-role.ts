import { scriptRole } from '../roles/lexicon.js';
import { commandName, commandWords, type ScriptNode } from '../../sources/shell-script.js';
import type { ScriptSite } from '../analysis.js';
import { CRITICAL_ROLES, type RoleEvidence } from '../roles/role.js';
import { resolveCommand, toolRole } from '../roles/tools.js';
import { programName } from '../roles/resolve-command.js';
import { builtProgram } from './built-program.js';
import { clip } from '../../core/clip.js';

// What a hidden command is for, before its surroundings are read (refine-role.ts does that): the
// tool table's answer, the step's main work, assertions and commands that exit non-zero by design.

export function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return clip(t, 60);
}

/** The site's role comes from its own step's name ("Run tests"), not its job's or its commands'. */
export function stepNamed(site: ScriptSite): boolean {
  return !site.role.inherited && site.role.because.startsWith('step name');
}

/**
 * A probe (`grep -q`, `which curl`) in a step whose own name says it tests, lints or checks: there it
 * is the step's check. Not in a build step: `which gcc` there asks about the toolchain, and checks
 * nothing the build made.
 */
export function probeIsCheck(own: RoleEvidence, site: ScriptSite): boolean {
  return own.role === 'probe' && stepNamed(site) && CRITICAL_ROLES.has(site.role.role) && site.role.role !== 'build';
}

/** The role of a hidden command: the tool table's, else the step's (an unknown command is the step's main work). */
export function commandRole(
  words: readonly string[],
  site: ScriptSite,
  producer: boolean,
  mainWork?: MainWork,
  at?: number,
): { role: RoleEvidence; known: boolean } {
  const t = toolRole(words);
  // A task's name that says what the step's own name says (`./bin/cli test x` in "Run tests"): the
  // step's name is the surer evidence, and the command is its work.
  if (t?.task && stepNamed(site) && site.role.role === t.role)
    return { role: { ...site.role, because: `${site.role.because}; \`${short(words.join(' '))}\` runs its ${t.role} task` }, known: true };
  // A command run for its output (`X=$(cmd)`, `export X=$(c++ -print-file-name=x)`) computes a value:
  // setup, unless it is a test or check run for its report, or the value decides something (values.ts).
  if (producer && (!t || !['test', 'lint', 'probe', 'report', 'cleanup'].includes(t.role)))
    return { role: { role: 'setup', because: `\`${short(words.join(' '))}\` runs for its output` }, known: Boolean(t) };
  // A role read from a script's file name is a guess; the step's own name outranks it (`upload.sh` vs "Build").
  if (t?.weak && stepNamed(site) && CRITICAL_ROLES.has(t.role) && !CRITICAL_ROLES.has(site.role.role) && site.role.role !== 'other') {
    return { role: { ...site.role, because: `${site.role.because}, over the name of \`${short(t.because)}\`` }, known: false };
  }
  // "Test the locally installed binaries": `http --version`, `https --version` in a step named for
  // testing that runs no test program of its own: the version queries are its smoke test.
  // So is `python -c "import deepchem; print(deepchem.__version__)"` in a step named for checking
  // ("Import Checks"): the import is what can fail.
  const versionQuery = site.role.role === 'test' && words.slice(1).some((w) => /^(--version|-version|-V|version|--help)$/.test(w));
  const importCheck = (site.role.role === 'test' || site.role.role === 'verify') && importsInline(words);
  if (t?.role === 'report' && !producer && !mainWork && stepNamed(site) && (versionQuery || importCheck))
    return { role: { ...site.role, because: `${site.role.because}; \`${short(words.join(' '))}\` is its check` }, known: true };
  // A critical role read only from a file name is less certain: like a role inherited from the job, it is medium at most.
  if (t)
    return {
      role: { role: t.role, because: `command \`${short(t.because)}\``, inherited: t.weak && CRITICAL_ROLES.has(t.role) ? true : undefined },
      known: true,
    };
  // The step's work is done by a command the table knows (`pytest` in a test step): an unknown command
  // before it prepares for it. One after it is more of the step's work (`python -m pkg.viz.cli --json
  // | jq empty` after the tests), known less surely than from its own name: medium at most.
  // A bare run of the project's own program (`gleam run`, `cargo run`) is not a preparation either:
  // in a test step it is one of the tests.
  // Another run of the project's built program in a step that tests with it: one more test.
  if (mainWork && (site.role.role === 'test' || site.role.role === 'verify') && builtProgram(words[0] ?? ''))
    return { role: { ...site.role, because: `${site.role.because}; \`${short(words.join(' '))}\` runs the project's built program` }, known: false };
  const after = mainWork && at !== undefined && at > mainWork.start;
  if (mainWork && (after || bareProgramRun(words))) {
    const how = after ? `runs after \`${short(mainWork.text)}\`` : "runs the project's own program";
    return { role: { ...site.role, because: `${site.role.because}; \`${short(words.join(' '))}\` ${how}`, inherited: true }, known: false };
  }
  if (mainWork)
    return {
      role: { role: 'setup', because: `\`${short(words.join(' '))}\` runs beside \`${short(mainWork.text)}\`, the step's ${site.role.role} command` },
      known: false,
    };
  return { role: { ...site.role, because: `${site.role.because}; \`${short(words.join(' '))}\` is the step's main work` }, known: false };
}

/**
 * `! cmd` asserts that `cmd` fails: whatever `cmd` is (a `grep` for a forbidden pattern, a run that
 * must be refused), the line is a check, of the step's kind when the step tests, builds or lints.
 */
export function assertionRole(
  words: readonly string[],
  site: ScriptSite,
  because = `\`! ${short(words.join(' '))}\` asserts that it fails`,
): { role: RoleEvidence; known: boolean } {
  if (CRITICAL_ROLES.has(site.role.role)) return { role: { ...site.role, because: `${site.role.because}; ${because}` }, known: true };
  return { role: { role: 'verify', because }, known: true };
}

/**
 * `… | tee >(grep "Hello there")`: a search of the output whose only effect is its status, the test's
 * check; in an output process substitution nobody reads that status, so the check can never fail.
 * (`<(grep …)` feeds its output to the command instead, and `>(grep … > file)` keeps what it found.)
 */
export function teeAssertion(node: ScriptNode, substitution: ScriptNode): boolean {
  if (!/^(grep|egrep|fgrep|rg)$/.test(commandName(node) ?? '') || !substitution.text.startsWith('>(')) return false;
  const words = commandWords(node);
  if (words.some((w) => w === '-v' || w === '--invert-match' || w === '-c' || w === '--count')) return false;
  return (
    node.parent === substitution || (node.parent?.parent === substitution && node.parent.type !== 'pipeline' && node.parent.type !== 'redirected_statement')
  );
}

/**
 * A command masked with `|| true` because it exits non-zero by design, so the mask shows output
 * rather than hiding a failure:
 * - `diff -y old new || true`: a comparer exits 1 when the files differ. Only a step whose own name
 *   says it checks ("Check generated files") makes the masked comparison a disabled check.
 * - `./gltfpack || true`: a program run without arguments prints its usage and exits 1 (not a script,
 *   `tools/ci/run_tests.sh`, which reads its settings from the environment).
 */
export function expectedNonZero(
  words: readonly string[],
  site: ScriptSite,
  mask?: string,
  mainWork?: MainWork,
): { role: RoleEvidence; known: boolean } | undefined {
  const r = resolveCommand(words);
  if (!r) return undefined;
  // `timeout 10s weed shell … > log || echo "completed or timed out - checking logs"`: a run the author
  // bounds and expects to be stopped (an interactive shell, a server), its fallback says so.
  const fallback = mask?.slice(mask.indexOf('||') + 2) ?? '';
  // (Not a check the table knows: `timeout 600 pytest || echo "tests timed out"` hides failed tests
  // too; nor the step's own work, `timeout 60 ./build/myapp --self-test || echo "Timeout reached"` in
  // "Self test": only beside another command the table knows as the step's work, `go build` in "Build
  // and start the server".)
  const aside = mainWork !== undefined && /^g?timeout$/.test(programName(words[0] ?? '')) && !mainWork.text.includes(words.slice(1).join(' '));
  const known = aside ? toolRole(words) : undefined;
  if (aside && !(known && CRITICAL_ROLES.has(known.role)) && /\btim(ed|es)?[ -]?out\b|\btimeout\b/i.test(fallback))
    return {
      role: { role: 'report', because: `\`${short(words.join(' '))} || …\` is stopped by its timeout on purpose, as the fallback's message says` },
      known: true,
    };
  if (['diff', 'cmp', 'comm', 'colordiff', 'difft'].includes(r.program)) {
    // "Diff constraint file" names the comparison; "Check …", "Verify …", "… up to date" name a check.
    const checks =
      site.role.because.startsWith('step name') &&
      /\b(check|verif|validat|ensur|assert|lint|test|fail|up[- ]to[- ]date|stale|sanity|consisten|conform)/i.test(site.role.because);
    // `sed -i.bak … $f` then `diff -u $f.bak $f || true`: a file against the backup of the script's own
    // in-place edit shows that edit. (Not `cp gen.go gen.go.bak; go generate; diff …`: a check.)
    const files = r.words.slice(1).filter((w) => !w.startsWith('-'));
    const backup =
      files.length === 2 &&
      (files[0] === `${files[1]}.bak` || files[0] === `${files[1]}.orig`) &&
      /\b(sed|perl)\s+(-\w+\s+)*-[a-zA-Z]*i\.(bak|orig)\b/.test(site.value.value);
    if (!checks || backup)
      return { role: { role: 'report', because: `\`${short(words.join(' '))} || …\` shows the differences (it exits 1 when there are some)` }, known: true };
  }
  // `asv continuous BASE HEAD || true` then `asv compare BASE HEAD`: the exit for a regression is
  // turned into the comparison the script goes on to print (for a comment on the pull request).
  if (r.program === 'asv' && r.words[1] === 'continuous' && /\basv\s+compare\b/.test(site.value.value))
    return { role: { role: 'report', because: `\`asv continuous … || …\` exits 1 on a regression, which \`asv compare\` then prints` }, known: true };
  // `./gltfpack -h || true`: a help print, which many programs end with a non-zero exit.
  // (`-h` only alone: elsewhere it is often a host, `psql -h localhost`, or human-readable sizes.)
  if (words.slice(1).includes('--help') || (words.length === 2 && words[1] === '-h'))
    return { role: { role: 'report', because: `\`${short(words.join(' '))} || …\` prints help, which many programs end with a non-zero exit` }, known: true };
  // (A script of the repository, `tools/ci/run_tests.sh`, reads its settings from the environment: no usage print.)
  // Nor is a file in the repository's scripts folder or a compiled language's source run by its shebang
  // (`scripts/run-clang-tidy-cached.cc`), in a scripts or tests folder at any depth
  // (`packages/core/scripts/check-exports`), or named for its work: run bare, it does its whole job.
  // (A CLI entry point, `./bin/tool.js`, or a program built into `build/tools/`, prints its usage.)
  if (
    words.length === 1 &&
    r.local &&
    !/\.(sh|bash|py|bat|cmd|ps1|pl|rb|c|cc|cpp|cxx|go|rs)$/i.test(words[0]!) &&
    !/(^|[/\\])(scripts?|ci|\.github|tests?)[/\\]/i.test(words[0]!) &&
    !/^(\.[/\\])?tools?[/\\]/i.test(words[0]!) &&
    // (A script named for its work, `./run-tests.mjs`, `./check.php`, does it.)
    scriptRole(words[0]!) === undefined
  )
    return { role: { role: 'report', because: `\`${words[0]} || …\` runs it without arguments: a usage print, which exits non-zero by design` }, known: true };
  return undefined;
}

export interface MainWork {
  text: string;
  /** Where the first such command starts, in the site. */
  start: number;
}

/** A command the table knows to do what the step is for (a `pytest` in a test step), if the step's role is critical and its own. */
export function mainWorkOf(site: ScriptSite, commands: readonly { words: readonly string[]; start: number }[]): MainWork | undefined {
  const role = site.role;
  if (role.inherited || !CRITICAL_ROLES.has(role.role)) return undefined;
  // The step's own kind of work first ("Run tests": pytest); else another check or build the table
  // knows ("Check the build": `make local build`): an unknown script before it prepares for it.
  const main =
    commands.find((c) => toolRole(c.words)?.role === role.role) ??
    commands.find((c) => {
      const t = toolRole(c.words);
      return t !== undefined && !t.weak && CRITICAL_ROLES.has(t.role);
    }) ??
    // The project's own built program (`.\bin\Release\net8.0\ModelChat.exe -m …`, `./build/bin/app`)
    // in a step that tests or checks: what runs before it prepares for it.
    (role.role === 'test' || role.role === 'verify' ? commands.find((c) => builtProgram(c.words[0] ?? '')) : undefined);
  return main && { text: main.words.join(' '), start: main.start };
}

/** `python -c "import x; print(x.__version__)"`: inline code that imports a module. */
function importsInline(words: readonly string[]): boolean {
  const c = words.indexOf('-c');
  // (Also a program held in a variable that the command table reads as python: `& "$Env:PYTHON_EXE" -c …`.)
  if (c <= 0 || !(/^python[\d.]*(\.exe)?$/i.test(words[0] ?? '') || resolveCommand(words)?.program === 'python')) return false;
  // Only a module the standard library lacks can fail to import (`import sys; print(sys.path)` cannot).
  const modules = [
    ...(words[c + 1] ?? '').matchAll(/(?:^|[;\n])\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*))/g),
  ].flatMap((m) => (m[1] ?? m[2]!).split(',').map((part) => part.trim().split(/[.\s]/)[0]!));
  return modules.some((m) => !STDLIB.has(m));
}

/**
 * Modules every CPython build has. (Not the whole standard library: `ssl`, `sqlite3`, `lzma`, `ctypes`,
 * `tkinter` are missing from builds without their C library, and `distutils`, `imp`, `pipes` were
 * removed by later versions, so importing them is a real check.)
 */
const STDLIB: ReadonlySet<string> = new Set(
  'sys os io re json platform site sysconfig time math itertools functools collections pathlib subprocess shutil glob textwrap string struct types typing enum dataclasses argparse logging warnings traceback inspect pprint copy datetime random base64 tempfile locale codecs abc numbers operator contextlib errno stat signal threading weakref gc atexit builtins keyword fnmatch importlib unicodedata'.split(
    ' ',
  ),
);

/** `gleam run`, `cargo run --release`, `swift run`: the project's own program, with nothing named to run. */
function bareProgramRun(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (!r) return false;
  const pos = r.words.slice(1).filter((w) => !w.startsWith('-'));
  return pos.length === 1 && pos[0] === 'run';
}
