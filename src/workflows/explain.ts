import { spanOf } from '../sources/yaml-source.js';
import type { Finding } from '../core/finding.js';
import { commandWords, type ScriptNode } from '../sources/shell-script.js';
import { exitsWithSuccess } from './bash/statements.js';
import { actionPath, continueOnErrorValue, type Job, type Step, type WorkflowModel } from '../sources/workflow.js';
import type { ScriptSite, WorkflowAnalysis } from './analysis.js';
import { shellLabel } from './effective-shell.js';
import { reportable } from './hidden/groups.js';
import { hiddenFailures } from './hidden/index.js';
import type { HiddenFailure } from './hidden/types.js';
import { collect } from './hidden/collect.js';
import { allowedFailureHandled } from './allowed-failure.js';
import { CRITICAL_ROLES, type Role, roleNote } from './roles/role.js';
import { FAILURE_INPUTS } from './failure-inputs.js';
import { shellAnchor } from './script-location.js';
import { clip } from '../core/clip.js';

export interface Explanation {
  /** One line per level: script, step, job, run. */
  lines: string[];
  /** Whether a failure at the line reaches the run's conclusion. */
  loud: boolean;
}

const HOW: Record<string, string> = {
  'or-mask': 'is followed by `|| true` (or `:`, `echo`, `exit 0`): its failure is ignored',
  'or-fallback': "falls back to the command after `||`: its failure is replaced by the fallback's",
  'or-skip': 'skips to the next iteration when it fails (`|| continue`)',
  'and-left': "is on the left of `&&` in a list that is not the script's last statement: bash -e does not stop on it, so the script goes on",
  'pipe-left': "is on the left of a pipe without pipefail: the pipe's status is its last command's",
  'errexit-off': 'runs with errexit off and is not the last command: the script goes on after it fails',
  'errexit-ignored': 'runs where bash ignores -e (a block on the left of `||`/`&&`): the block goes on after it fails',
  declaration: "runs in `export`/`local X=$(…)`: the declaration's status replaces its own",
  'substitution-arg': 'runs in a `$(…)` used as an argument: nobody reads its status',
  'process-substitution': 'runs in `<(…)`: nobody reads its status',
  background: 'runs in the background (`&`): nobody waits for its status',
  'find-exec': 'runs under `find … -exec … \\;`, which takes its status as a test and exits 0 whatever it was',
  'background-wait': 'runs in the background (`&`) and the bare `wait` after it returns 0 whatever it did',
  'status-lost': 'runs under `script -c` without -e, which exits 0 whatever happens',
  negated: "is negated with `!` on a line that is not the script's last: bash ignores a negated status, even under -e, so when it succeeds nothing fails",
  'negated-search':
    'feeds a search whose match fails the step (`! (cmd | grep X)`, `if cmd | grep X; then exit 1; fi`): its failure prints nothing, the search finds nothing, and the step passes',
  'after-exit': 'never runs: a statement before it ends the script (`exit 0`, or `cmd && exit 1 || exit 0` either way), and the step passes without it',
  'swallowed-verdict':
    "ends in a verdict that only sets its block's status (`check && (echo; exit 1) || echo ok`): the `||` then passes, so the check never fails the step",
  'unread-status': 'saves its status only to hand it to later steps (`|| rc=$?` then `echo "rc=$rc" >> "$GITHUB_OUTPUT"`), and nothing reads it',
  native: "is not the last native program: pwsh and cmd fail a step only on the last one's exit code",
};

function lineOfOffset(a: WorkflowAnalysis, site: ScriptSite, offset: number): number {
  return a.model.file.lines.position(site.value.map.toFile(offset)).line;
}

