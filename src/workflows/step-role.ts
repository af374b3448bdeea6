import type { Job, Step } from '../sources/workflow.js';

/**
 * What a step is for. A hidden failure in a test, build, lint or verification step lets broken
 * code pass CI; one in an upload, cache, stats, notification or cleanup step mostly loses data.
 */
export type StepRole = 'test' | 'build' | 'lint' | 'verify' | 'upload' | 'cache' | 'stats' | 'notify' | 'cleanup' | 'setup' | 'other';

export const CRITICAL_ROLES: ReadonlySet<StepRole> = new Set(['test', 'build', 'lint', 'verify']);
export const AUXILIARY_ROLES: ReadonlySet<StepRole> = new Set(['upload', 'cache', 'stats', 'notify', 'cleanup']);

interface Pattern {
  role: StepRole;
  /** Matched against the step name / id / job id. */
  name?: RegExp;
  /** Matched against `uses:` (owner/repo[/path]). */
  uses?: RegExp;
  /** Matched against the command names in the script. */
  command?: RegExp;
}

// Order matters: auxiliary patterns first, so "Upload test results" is an upload, not a test.
const PATTERNS: Pattern[] = [
  { role: 'upload', name: /\b(upload|publish|push|artifacts?|store|save|archive)\b/i, uses: /^actions\/upload-artifact|^actions\/upload-pages|upload|^codecov\/|^coverallsapp\//i, command: /^(aws s3 (cp|sync)|gsutil (cp|rsync)|twine upload|rsync|scp|curl .*(--upload-file|-T ))/ },
  { role: 'cache', name: /\b(cache|sccache|ccache)\b/i, uses: /^actions\/cache|cache/i, command: /^(sccache|ccache) / },
  { role: 'stats', name: /\b(stats|statistics|metrics|telemetry|monitor(ing)?|usage|benchmarks?|benchmark results?|summary|coverage report)\b/i, command: /^(nvidia-smi|python3? .*(upload_|stats|metrics))/ },
  { role: 'notify', name: /\b(notify|notification|report|reporting|slack|comment|labels?|email|discord|teams|zulip)\b/i, uses: /slack|notify|comment|label|github-script/i },
  { role: 'cleanup', name: /\b(clean ?up|teardown|tear down|kill|stop|remove|uninstall|delete|prune|chown|logs?|print|show|list|display|debug|diagnos\w*|collect|dump|info)\b/i, command: /^(rm|pkill|kill|killall|docker (rm|stop|kill)|chown|df|du|ls|cat|free|nproc|uname|env|printenv|sudo (rm|chown|pkill|kill))\b/ },
  { role: 'test', name: /\b(tests?|testing|pytest|unittests?|ctest|smoke|e2e|integration)\b/i, uses: /test/i, command: /^(pytest|py\.test|ctest|tox|nox|jest|vitest|mocha)\b|^(python3?|coverage run) (-m (pytest|unittest)|(\S*\/)?(test_[\w-]*|[\w-]*_tests?|run_tests?)\.py\b|test\/\S+\.py)|^(go|cargo|npm|yarn|pnpm|make|bazel|buck2?|gradle|\.\/gradlew|mvn|ninja)( \S+)*? (test|check|tests)\b|run_test|test\.sh|^\.(ci|github)\/\S*test/ },
  { role: 'lint', name: /\b(lint|linter|flake8|ruff|mypy|pyright|clang-format|clang-tidy|format|style|shellcheck|actionlint|pre-commit|typecheck|type check)\b/i, uses: /lint|pre-commit|ruff|format/i, command: /^(flake8|ruff|mypy|pyright|pylint|black|isort|clang-format|clang-tidy|shellcheck|actionlint|pre-commit|lintrunner|eslint|prettier)\b|^python3? -m (flake8|mypy|ruff|pylint|black)\b/ },
  { role: 'build', name: /\b(build|compile|wheel|docker build)\b/i, uses: /build/i, command: /^(cmake|ninja|make|gcc|g\+\+|clang\+?\+?|nvcc|bazel build|cargo build|docker build|python3? setup\.py|pip3? wheel|python3? -m (build|pip wheel))\b/ },
  { role: 'verify', name: /\b(verify|verification|assert|ensure|sanity|consistency|regenerat\w*|up.?to.?date|validate|validation)\b/i, command: /^(diff|cmp|sha256sum -c|git diff --exit-code)\b/ },
  { role: 'setup', name: /\b(setup|set up|checkout|install|configure|prepare|init|download|fetch|login)\b/i, uses: /^actions\/(checkout|setup-)|setup|install|login/i },
];

export interface RoleEvidence {
  role: StepRole;
  /** Human-readable reason: `step name "Run tests"`, `command pytest`. */
  because: string;
  /** The role came from the enclosing job, not the step itself: less certain. */
  inherited?: boolean;
}

/** Classifies a step from its name, its action and the commands its script runs. */
/** `commands` are the script's simple commands as text, e.g. `python -m pytest test/`. */
export function classifyStep(step: Step, commands: readonly string[], job?: Job): RoleEvidence {
  const name = [step.name?.value, step.id?.value].filter(Boolean).join(' ');
  const uses = step.uses?.value ?? '';
  for (const p of PATTERNS) {
    if (p.name && name && p.name.test(name)) return { role: p.role, because: `step name "${step.name?.value ?? step.id?.value}"` };
  }
  for (const p of PATTERNS) {
    if (p.uses && uses && p.uses.test(uses)) return { role: p.role, because: `action ${uses.split('@')[0]}` };
  }
  // For scripts the most meaningful command decides: a test command beats an echo.
  const order: StepRole[] = ['test', 'lint', 'build', 'verify', 'upload', 'cache', 'stats', 'notify', 'cleanup'];
  for (const role of order) {
    const p = PATTERNS.find((x) => x.role === role && x.command);
    const hit = p && commands.find((c) => p.command!.test(c));
    if (hit) return { role, because: `command \`${hit.length > 40 ? `${hit.slice(0, 40)}…` : hit}\`` };
  }
  if (job) return { ...classifyJob(job), inherited: true };
  return { role: 'other', because: 'no role could be inferred' };
}

/** Classifies a job from its id and name. */
export function classifyJob(job: Job): RoleEvidence {
  const name = `${job.id} ${job.name?.value ?? ''}`;
  for (const p of PATTERNS) {
    if (p.name && p.name.test(name.replace(/[-_]/g, ' '))) return { role: p.role, because: `job "${job.name?.value ?? job.id}"` };
  }
  return { role: 'other', because: 'no role could be inferred' };
}

export function severityForRole(role: StepRole): 'high' | 'medium' | 'low' {
  return CRITICAL_ROLES.has(role) ? 'high' : AUXILIARY_ROLES.has(role) ? 'low' : 'medium';
}

/** Severity from the evidence: a critical role only inherited from the job is not certain enough for high. */
export function severityFor(e: RoleEvidence): 'high' | 'medium' | 'low' {
  const s = severityForRole(e.role);
  return e.inherited && s === 'high' ? 'medium' : s;
}

/**
 * Severity of hiding one command's failure inside a step: high when the command itself is a test,
 * build, lint or verification command; medium when only the step around it is (a helper command
 * inside a test step); otherwise from the step's role.
 */
export function severityForCommand(commandRole: StepRole | undefined, step: RoleEvidence): 'high' | 'medium' | 'low' {
  if (commandRole && CRITICAL_ROLES.has(commandRole)) return 'high';
  const s = severityFor(step);
  return s === 'high' ? 'medium' : s;
}

/** The role a single command implies (`pytest -x` → test), if any. */
export function classifyCommand(text: string): StepRole | undefined {
  for (const role of ['test', 'lint', 'build', 'verify', 'upload', 'cache', 'stats', 'cleanup'] as const) {
    const p = PATTERNS.find((x) => x.role === role && x.command);
    if (p?.command?.test(text)) return role;
  }
  return undefined;
}

/** `(role: test, from step name "Run tests")`, or a plain statement when nothing said what the step is for. */
export function roleNote(role: StepRole, because?: string): string {
  if (role === 'other') return '(role not inferred: neither its name, its action nor its commands say what it is for)';
  return because ? `(role: ${role}, from ${because})` : `(role: ${role})`;
}

/** The critical role (test, build, lint, verify) of the first of these commands that has one. */
export function criticalCommandRole(commands: readonly string[]): StepRole | undefined {
  for (const c of commands) {
    const r = classifyCommand(c);
    if (r && CRITICAL_ROLES.has(r)) return r;
  }
  return undefined;
}
