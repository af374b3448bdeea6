import { actionPath, type Job, type Step } from '../sources/workflow.js';
import { nameWords, roleOfName } from './roles/lexicon.js';
import { CRITICAL_ROLES, QUIET_ROLES, type Role, type RoleEvidence } from './roles/role.js';
import { resolveCommand } from './roles/resolve-command.js';
import { toolRole } from './roles/tools.js';
import { clip } from '../core/clip.js';

export { CRITICAL_ROLES, roleNote, severityOf, type Role, type RoleEvidence } from './roles/role.js';

/** Actions by what they do, matched on `owner/repo[/path]`: data, first match wins. */
const ACTIONS: [RegExp, Role][] = [
  [
    /^pypa\/gh-action-pypi-publish|^softprops\/action-gh-release|^ncipollo\/release-action|^actions\/create-release|upload-release-asset|^svenstaro\/upload-release-action|^peaceiris\/actions-gh-pages|^JamesIves\/github-pages-deploy-action|^actions\/deploy-pages/i,
    'release',
  ],
  [/^actions\/upload-artifact|^actions\/upload-pages-artifact|^codecov\/|^coverallsapp\/|upload|^github\/codeql-action\/upload-sarif/i, 'upload'],
  [/^actions\/cache|cach(e|ing)/i, 'cache'],
  [/slack|notify|comment|label|^actions\/github-script|mail|discord/i, 'notify'],
  [/test-reporter|junit-report|publish-unit-test-result|pytest-results/i, 'report'],
  // `biomejs/setup-biome`, `reviewdog/action-setup`: installing a linter is setup.
  [/(^|\/)(setup-|action-setup\b)/i, 'setup'],
  [
    // (`fsfe/reuse-action` checks every file's licence and copyright notice: a lint.)
    /lint|pre-commit|ruff|format|clang-tidy|shellcheck|actionlint|zizmor|pyright|mypy|clippy|golangci|hadolint|typos|codespell|spell-?check|type-?check|eslint|stylelint|prettier|biome|reuse-action/i,
    'lint',
  ],
  // A Sonar scan sends its analysis to the server, whose quality gate reports as a check of its own
  // (unless the step is told to wait for it: see allowed-step-role.ts).
  [/^SonarSource\/(sonarqube-scan-action|sonarcloud-github-action)/i, 'upload'],
  [/^github\/codeql-action\/(analyze|init)|scan|audit|trivy|dependency-review|scorecard|cargo-deny|cargo-vet|vuln|gitleaks|trufflehog|snyk|semgrep/i, 'verify'],
  [/build|cibuildwheel|docker\/build-push/i, 'build'],
  // ROS's CI actions build the workspace and run its tests (industrial_ci, action-ros-ci).
  [/test|^ros-industrial\/industrial_ci|^ros-tooling\/action-ros-ci/i, 'test'],
  [/^actions\/(checkout|setup-|download-artifact)|setup|install|login|checkout|credentials|download|ssh|tmate/i, 'setup'],
];

export function roleOfAction(uses: string): Role | undefined {
  const path = actionPath(uses);
  return ACTIONS.find(([re]) => re.test(path))?.[1];
}

/**
 * Commands that change the shell's own state for the commands after them (`cd docs`, `source
 * venv/bin/activate`, `export CC=clang`): they prepare the step's work and never say what it is, so
 * `cd docs; ./build.sh | tee log` is not a setup step because of its `cd`.
 */
const SHELL_STATE = new Set([
  'cd',
  'pushd',
  'popd',
  'export',
  'set',
  'shopt',
  'source',
  '.',
  'activate',
  'eval',
  'ulimit',
  'umask',
  'trap',
  'unset',
  'alias',
  'chdir',
]);

/** The most important role that the table gives to one of these command lines, if any. */
export function commandsRole(commands: readonly (readonly string[])[]): RoleEvidence | undefined {
  let best: RoleEvidence | undefined;
  for (const words of commands) {
    if (SHELL_STATE.has(resolveCommand(words)?.program ?? words[0] ?? '')) continue;
    const t = toolRole(words);
    if (!t || QUIET_ROLES.has(t.role)) continue;
    if (!best || (CRITICAL_ROLES.has(t.role) && !CRITICAL_ROLES.has(best.role))) best = { role: t.role, because: `command \`${short(t.because)}\`` };
  }
  return best;
}

function short(s: string): string {
  return clip(s, 40);
}

/**
 * What a step is for: its name (the leading verb, else the head noun: "Upload test results" uploads,
 * "Set up test" sets up), its action, the most important command its script runs, and last the
 * job's name.
 */
