import { scriptRole } from './lexicon.js';
import { pythonScript } from './python-tools.js';
import { programName, resolveCommand } from './resolve-command.js';
import { CRITICAL_ROLES, type Role } from './role.js';
import { positional, roleOfTarget, TOOLS } from './tool-registry.js';

/**
 * What a command line is for, from a table of the tools CI scripts run: `pytest` tests, `cmake
 * --build` builds, `pip install -r …` sets up, `pip install .` builds the project, `git commit` is
 * housekeeping, `twine upload` releases, `vulkaninfo` reports. A command this table does not know is
 * the step's main work, and the caller falls back to the step's role: it is never outranked by an
 * `ls` or a `nproc` beside it.
 */
export interface ToolRole {
  role: Role;
  /** The words that decided, for messages (`pip install .`, `make test`). */
  because: string;
  /** The role was read from a script's file name (`run_tests.sh`), not from a tool the table knows. */
  weak?: boolean;
  /** Read from the task a script of the repository is given (`./bin/cli test x`, `.\quarto-bld.cmd compile-…`). */
  task?: boolean;
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'pwsh', 'powershell']);
const INTERPRETERS = new Set(['python', 'node', 'ruby', 'perl', 'php', 'Rscript', 'java', 'deno', 'bun']);
/** Subcommands that only read and print. */
const QUERIES = new Set('list ls show status info describe view inspect version help query print tree outdated freeze metadata whoami'.split(' '));
const COMPILERS = new Set('cl emcc em++ gcc g++ cc c++ clang clang++ clang-cl nvcc gfortran icx icpx icc icpc hipcc'.split(' '));

/** The script of the repository a command line runs (`./ci/x.sh`, `bash tools/y.sh`, `python scripts/z.py`), if it runs one rather than a tool. */
export function scriptOf(input: readonly string[]): string | undefined {
  const r = resolveCommand(input);
  if (!r) return undefined;
  const file = r.local ? r.words[0] : SHELLS.has(r.program) || INTERPRETERS.has(r.program) ? r.words.slice(1).find((w) => !w.startsWith('-')) : undefined;
  return file !== undefined && /[/\\]|\.(sh|py|ps1|bat|cmd|rb|pl)$/i.test(file) ? file : undefined;
}

/**
 * The role of a command line, or undefined when the command is not one the table knows (the
 * caller then takes the step's role: an unknown command is the step's main work).
 */