/** The verdict of one site (a step's script under one shell) for a file line. */
function siteVerdict(
  a: WorkflowAnalysis,
  site: ScriptSite,
  line: number,
  both: boolean,
): { text: string; hidden: boolean; later?: string; quiet?: boolean; unread?: boolean; none?: boolean } {
  const legs = site.windows ? ` on the Windows legs (${site.windows})` : both ? ' on the Linux and macOS legs' : '';
  const all = hiddenFailures(a).get(site) ?? [];
  let here = all.filter((h) => lineOfOffset(a, site, h.commandRange.start) === line);
  // The native programs pwsh and cmd hide are reported where the step's shell is said (its `shell:`,
  // or the `run:` key under the Windows default): that line stands for all of them.
  if (here.length === 0 && a.model.file.lines.position(shellAnchor(a, site).span.start).line === line) here = all.filter((h) => h.how === 'native' && !h.view);
  const h: HiddenFailure | undefined = here.find(reportable) ?? here[0];
  if (h) {
    const label = `\`${h.text}\` ${roleNote(h.role)}`;
    const how = HOW[h.how] ?? 'fails unnoticed';
    if (h.handled) return { text: `${label} ${how}; but ${h.handled}${legs}`, hidden: false };
    // Lost in the step, found again later in the job (run again unmasked, its saved output checked).
    // Lost either way; a probe's, a print's or a cleanup's loss is not worth a finding (`quiet`).
    if (h.caught) return { text: `${label} ${how}; ${h.caught}${legs}`, hidden: true, later: h.caught, quiet: !reportable(h) };
    return { text: `${label} ${how}${h.escalation ? `; ${h.escalation}` : ''}${legs}`, hidden: true, quiet: !reportable(h) };
  }
  if (!site.parsed) {
    const native = ['pwsh', 'powershell', 'cmd'].includes(site.shell.program);
    return {
      text: native
        ? `runs under ${shellLabel(site.shell)}${legs}; no native program on this line is followed by another one`
        : `runs under ${shellLabel(site.shell)}${legs}, a program whose script is not read line by line: the step fails when it exits non-zero`,
      hidden: false,
    };
  }
  // extglob patterns, some here-strings: bash runs them, the grammar cannot read them, and the
  // analysis skips such a script rather than guess (no finding, so say it was not read).
  if (site.parsed.hasError)
    return { text: `the script holds a construct the bash grammar cannot read, so it was not analysed${legs}`, hidden: false, unread: true };
  // A command on the line whose failure reaches the step.
  const c = collect(site, a.scriptCache);
  for (const view of c.views) {
    const cmd = view.parsed.nodes.find((n: ScriptNode) => n.type === 'command' && lineOfOffset(a, site, view.toSite(n.start)) === line);
    if (!cmd) continue;
    const fate = view.fates.fate(cmd);
    const label = `\`${clip(commandWords(cmd).join(' '), 60)}\``;
    if (fate.kind === 'probe')
      return { text: `${label} is ${fate.why === 'condition' ? 'a condition' : 'negated'}: its status only chooses what runs next${legs}`, hidden: false };
    if (fate.kind === 'checked')
      return { text: `${label} is followed by an explicit failure (\`|| exit 1\`): its failure fails the step${legs}`, hidden: false };
    if (fate.kind === 'captured')
      return { text: `${label}: its status is saved (\`${clip(fate.at.text, 40)}\`) for the script to check${legs}`, hidden: false };
    if (exitsWithSuccess(cmd)) {
      // At the top of the script, before more commands ("temporarily get the job green"): they never run.
      const dead = c.hidden.filter((h) => h.how === 'after-exit' && h.mask === cmd).length;
      if (dead)
        return {
          text: `${label} ends the script with success: the ${dead} command(s) after it never run, and the step passes without them${legs}`,
          hidden: true,
        };
      return { text: `${label} ends the script with success${legs}`, hidden: false };
    }
    if (fate.kind === 'propagates')
      return {
        text: site.shell.errexit
          ? `${label} stops the script under ${shellLabel(site.shell)} and fails the step${legs}`
          : `${label} fails the step under ${shellLabel(site.shell)}: nothing after it hides its failure${legs}`,
        hidden: false,
      };
  }
  return { text: `no command starts on this line of the script${legs}`, hidden: false, none: true };
}

/**
 * What keeps the step's action from failing: the failure-disabled-input rule's finding on the step (an
 * input set to turn failure off, on every leg or some), or, where no input says otherwise, a known
 * input whose default already does (codecov-action's `fail_ci_if_error`, reviewdog's `fail_level`).
 */
