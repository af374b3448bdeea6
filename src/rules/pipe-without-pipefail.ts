import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { commandArgs, commandName, commandsIn, commandText, hasAncestor, type ParsedScript } from '../sources/shell-script.js';
import type { ScriptSite, WorkflowAnalysis } from '../workflows/analysis.js';
import { isPosixShell, shellLabel } from '../workflows/effective-shell.js';
import { insertShellBash } from '../workflows/insert-shell.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import { criticalCommandRole, roleNote, severityForCommand } from '../workflows/step-role.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'pipe-without-pipefail',
  summary: 'a pipe hides the failure of the command on its left because the shell has no pipefail',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'A pipeline\'s status is its last command\'s. GitHub runs a `run:` step with no `shell:` as `bash -e {0}`, without pipefail, so `pytest | tee log.txt` succeeds whenever `tee` does, even if every test failed. Only an explicit `shell: bash` adds `-o pipefail`; `sh` has none.',
    fix: 'Set `shell: bash` on the step (`groundwork fix` adds it), or in `defaults.run.shell` of the job or workflow, or start the script with `set -o pipefail`.',
    bad: '- name: Run tests\n  run: pytest test/ | tee test.log',
    good: '- name: Run tests\n  shell: bash\n  run: pytest test/ | tee test.log',
  },
};

/** Left-hand commands whose failure carries no meaning worth failing for. */
const HARMLESS = /^(echo|printf|yes|true|:|cat|ls|env|printenv|seq|date|whoami|uname|hostname|pwd|git (log|diff|show|status|ls-files|rev-parse|describe|branch|tag)|find|sort|head|tail|awk|sed|tr|cut|grep|egrep|jq|yq|wc|xargs echo|basename|dirname|nproc|df|du|free|ps|lscpu)\b/;

/** Offsets where `set -o pipefail` / `set +o pipefail` switch it, in order. */
function pipefailSwitches(parsed: ParsedScript): { at: number; on: boolean }[] {
  const out: { at: number; on: boolean }[] = [];
  for (const node of parsed.nodes) {
    if (node.type !== 'command' || commandName(node) !== 'set') continue;
    const args = commandArgs(node).join(' ');
    if (/(^|\s)-[a-zA-Z]*o pipefail/.test(args)) out.push({ at: node.end, on: true });
    if (/(^|\s)\+[a-zA-Z]*o pipefail/.test(args)) out.push({ at: node.end, on: false });
  }
  return out;
}

function pipefailOnAt(switches: { at: number; on: boolean }[], offset: number): boolean {
  let on = false;
  for (const s of switches) if (s.at <= offset) on = s.on;
  return on;
}

const NESTED = new Set(['command_substitution', 'pipeline']);


function* findingsIn(a: WorkflowAnalysis, site: ScriptSite, fixedSteps: Set<unknown>): Generator<FindingDraft> {
  const sh = site.shell;
  if (sh.dynamic || sh.pipefail || !isPosixShell(sh.program) || site.input || !/\|(?!\|)/.test(site.value.value.replace(/\|\|/g, '')) || !site.parsed) return;
  const switches = pipefailSwitches(site.parsed);
  for (const node of site.parsed.nodes) {
    if (node.type !== 'pipeline' || hasAncestor(node, NESTED)) continue;
    const stages = node.children.filter((c) => c.type !== '|' && c.type !== '|&');
    const left = stages.slice(0, -1).flatMap((s) => commandsIn(s).map(commandText));
    if (left.length === 0 || left.every((c) => HARMLESS.test(c))) continue;
    if (pipefailOnAt(switches, node.start)) continue;
    const commandRole = criticalCommandRole(left);
    const role = commandRole ?? site.role.role;
    const severity = severityForCommand(commandRole, site.role);
    const step = site.step;
    let fix: FindingDraft['fix'];
    if (step && !step.shell && sh.source === 'runner default' && sh.program === 'bash' && severity !== 'low' && !fixedSteps.has(step)) {
      const edit = insertShellBash(a.model.file.text, step);
      if (edit) {
        fixedSteps.add(step);
        fix = { title: `set \`shell: bash\` (pipefail) on ${scriptLabel(site)}`, safety: 'safe', edits: [edit] };
      }
    }
    const first = left.find((c) => !HARMLESS.test(c)) ?? left[0]!;
    yield {
      ruleId: meta.id,
      message: `the pipe hides a failure of \`${first.length > 50 ? `${first.slice(0, 50)}…` : first}\` in ${scriptLabel(site)}: it runs under ${shellLabel(sh)} ${roleNote(role, commandRole ? 'the command' : site.role.because)}`,
      span: scriptSpan(site, node.start, node.end),
      scope: site.step?.span ?? site.job.idSpan,
      severity,
      confidence: role === 'other' ? 'medium' : 'high',
      fix,
    };
  }
}

export const pipeWithoutPipefail: WorkflowRule = {
  meta,
  *check(a) {
    const fixed = new Set<unknown>();
    for (const site of a.scripts) yield* findingsIn(a, site, fixed);
  },
};
