import { parsePwsh, pipelineElements } from '../sources/pwsh-script.js';
import { commandsIn, commandWords, maskExpressions } from '../sources/shell-script.js';
import { actionPath, type Job, type Step } from '../sources/workflow.js';
import { SNAPSHOT_UPDATE } from './hidden/refine-role.js';
import type { WorkflowAnalysis } from './analysis.js';
import { commitsAfter, triggeringPullRequestAfter } from './roles/remote.js';
import { CRITICAL_ROLES, type Role, type RoleEvidence } from './roles/role.js';
import { toolRole } from './roles/tools.js';
import { failsOnNothing } from './failure-inputs.js';
import { declaredInName } from './advisory-words.js';
import { classifyJob, roleOfAction } from './step-role.js';

/** Events on which a workflow can only triage: issues, discussions, labels, milestones, project boards. */
const TRIAGE_EVENTS: ReadonlySet<string> = new Set([
  'issues',
  'discussion',
  'discussion_comment',
  'label',
  'milestone',
  'project',
  'project_card',
  'project_column',
]);

/**
 * A script that commits every change of the working tree and pushes it: `git commit -a`/`--all`, or
 * `git add -A`/`--all`/`-u`/`.` before a commit, then `git push`.
 */
/** A lint that changes files: pre-commit's hooks, a `--fix` or `--write`, a formatter. */
const FIXER = /pre-commit|--fix\b|--write\b|\bfmt\b|\bformat\b|\bblack\b|\bisort\b|\bautopep8\b|\byapf\b|clang-format\s+-i\b|\bautofix\b/i;

/** A commit of another tree than the checkout: a `cd`, `git init` or `git -C` before it (a gh-pages deploy). */
const ELSEWHERE = /^[ \t]*(cd|pushd)\s|\bgit\s+init\b|\bgit\s+-C\s/m;

const COMMITS_ALL = /\bgit\s+(commit\s+(-\w*a\w*\b|--all\b)|add\s+(-A|--all|-u|\.)(\s|$)[\s\S]*\bgit\s+commit\b)[\s\S]*\bgit\s+push\b/;

/**
 * What a step allowed to fail (`continue-on-error: true`) would hide, which is its whole work: no
 * command of it is hidden in particular, so the step's role is the claim.
 *
 * - A step that only fails (`run: exit 1`, after `echo` lines) under an `if:` that reads what came
 *   before is the job's verdict (libvips' "Fail fast" when the linter found problems): allowed to
 *   fail, it switches off the job's check, whose role it takes.
 * - A name that says build, test or check is outranked by an action known to do something else
 *   (actions/github-script fetching data for "Build closure candidate evidence"), and by a script
 *   whose commands the tool table all knows and none of which builds, tests or checks (`find … >
 *   audit.txt`, `gh api …`), unless the script fails on purpose (`exit 1`).
 */