function actionFailureOff(a: WorkflowAnalysis, job: Job, step: Step, findings: readonly Finding[]): { text: string; quiet: boolean } | undefined {
  if (!step.uses) return undefined;
  const lines = a.model.file.lines;
  const [first, last] = [lines.position(step.span.start).line, lines.position(Math.max(step.span.start, step.span.end - 1)).line];
  const f = findings.find((x) => x.ruleId === 'failure-disabled-input' && x.line >= first && x.line <= last);
  if (f) return { text: f.message, quiet: f.severity === 'low' };
  const action = actionPath(step.uses.value).toLowerCase();
  const rows = FAILURE_INPUTS.filter((r) => r.action?.test(action));
  // Any of the action's failure inputs given (`fail_level: error`) decides; the rule judged it above.
  if (rows.some((r) => [...step.with.keys()].some((name) => r.input.test(name)))) return undefined;
  const row = rows.find((r) => r.offByDefault !== undefined);
  if (!row) return undefined;
  const role: Role = row.role !== 'other' ? row.role : a.roleOf(step, job).role;
  return {
    text: `${action} fails on nothing unless told to: its input ${row.input.source.replace(/^\^|\$$/g, '').replace(/\[-_\]/g, '_')} defaults to ${row.offByDefault} (role: ${role})`,
    quiet: !CRITICAL_ROLES.has(role),
  };
}

/** The continue-on-error line of a step or job, with what catches the allowed failure, if anything. */
function allowedLine(a: WorkflowAnalysis, job: Job, step: Step | undefined, value: string | undefined): { text: string; hides: boolean; handled?: string } {
  const what = step ? 'step' : 'job';
  if (!value || value === 'false')
    return { text: `continue-on-error: ${value ?? 'not set'} → a failed ${what} fails the ${step ? 'job' : 'run'}`, hides: false };
  const effect = step
    ? value === 'true'
      ? ' → a failed step counts as a success'
      : ' → a failed step counts as a success whenever the expression is true'
    : ' → the job may fail without failing the run';
  const caught = allowedFailureHandled(a, job, step);
  if (caught.handled) return { text: `continue-on-error: ${value}${effect}, but ${caught.handled}`, hides: false, handled: caught.handled };
  return {
    text: `continue-on-error: ${value}${effect}${caught.surfaces ? `; it surfaces where ${caught.surfaces}` : caught.kept ? `; ${caught.kept}` : ''}`,
    hides: true,
  };
}

function dependants(model: WorkflowModel, job: Job): string[] {
  return model.jobs.filter((j) => j.needs.includes(job.id)).map((j) => `${j.id}${j.if ? ` (if: ${j.if.value.trim()})` : ''}`);
}

