import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { commandArgs, commandName, commandText, hasAncestor, listParts, type ParsedScript, type ScriptNode } from '../sources/shell-script.js';
import type { ScriptSite, WorkflowAnalysis } from '../workflows/analysis.js';
import { isPosixShell } from '../workflows/effective-shell.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import { classifyCommand, CRITICAL_ROLES, roleNote, severityForRole, type StepRole } from '../workflows/step-role.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'errexit-disabled',
  summary: '`set +e`, `set +o pipefail` or a shell without `-e` lets failing commands pass',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'With errexit off, a failing command in the middle of a script does not stop it: only the last command\'s status decides the step. `set +e` without a later check of `$?`, `set +o pipefail`, and a custom `shell: bash {0}` (no `-e`, unlike the default) all let test and build failures pass.',
    fix: 'Remove `set +e`, or capture the status and act on it (`set +e; pytest; status=$?; set -e; …; exit $status`). Use `shell: bash` rather than `bash {0}` / `bash -l {0}`, or add `-e` (`bash -el {0}`).',
    bad: '- run: |\n    set +e\n    pytest test/\n    echo done',
    good: '- run: |\n    pytest test/\n    echo done',
  },
};

const ERREXIT_OFF = (args: string[]) => args.some((x) => /^\+[a-zA-Z]*e[a-zA-Z]*$/.test(x)) || args.join(' ').includes('+o errexit');
const ERREXIT_ON = (args: string[]) => args.some((x) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(x)) || args.join(' ').includes('-o errexit');
const PIPEFAIL_OFF = (args: string[]) => /(^|\s)\+[a-zA-Z]*o pipefail/.test(args.join(' '));
/** Commands that are routinely wrapped in `set +e … set -e` because they fail spuriously. */
const ACTIVATION = /^(source|\.|conda activate|conda deactivate|module (load|purge)|eval|activate|deactivate|pyenv|nvm use|spack load)\b/;
const STATUS_CHECK = /\$\?|\$\{\?\}|PIPESTATUS|\bexit\s+"?\$|\breturn\s+"?\$/;

function criticalRole(commands: ScriptNode[], fallback: StepRole): StepRole {
  for (const c of commands) {
    const r = classifyCommand(commandText(c));
    if (r && CRITICAL_ROLES.has(r)) return r;
  }
  return fallback;
}

const PIPELINE = new Set(['pipeline']);

/** Commands whose own failure means nothing here: messages and the `set`/`exit` plumbing. */
const HARMLESS = /^(echo|printf|true|:|set|exit|return|cd|export|shift|local|declare|unset)$/;

/**
 * Whether a command's exit status is consumed even with errexit off: it is an `if`/`while`
 * condition, negated, on the left of `||`/`&&`, or part of the script's last statement (whose
 * status is the step's).
 */
function statusIsUsed(cmd: ScriptNode, parsed: ParsedScript): boolean {
  for (let n: ScriptNode = cmd; n.parent; n = n.parent) {
    if (n.field === 'condition' || n.parent.type === 'negated_command') return true;
    const parts = listParts(n.parent);
    if (parts && parts.left === n) return true;
    if (n.parent === parsed.root) return n === lastStatement(parsed);
  }
  return false;
}

function lastStatement(parsed: ParsedScript): ScriptNode | undefined {
  const statements = parsed.root.children.filter((c) => c.type !== 'comment' && c.type !== ';' && c.type !== '&' && c.type !== '\n');
  return statements[statements.length - 1];
}

function setCommands(parsed: ParsedScript): ScriptNode[] {
  return parsed.nodes.filter((n) => n.type === 'command' && commandName(n) === 'set');
}

function* setPlusE(a: WorkflowAnalysis, site: ScriptSite): Generator<FindingDraft> {
  const parsed = site.parsed!;
  const sets = setCommands(parsed);
  for (const set of sets) {
    const args = commandArgs(set);
    const off = ERREXIT_OFF(args);
    const pipeOff = PIPEFAIL_OFF(args);
    if (!off && !pipeOff) continue;
    const restore = sets.find((s) => s.start > set.end && (off ? ERREXIT_ON(commandArgs(s)) : commandArgs(s).join(' ').includes('-o pipefail')));
    const windowEnd = restore?.start ?? parsed.source.length;
    const windowText = parsed.source.slice(set.end, windowEnd);
    const inWindow = parsed.nodes.filter((c) => c.type === 'command' && c.start > set.end && c.end <= windowEnd);
    // With errexit off, any command whose status nobody reads can fail unnoticed; with pipefail off, any command in a pipe.
    const commands = inWindow.filter((c) => !HARMLESS.test(commandName(c) ?? '') && (off ? !statusIsUsed(c, parsed) : hasAncestor(c, PIPELINE)));
    if (commands.length === 0) continue;
    if (off && STATUS_CHECK.test(windowText)) continue;
    if (off && commands.every((c) => ACTIVATION.test(commandText(c)))) continue;
    if (pipeOff && !/\|(?!\|)/.test(windowText.replace(/\|\|/g, ''))) continue;
    const role = criticalRole(commands, site.role.role);
    const what = off ? `\`${set.text}\` turns errexit off` : `\`${set.text}\` turns pipefail off`;
    const until = restore ? `until \`${restore.text}\`` : 'for the rest of the script';
    yield {
      ruleId: meta.id,
      message: `${what} ${until} in ${scriptLabel(site)} and no exit status is checked, so ${commands.length} command(s) can fail unnoticed ${roleNote(role)}`,
      span: scriptSpan(site, set.start, set.end),
      scope: site.step?.span ?? site.job.idSpan,
      severity: severityForRole(role),
      confidence: STATUS_CHECK.test(parsed.source) ? 'medium' : 'high',
    };
  }
}

function* shellWithoutErrexit(a: WorkflowAnalysis, seen: Set<number>): Generator<FindingDraft> {
  for (const site of a.scripts) {
    const sh = site.shell;
    if (!site.step || !sh.node || sh.dynamic || sh.errexit || !isPosixShell(sh.program) || !site.value.value.trim().includes('\n') || !site.parsed) continue;
    const statements = site.parsed.root.children.filter((c) => c.type !== 'comment' && c.type !== ';' && c.type !== '\n');
    if (statements.length < 2) continue;
    if (setCommands(site.parsed).some((s) => ERREXIT_ON(commandArgs(s)))) continue;
    if (seen.has(sh.node.span.start)) continue;
    seen.add(sh.node.span.start);
    const role = site.role.role;
    yield {
      ruleId: meta.id,
      message: `\`shell: ${sh.node.value.trim()}\` (${sh.source}) runs scripts without -e, so only the last command's failure fails ${scriptLabel(site)}${sh.source === 'step' ? '' : ' and every other step using it'} ${roleNote(role, site.role.because)}`,
      span: sh.node.span,
      scope: site.step.span,
      severity: severityForRole(role),
      confidence: 'high',
    };
  }
}

export const errexitDisabled: WorkflowRule = {
  meta,
  *check(a) {
    for (const site of a.scripts) if (/\bset\b/.test(site.value.value) && site.parsed) yield* setPlusE(a, site);
    yield* shellWithoutErrexit(a, new Set());
  },
};