export function allowedStepRole(a: WorkflowAnalysis, step: Step, job: Job): RoleEvidence {
  if (step.run && step.if && /^\s*((echo|printf)\b[^\n]*\n\s*)*(exit\s+[1-9]\d*|false)\s*$/.test(step.run.value)) {
    const own = classifyJob(job);
    const role = CRITICAL_ROLES.has(own.role) ? own.role : 'verify';
    return { role, because: `the step is the job's verdict (\`${step.run.value.trim().split('\n').pop()}\` when \`${step.if.value.trim()}\`)` };
  }
  // "Leak check (LSan, report-only)", "Docs build (non-blocking)": the name says the step is not to
  // block, so allowing it to fail is what the author wrote down; it reports.
  const declared = declaredInName(step.name?.value);
  if (declared) return { role: 'report', because: `its name says it is ${declared}` };
  const named = a.roleOf(step, job);
  // A lint allowed to fail in a job that ends with autofix-ci/action: the job exists to commit what
  // the linters fix (`npm run eslint` may be `eslint --fix .`), and what they cannot fix is checked
  // on the commit by the project's own lint job.
  // So is a job whose later step commits the whole working tree and pushes it (PyGithub's manual "Auto
  // Fix": `./.github/actions/pre-commit` allowed to fail, then `git commit -a` and `git push`).
  if (named.role === 'lint' && job.steps.some((s) => s.index > step.index && /^autofix-ci\/action$/i.test(actionPath(s.uses?.value ?? ''))))
    return { role: 'setup', because: `a lint run in a job that commits its fixes with autofix-ci/action (${named.because})` };
  // So is a lint in a bot's job that opens a pull request with its changes under a token that runs the
  // pull request's workflows (cspell's dependency update: `./.github/actions/pr` with an app's key).
  const pr = named.role === 'lint' ? triggeringPullRequestAfter(job, step.index) : undefined;
  if (pr)
    return {
      role: 'setup',
      because: `a lint run in a job that proposes its changes in a pull request whose checks run (step ${pr.name ? `"${pr.name.value}"` : pr.index + 1}; ${named.because})`,
    };
  const fixes = FIXER.test(a.model.file.text.slice(step.span.start, step.span.end));
  const commit =
    named.role === 'lint' && fixes
      ? job.steps.find((s) => s.index > step.index && !s.if && COMMITS_ALL.test(s.run?.value ?? '') && !ELSEWHERE.test(s.run?.value ?? ''))
      : undefined;
  if (commit)
    return {
      role: 'setup',
      because: `a lint run in a job that commits and pushes what its steps changed (step ${commit.name ? `"${commit.name.value}"` : commit.index + 1}; ${named.because})`,
    };
  // A test run told to rewrite its snapshots in a job that commits them (a comment bot's "update
  // snapshots"): it fails whenever it changed one, and the tests gate the pull request elsewhere.
  if (named.role === 'test' && commitsAfter(job, step.index) && SNAPSHOT_UPDATE.test(a.model.file.text.slice(step.span.start, step.span.end)))
    return { role: 'setup', because: 'a refresh of the expected outputs (snapshots, recordings), which the job then commits or proposes' };
  // trivy-action without `exit-code`: findings never fail it, so allowing it to fail hides only a
  // breakage of the scan, whose report (a SARIF file, an SBOM) is then missing.
  const uses = step.uses ? actionPath(step.uses.value) : undefined;
  const quiet = uses ? failsOnNothing(uses, step.with) : undefined;
  if (quiet && CRITICAL_ROLES.has(named.role)) {
    const input = quiet.input.source.replace(/^\^|\$$/g, '');
    const given = [...step.with].find(([k]) => quiet.input.test(k))?.[1].value;
    const setting = given === undefined ? `${input} defaults to ${quiet.offByDefault}` : `${input}: ${given}`;
    return {
      role: 'report',
      because: `action ${uses} fails on nothing it finds (${setting})${named.because.startsWith('step name') ? `, whatever its name (${named.because}) says` : ''}`,
    };
  }
  if (!CRITICAL_ROLES.has(named.role) || !named.because.startsWith('step name')) return named;
  // A workflow run only on issue events triages issues: its "Membership Check" builds, tests and ships nothing.
  const events = a.model.triggers?.events ?? [];
  if (events.length && events.every((e) => TRIAGE_EVENTS.has(e)))
    return { role: 'notify', because: `a step of a workflow run only on ${events.join(', ')} (issue triage), whatever its name (${named.because}) says` };
  // A fixer (`lint:fix`, `--fix`, `--write`) in a job that then commits what changed: it exits non-zero
  // whenever it changed a file, and what it could not fix is for the check that runs on the commit.
  if (step.run && isFixer(step.run.value) && commitsAfter(job, step.index))
    return { role: 'setup', because: `it fixes files, which the job then commits, whatever its name (${named.because}) says` };
  // An action that does not build, test or check ("Build trusted closure candidate evidence" with
  // actions/github-script fetching data): the action says what the step does. A github-script that
  // fails on purpose (`core.setFailed`) is a check.
  if (step.uses) {
    const uses = actionPath(step.uses.value);
    const action = roleOfAction(uses);
    const text = a.model.file.text.slice(step.span.start, step.span.end);
    const checks = (/github-script/.test(uses) && /core\.setFailed/.test(step.with.get('script')?.value ?? '')) || /qualitygate\.wait=true/.test(text);
    if (action && !CRITICAL_ROLES.has(action) && !checks) return { role: action, because: `action ${uses}, whatever its name (${named.because}) says` };
    return named;
  }
  const sites = a.sitesOf(step);
  // `Get-ChildItem -Path $dir -Recurse` in "Verify Build Artifacts": PowerShell that only lists and prints.
  if (sites.length && sites.every((s) => (s.shell.program === 'pwsh' || s.shell.program === 'powershell') && pwshOnlyReads(s.value.value)))
    return { role: 'report', because: `its commands only list and print, whatever its name (${named.because}) says` };
  // A script that runs under bash on some legs and pwsh on others (`runs-on: ${{ matrix.os }}`) is
  // the same commands on each: the bash reading stands for the pwsh one.
  const read = sites.filter((s) => s.parsed);
  const unread = sites.filter((s) => !s.parsed && !read.some((r) => r.value.value === s.value.value));
  if (read.length === 0 || unread.length > 0 || read.some((s) => /\bexit\s+[1-9]|(^|[;&|\s])false(\s|$)|::error/.test(s.value.value))) return named;
  const commands = read.flatMap((s) => commandsIn(s.parsed!.root).map(commandWords));
  const roles = commands.map((w) => toolRole(w));
  // A program the table cannot place (`other`: one named by a variable) says no more than an unknown one.
  if (commands.length === 0 || roles.some((t) => !t || t.weak || t.role === 'other' || CRITICAL_ROLES.has(t.role))) return named;
  const role = ORDER.find((r) => roles.some((t) => t!.role === r)) ?? 'report';
  return { role, because: `its commands only ${role === 'setup' ? 'set up' : role}, whatever its name (${named.because}) says` };
}

/** Cmdlets (and their aliases) that read and print: `Get-ChildItem`, `dir`, `Get-Content`, `Write-Host`. */
const READS =
  /^(get-\w+|test-path|resolve-path|write-(host|output|verbose|information)|format-\w+|select-object|sort-object|measure-object|gci|ls|dir|cat|type|gc|echo|write|tree)$/i;

/** Every statement of a PowerShell script is one pipeline of cmdlets that read and print. */
function pwshOnlyReads(script: string): boolean {
  const statements = parsePwsh(maskExpressions(script));
  return (
    statements.length > 0 &&
    statements.every(
      (st) => st.blocks.length === 0 && pipelineElements(st.head).every((e) => READS.test(e.trim().split(/\s+/)[0] ?? '') && !/[;&]|\$\(/.test(e)),
    )
  );
}

/** The most telling of a script's non-critical roles, first. */
const ORDER: Role[] = ['upload', 'notify', 'setup', 'cache', 'stats', 'cleanup', 'report', 'probe'];

/** Every line of the script runs a fixer: a `fix` script or subcommand, `--fix`, `--write`. */
function isFixer(script: string): boolean {
  const lines = script.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
  return lines.length > 0 && lines.every((l) => /(^|[\s:])fix(\s|$)|[\w-]:fix\b|\s--fix\b|\s--write\b/.test(l));
}
