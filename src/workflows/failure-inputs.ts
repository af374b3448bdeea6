import type { Role } from './roles/role.js';

// Action inputs that keep an action from failing whatever it finds, as data: the
// failure-disabled-input rule reports them, and `explain` says so for a step that uses the action.

export interface FailureInput {
  /** owner/repo[/path] of the action; undefined for any action. */
  action?: RegExp;
  input: RegExp;
  /** Values (lower-cased) that turn failure off. */
  off: readonly string[];
  role: Role;
  /** The action reports what it found in outputs (lychee's `exit_code`) that a later step can act on. */
  reportsInOutputs?: boolean;
  /** The input's default when it is not given, where that default already turns failure off. */
  offByDefault?: string;
  /** An input naming a configuration file that may set the failure option instead (trivy-action's `trivy-config`): given, the default says nothing. */
  configInput?: RegExp;
}

/** Actions that turn test results already produced into a report or check run. */
export const REPORTERS = /^(dorny\/test-reporter|mikepenz\/action-junit-report|enricomi\/publish-unit-test-result-action)/;

/** Known inputs that disable failure, as data. */
export const FAILURE_INPUTS: readonly FailureInput[] = [
  // trivy-action exits 0 whatever it finds unless `exit-code` says otherwise.
  { action: /^aquasecurity\/trivy-action$/, input: /^exit-code$/, off: ['0'], role: 'verify', offByDefault: '0', configInput: /^trivy-config$/ },
  { action: /^anchore\/scan-action$/, input: /^fail-build$/, off: ['false'], role: 'verify' },
  // codecov-action fails on nothing unless told to: its `fail_ci_if_error` defaults to false.
  { action: /^codecov\/codecov-action$/, input: /^fail_ci_if_error$/, off: ['false'], role: 'upload', offByDefault: 'false' },
  { action: /^enricomi\/publish-unit-test-result-action/, input: /^fail_on$/, off: ['nothing'], role: 'test' },
  { action: /^dorny\/test-reporter$/, input: /^fail-on-error$/, off: ['false'], role: 'test' },
  { action: /^mikepenz\/action-junit-report$/, input: /^fail_on_failure$/, off: ['false'], role: 'test' },
  { action: /^reviewdog\//, input: /^fail[-_]on[-_]error$/, off: ['false'], role: 'lint' },
  // reviewdog's actions exit 0 unless told a level to fail at (`fail_level` defaults to none).
  { action: /^reviewdog\/action-(?!setup$)/, input: /^fail[-_]level$/, off: ['none'], role: 'lint', offByDefault: 'none' },
  { action: /^reviewdog\/action-setup$/, input: /^fail[-_]level$/, off: ['none'], role: 'lint' },
  { action: /^actions\/upload-artifact$/, input: /^if-no-files-found$/, off: ['ignore'], role: 'upload' },
  { action: /^actions\/dependency-review-action$/, input: /^fail-on-severity$/, off: ['none'], role: 'verify' },
  { action: /^golangci\/golangci-lint-action$/, input: /^args$/, off: ['--issues-exit-code=0'], role: 'lint' },
  // lychee-action fails on broken links by default (v2); `fail: false` keeps only the report.
  { action: /^lycheeverse\/lychee-action$/, input: /^fail$/, off: ['false'], role: 'verify', reportsInOutputs: true },
  // OSS-Fuzz's CIFuzz: with `dry-run: true` a fuzzer build that fails and a crash found both exit 0
  // (its entrypoints set the return code on error to success).
  { action: /^google\/oss-fuzz\/infra\/cifuzz\/actions\/(build|run)_fuzzers$/, input: /^dry-run$/, off: ['true'], role: 'test' },
  { input: /^fail[-_]ci[-_]if[-_]error$/, off: ['false'], role: 'other' },
  { input: /^fail[-_]on[-_](error|errors|failure|failures|alert|findings)$/, off: ['false'], role: 'other' },
  {
    input: /^(ignore[-_]failures?|allow[-_]failures?|soft[-_]fail|ignore[-_]errors?|continue[-_]on[-_]error|skip[-_]on[-_]error)$/,
    off: ['true'],
    role: 'other',
  },
];

/**
 * The failure input by which an action, as the step calls it, fails on nothing it finds: off by
 * default and not given (trivy-action without `exit-code`), or given an off value. Undefined when
 * any of its failure inputs turns failure on.
 */
export function failsOnNothing(action: string, inputs: ReadonlyMap<string, { value: string }>): FailureInput | undefined {
  const rows = FAILURE_INPUTS.filter((r) => r.action?.test(action.toLowerCase()));
  const given = rows.flatMap((r) => [...inputs].filter(([name]) => r.input.test(name)).map(([, v]) => ({ r, value: v.value.trim().toLowerCase() })));
  if (given.length) return given.every((g) => g.r.off.includes(g.value)) ? given[0]!.r : undefined;
  return rows.find((r) => r.offByDefault !== undefined && !(r.configInput && [...inputs.keys()].some((k) => r.configInput!.test(k))));
}