export function toolRole(input: readonly string[]): ToolRole | undefined {
  const r = resolveCommand(input);
  if (!r || r.words.length === 0) return undefined;
  const [first, ...args] = r.words;
  const because = r.words.slice(0, 3).join(' ');
  // A program named by a variable: `%VS_PATH% x64` (vcvarsall) says nothing of its purpose, but a bare
  // `"$task"` (`pixi run "$task"` over a matrix of tasks) is whatever the step runs it for.
  // Its subcommand may say it (`$CLI_PATH test ./cases`, `$GRADLE build`): a test or build, less surely
  // than a known tool's.
  if (r.opaque) {
    // (Past the variables that name the program and its wrapper: `${{ inputs.SUDO }} ${{ inputs.BINARY }} stop buildkitd`.)
    const rest = args.filter((a) => !/^(\$|_{4,})/.test(a));
    const verbs = rest.filter((a) => /^[a-z][a-z-]*$/.test(a)).map((a) => roleOfTarget(a));
    // Any task that matters among them decides (`$MVN clean verify`: verify).
    const critical = verbs.find((r) => r !== undefined && CRITICAL_ROLES.has(r));
    if (critical) return { role: critical, because, weak: true };
    // A teardown or a read of one object says what is done (`$BIN stop buildkitd || true` before the
    // tests: cleanup; `$BIN logs buildkitd`: a report); not with options (`$COVERAGE report --fail-under=90`).
    const sub = verbs[0];
    if ((sub === 'cleanup' || sub === 'report') && rest.length <= 2 && !rest.some((a) => a.startsWith('-'))) return { role: sub, because };
    return r.words.length === 1 ? undefined : { role: 'other', because: `${first} (a program named by a variable)` };
  }
  if (args.length === 1 && /^(--version|-V|-v|-version|version|--help|-h)$/.test(args[0]!) && !TOOLS.has(r.program)) return { role: 'report', because };
  // (`ctest -V` is verbose, not a version.)
  if (args.length === 1 && args[0] === '-V' && r.program !== 'ctest') return { role: 'report', because };
  // `xcodebuild -sdk -version`, `java -version`: a version query does nothing else; nor does a help
  // print (`cmake --help`) or a listing
  // (`cibuildwheel --print-build-identifiers`, `--list-targets`).
  // Windows spells it `MSBuild /version`; `rustc -vV` adds the host.
  // (`update_version_json.py --version v1.2` passes a version: the option takes a value there.)
  const query = (a: string, i: number) =>
    ((a === '--version' || a === '-version') && !/^[^-]/.test(args[i + 1] ?? '')) ||
    a === '--help' ||
    a === '-vV' ||
    /^\/version$/i.test(a) ||
    /^--(print|list)-[\w-]+$/.test(a);
  if (args.some(query)) return { role: 'report', because };
  // `vitest --merge-reports`, `pnpm test:ui --merge-reports`: renders the results of test runs made elsewhere.
  if (args.some((a) => /^--merge-reports?(=|$)/.test(a))) return { role: 'report', because };
  // A compiler given only options and no input (`cl /Bv`, `gcc -v`, `nvcc -V`, `g++ -dumpversion`) says what it is.
  if (COMPILERS.has(r.program) && args.length > 0 && args.every((a) => /^[-/]/.test(a) && !/\.\w+$/.test(a))) return { role: 'report', because };
  // A subcommand that only reads (`conda list`, `cargo tree`, `brew info`, `npm outdated`): whatever the
  // tool does otherwise, this run of it reports. Shells and interpreters run scripts, not subcommands.
  if (!SHELLS.has(r.program) && !INTERPRETERS.has(r.program) && QUERIES.has(positional(args)[0] ?? '')) return { role: 'report', because };
  // `go env`, `crystal env`, `bin/crystal.bat env`: `env` alone prints the tool's environment (`conda env create` does more).
  if (!SHELLS.has(r.program) && !INTERPRETERS.has(r.program) && args.length === 1 && args[0] === 'env') return { role: 'report', because };
  if (SHELLS.has(r.program)) {
    // `bash ci/build.sh`: the script's name says; `bash -c …` is analysed as a script of its own.
    const c = args.findIndex((a) => /^-\w*c$/.test(a) || /^-command$/i.test(a));
    // `dash -c "pip install x"`: the command string's own first words say.
    if (c >= 0) return args[c + 1] ? toolRole(args[c + 1]!.split(/\s+/).filter(Boolean)) : undefined;
    return scriptArgRole(args);
  }
  // `node electron/script/build-stats.mjs`, `ruby bin/check_links.rb`: as with a shell, the script's name says.
  if (INTERPRETERS.has(r.program) && !TOOLS.has(r.program)) {
    const role = scriptArgRole(args, /\.(c?js|mjs|ts|rb|pl|php)$/i);
    if (role) return role;
  }
  // `python scripts/tools/clang-format-diff.py -p1`, `python cpplint.py`: a copy of a known linter kept
  // in the repository is that linter.
  if (INTERPRETERS.has(r.program) || r.program === 'python') {
    const copy = vendoredLinter(args);
    if (copy) return copy;
  }
  const decide = TOOLS.get(r.program);
  if (decide) {
    const role = decide(args, r);
    return role ? { role, because, weak: r.program === 'python' && pythonScript(args) } : undefined;
  }
  if (r.local || /\.(sh|py|ps1|bat|cmd|rb|pl)$/i.test(first!)) {
    const role = scriptRole(first!);
    if (role) return { role, because: first!, weak: true };
    // A script whose name says nothing, given a task (`.\quarto-bld.cmd compile-quarto-latexmk`,
    // `./x.sh build`): the task's name says, less surely than a known tool's.
    const task = /^[a-z][\w:.-]*$/i.test(args[0] ?? '') ? roleOfTarget(args[0]!) : undefined;
    return task && CRITICAL_ROLES.has(task) ? { role: task, because: `${first} ${args[0]}`, weak: true, task: true } : undefined;
  }
  // `rocminfo`, `vulkaninfo`; `xpu-smi`, `hl-smi`, `npu-smi`: system information and management tools, like nvidia-smi.
  if (/info$|-smi$/.test(r.program)) return { role: 'report', because };
  // An unknown command line tool with subcommands: `archery docker push`, `mytool lint`.
  // A teardown verb after a noun says what is done to it: `ae5 deployment stop` cleans up a deployment.
  const words: (Role | undefined)[] = [];
  for (const a of args.slice(0, 2)) {
    if (!/^[a-z][\w:.-]*$/i.test(a) || a.includes('.')) break;
    words.push(roleOfTarget(a));
  }
  if (words[1] === 'cleanup') return { role: 'cleanup', because };
  const role = words.find((r) => r && r !== 'other');
  return role ? { role, because } : undefined;
}

/** The role a script's name gives, for the first argument that is not an option (`bash ci/build.sh`, `node x/build-stats.mjs`). */
function scriptArgRole(args: readonly string[], file?: RegExp): ToolRole | undefined {
  const script = args.find((a) => !a.startsWith('-'));
  const role = script && (!file || file.test(script)) ? scriptRole(script) : undefined;
  return role ? { role, because: `script ${script}`, weak: true } : undefined;
}

/** The linter or checker a script file is a copy of, by its name (`clang-format-diff.py` is clang-format-diff). */
function vendoredLinter(args: readonly string[]): ToolRole | undefined {
  const script = args.find((a) => !a.startsWith('-'));
  const stem = script && /\.(py|pl|rb|js)$/i.test(script) ? programName(script).replace(/\.(py|pl|rb|js)$/i, '') : undefined;
  const decide = stem ? TOOLS.get(stem) : undefined;
  if (!decide || !stem) return undefined;
  const rest = args.slice(args.indexOf(script!) + 1);
  const role = decide(rest, { program: stem, words: [stem, ...rest], local: false });
  return role === 'lint' || role === 'verify' ? { role, because: `${script} (a copy of ${stem})` } : undefined;
}

/** Whether a role from the table is one that matters (test, build, lint, verify, release). */
export function isCritical(role: Role): boolean {
  return CRITICAL_ROLES.has(role);
}