export function classifyStep(step: Step, commands: readonly (readonly string[])[], job?: Job): RoleEvidence {
  const rehearsal = rehearsalIndex(step, commands);
  if (rehearsal) return { role: 'upload', because: `it publishes to ${rehearsal}, a rehearsal index, not a release` };
  for (const name of [step.name?.value, step.id?.value]) {
    const byName = roleOfName(name);
    if (!byName) continue;
    // "Collect coverage data" running `cargo llvm-cov nextest`: a report made by running the tests is a test run.
    const tests =
      byName.role === 'report'
        ? commands.find((w) => {
            const t = toolRole(w);
            return t?.role === 'test' && !t.weak;
          })
        : undefined;
    if (tests) return { role: 'test', because: `command \`${short(tests.join(' '))}\`, a test run under step name "${name}"` };
    return { role: byName.role, because: `step name "${step.name?.value ?? step.id?.value}"` };
  }
  if (step.uses) {
    const byAction = roleOfAction(step.uses.value);
    if (byAction) return { role: byAction, because: `action ${step.uses.value.split('@')[0]}` };
  }
  const byCommand = commandsRole(commands);
  if (byCommand) return byCommand;
  // "Run CI", "CI": the step runs the project's whole CI script, its build and its tests.
  const name = step.name?.value ?? step.id?.value;
  if (name && nameWords(name).includes('ci') && nameWords(name).every((w) => w === 'ci' || w === 'run' || w === 'the'))
    return { role: 'test', because: `step name "${name}" (the project's CI script)` };
  // `if grep -rnE 'breakpoint\(' src; then echo "::error::…"; exit 1; fi`: the script searches and
  // fails on what it finds, a check whatever its name ("No leftover debugger calls").
  const verdict = step.run && FAILS_ON_FINDING.exec(step.run.value);
  if (verdict) {
    const own = job ? classifyJob(job) : undefined;
    const role = own && CRITICAL_ROLES.has(own.role) && own.role !== 'build' ? own.role : 'verify';
    return { role, because: `its script fails on what its check finds (\`${short(verdict[0].replace(/\s+/g, ' ').trim())}\`)` };
  }
  if (job) return { ...classifyJob(job), inherited: true };
  return { role: 'other', because: 'no role could be inferred' };
}

/** A search or test whose result leads to a failing exit: `if grep … then … exit 1`, `[ -s out ] && exit 1`. */
const FAILS_ON_FINDING =
  /\bif\s+(?:!\s*)?(?:[ef]?grep|git\s+(?:grep|diff)|rg|test|\[\[?)\b[^\n]*(?:\n[^\n]*){0,3}?\bthen\b(?:[^\n]*\n){0,6}?[^\n]*\bexit\s+[1-9]|(?:[ef]?grep|\]\]?)[^\n]*&&\s*(?:\{[^}]*)?exit\s+[1-9]/;

/**
 * A publish to a test index (`repository-url: https://test.pypi.org/legacy/`, `twine upload
 * --repository testpypi`): a rehearsal of the release, often allowed to fail on purpose (versions
 * with a local part are refused there), whatever the step is called. The release is elsewhere.
 */
function rehearsalIndex(step: Step, commands: readonly (readonly string[])[]): string | undefined {
  // The whole value names the test index: an expression (`${{ … && 'https://upload.pypi.org/…' ||
  // 'https://test.pypi.org/…' }}`) may choose the real one.
  const TEST_INDEX = /^(https?:\/\/test\.pypi\.org(\/[\w/-]*)?|testpypi)$/i;
  for (const key of ['repository-url', 'repository_url', 'repository']) if (TEST_INDEX.test(step.with.get(key)?.value.trim() ?? '')) return 'TestPyPI';
  for (const words of commands) {
    const i = words.findIndex((w) => w === '--repository' || w === '-r' || w === '--repository-url');
    if (words.includes('upload') && i >= 0 && TEST_INDEX.test(words[i + 1] ?? '')) return 'TestPyPI';
    if (words.some((w) => /^--repository(-url)?=/.test(w) && TEST_INDEX.test(w.split('=')[1] ?? ''))) return 'TestPyPI';
  }
  return undefined;
}

/** What a job is for, from its name or id. */
export function classifyJob(job: Job): RoleEvidence {
  for (const name of [job.name?.value, job.id]) {
    const byName = roleOfName(name);
    if (byName) return { role: byName.role, because: `job "${job.name?.value ?? job.id}"` };
  }
  return { role: 'other', because: 'no role could be inferred' };
}
