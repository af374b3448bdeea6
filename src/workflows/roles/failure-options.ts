import type { Role } from './role.js';
import { resolveCommand } from './resolve-command.js';

export interface FailureOption {
  program: string;
  /** The subcommand the option belongs to (`ruff check`), when the tool has several. */
  sub?: string;
  /** Whether the words hold the option, in any of its spellings. */
  off: (words: readonly string[]) => boolean;
  role: Role;
  /** The tool exits 0 on findings unless told otherwise (trivy, cppcheck): a run without the option is no check. */
  quietByDefault?: boolean;
  /** For a tool whose failure is off until an option turns it on (valgrind): why a run without it fails nothing. */
  absent?: string;
  /** For such a tool: whether a run has the option, and so fails on what it finds. */
  strict?: (words: readonly string[]) => boolean;
}

/**
 * valgrind exits with the status of the program it runs: the errors memcheck (or helgrind, drd)
 * reports change it only with `--error-exitcode=N`. Its own options are the words before the program;
 * a profiler (`--tool=callgrind`, cachegrind, massif) measures and is not asked to fail.
 */
function valgrindOwn(words: readonly string[]): string[] {
  const own: string[] = [];
  for (const w of words.slice(1)) {
    if (!w.startsWith('-')) break;
    own.push(w);
  }
  return own;
}

function valgrindChecks(words: readonly string[]): boolean {
  const own = valgrindOwn(words);
  if (own.length === words.length - 1 || own.some((w) => /^(--version|--help|-h)$/.test(w) || w.startsWith('--gen-suppressions'))) return false;
  // (Options held in a variable, `valgrind $VG_FLAGS ./t`, may hold `--error-exitcode`: not judged.)
  if (/^["']?\$\{?\w*(FLAGS|OPTS|OPTIONS|ARGS)\b/i.test(words[own.length + 1] ?? '') || own.some((w) => /^--error-exitcode=.*\$/.test(w))) return false;
  const tool = own.find((w) => w.startsWith('--tool='))?.slice('--tool='.length) ?? 'memcheck';
  return /^(memcheck|helgrind|drd)$/.test(tool);
}

const valgrindFails = (words: readonly string[]) => valgrindOwn(words).some((w) => /^--error-exitcode=[1-9]/.test(w));

function valgrindSilent(words: readonly string[]): boolean {
  return valgrindChecks(words) && !valgrindFails(words);
}

const flag = (name: string) => (words: readonly string[]) => words.includes(name);
/** `--issues-exit-code=0` or `--issues-exit-code 0`. */
const zero = (name: string) => (words: readonly string[]) => words.some((w, i) => w === `${name}=0` || (w === name && words[i + 1] === '0'));

/** `-Dmaven.test.failure.ignore=true` (or Surefire's `-DtestFailureIgnore=true`). */
function mavenIgnoresFailures(words: readonly string[]): boolean {
  return words.some((w) => /^-D(maven\.test\.failure\.ignore|testFailureIgnore)(=true)?$/i.test(w));
}

/** Known options that keep a tool from failing, as data. */
export const FAILURE_OPTIONS: readonly FailureOption[] = [
  { program: 'flake8', off: flag('--exit-zero'), role: 'lint' },
  { program: 'pylint', off: flag('--exit-zero'), role: 'lint' },
  { program: 'ruff', sub: 'check', off: flag('--exit-zero'), role: 'lint' },
  { program: 'bandit', off: flag('--exit-zero'), role: 'lint' },
  { program: 'golangci-lint', sub: 'run', off: zero('--issues-exit-code'), role: 'lint' },
  { program: 'hadolint', off: flag('--no-fail'), role: 'lint' },
  { program: 'checkov', off: flag('--soft-fail'), role: 'verify' },
  { program: 'tflint', off: flag('--force'), role: 'lint' },
  { program: 'sqlfluff', sub: 'lint', off: flag('--nofail'), role: 'lint' },
  { program: 'vale', off: flag('--no-exit'), role: 'lint' },
  { program: 'cppcheck', off: (w) => w.includes('--error-exitcode=0'), role: 'lint', quietByDefault: true },
  { program: 'trivy', off: zero('--exit-code'), role: 'verify', quietByDefault: true },
  { program: 'gitleaks', off: zero('--exit-code'), role: 'verify' },
  // Maven's Surefire and Failsafe pass the build with failed tests under `-Dmaven.test.failure.ignore=true`.
  { program: 'mvn', off: mavenIgnoresFailures, role: 'test' },
  { program: 'mvnw', off: mavenIgnoresFailures, role: 'test' },
  // interrogate fails when docstring coverage is under `--fail-under` (80 by default): 0 never is.
  { program: 'interrogate', off: (w) => zero('--fail-under')(w) || zero('-f')(w), role: 'lint' },
  {
    program: 'valgrind',
    off: valgrindSilent,
    role: 'test',
    absent: "valgrind exits with the program's own status unless given `--error-exitcode`, so the memory errors it reports fail nothing",
    strict: (w) => valgrindChecks(w) && valgrindFails(w),
  },
];

/** Options that send the tool's report to a file, for something else to read. */
/** The program a command runs, read past `python -m` (`python -m flake8 …` runs flake8), with its words. */
export function failureToolOf(words: readonly string[]): { program: string; words: string[] } | undefined {
  const r = resolveCommand(words);
  const m = r?.program === 'python' ? r.words.indexOf('-m') : -1;
  return m > 0 && r!.words[m + 1] ? { program: r!.words[m + 1]!, words: r!.words.slice(m + 1) } : r;
}

/** The known tools each command of a job runs, and the entry that names them. */
/** Any of the tools' names as a word: a script without one is not parsed or walked for them. */
/** The known tool a command runs and its entry in the table, or undefined. */
export function failureOptionOf(words: readonly string[]): { option: FailureOption; words: string[] } | undefined {
  const r = failureToolOf(words);
  const option = r && FAILURE_OPTIONS.find((o) => o.program === r.program && (!o.sub || r.words.slice(1).find((w) => !w.startsWith('-')) === o.sub));
  return r && option ? { option, words: r.words } : undefined;
}

/** Whether a command runs a known tool with the option that keeps it from failing (`flake8 --exit-zero`). */
export function failureTurnedOff(words: readonly string[]): boolean {
  const f = failureOptionOf(words);
  // (valgrind without `--error-exitcode` still fails when its program does: only its own findings pass.)
  return (f && !f.option.absent && f.option.off(f.words)) ?? false;
}