/** How a failure at a 1-based line propagates: script → step → job → run, with the same semantics the rules use. */
export function explainLine(a: WorkflowAnalysis, line: number, findings: readonly Finding[]): Explanation | undefined {
  const lines = a.model.file.lines;
  // A node's range ends after its line break (on the next line's first column): that line is the next
  // node's, so the last line is the one holding the last character.
  const lastLine = (span: { start: number; end: number }) => lines.position(Math.max(span.start, span.end - 1)).line;
  const within = (span: { start: number; end: number }) => line >= lines.position(span.start).line && line <= lastLine(span);
  for (const job of a.model.jobs) {
    // A step, or a script handed to a reusable workflow (`with: script:`).
    const step = job.steps.find((s) => within(s.span));
    const input = step ? undefined : a.scripts.find((s) => s.job === job && s.input && !s.step && within(s.value.span));
    if (!step && !input) continue;
    const span = step?.span ?? input!.value.span;
    const first = lines.position(span.start).line;
    const last = lastLine(span);
    const where = step ? (step.name ? `step "${step.name.value}"` : `step ${step.index + 1}`) : `the \`${input!.input}\` input`;
    const out: string[] = [`${a.model.file.path}:${line}  job ${job.id} › ${where}`];
    let loud = true;
    let later: string | undefined;
    let lost = false;
    // Every loss on this line is of something that does not matter (a report, a probe, a cleanup).
    let quiet = true;
    let unread = false;
    let none = true;
    const sites = step ? a.sitesOf(step) : [input!];
    for (const site of sites) {
      const v = siteVerdict(a, site, line, sites.length > 1);
      out.push(`  script  ${v.text}`);
      if (!v.none) none = false;
      if (v.unread) unread = true;
      if (v.hidden) loud = false;
      if (v.hidden && !v.quiet) quiet = false;
      if (v.hidden && v.later) later ??= v.later;
      else if (v.hidden) lost = true;
    }
    // An action kept from failing by an input, given or by default (codecov's `fail_ci_if_error`).
    const off = step ? actionFailureOff(a, job, step, findings) : undefined;
    if (off) {
      out.push(`  action  ${off.text}`);
      [loud, lost] = [false, true];
      if (!off.quiet) quiet = false;
    }
    // A failure the step is allowed, that something after it answers for: the run's fate is that answer's.
    let allowed: string | undefined;
    if (step) {
      const s = allowedLine(a, job, step, continueOnErrorValue(step.continueOnError));
      out.push(`  step    ${s.text}`);
      allowed = s.handled;
      if (s.hides) loud = false;
      if (s.hides) lost = true;
      if (s.hides) quiet = false;
    }
    const j = allowedLine(a, job, undefined, continueOnErrorValue(job.continueOnError));
    out.push(`  job     ${j.text}`);
    if (j.hides) loud = false;
    if (j.hides) lost = true;
    if (j.hides) quiet = false;
    const deps = dependants(a.model, job);
    out.push(`  run     ${deps.length ? `jobs that need ${job.id}: ${deps.join(', ')}` : `no job needs ${job.id}`}`);
    const here = findings.filter((f) => f.line >= first && f.line <= last);
    for (const f of here) out.push(`  finding ${f.line}:${f.column} ${f.ruleId} (${f.severity}): ${f.message}`);
    // A line without commands that carries a finding (a `shell:` line standing for the script's
    // commands): the verdict is the finding's, not this line's.
    const anchored = none && loud ? here.find((f) => f.line === line) : undefined;
    if (anchored) {
      out.push(
        `verdict: no command starts here; the ${anchored.ruleId} finding on this line is about commands on other lines of the step (explain their lines)`,
      );
      return { lines: out, loud: false };
    }
    const verdict = unread
      ? 'is not known: the script was not analysed'
      : loud && allowed
        ? `does not fail the step (continue-on-error), but ${allowed}`
        : loud
          ? 'fails the run'
          : !lost && later
            ? `does not fail its step; ${later}`
            : quiet
              ? 'passes unnoticed, but what it loses does not matter here (a report, a probe or a cleanup)'
              : 'can pass unnoticed';
    out.push(`verdict: a failure at this line ${verdict}`);
    return { lines: out, loud };
  }
  // A line of a job outside its steps (its `continue-on-error:`, `if:`, `strategy:`): how a failure
  // of the job reaches the run.
  for (const job of a.model.jobs) {
    const span = spanOf(job.map);
    if (!within({ start: job.idSpan.start, end: span.end })) continue;
    const j = allowedLine(a, job, undefined, continueOnErrorValue(job.continueOnError));
    const deps = dependants(a.model, job);
    const out = [`${a.model.file.path}:${line}  job ${job.id}`, `  job     ${j.text}`];
    out.push(`  run     ${deps.length ? `jobs that need ${job.id}: ${deps.join(', ')}` : `no job needs ${job.id}`}`);
    for (const f of findings.filter((f) => f.line === line)) out.push(`  finding ${f.line}:${f.column} ${f.ruleId} (${f.severity}): ${f.message}`);
    out.push(`verdict: a failure of job ${job.id} ${j.hides ? 'can pass unnoticed' : 'fails the run'}`);
    return { lines: out, loud: !j.hides };
  }
  return undefined;
}
