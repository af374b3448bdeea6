import { isScalar } from 'yaml';
import type { Finding } from '../core/finding.js';
import { commandText, hasAncestor, listParts, type ScriptNode } from '../sources/shell-script.js';
import type { Job, Step, WorkflowModel } from '../sources/workflow.js';
import type { ScriptSite, WorkflowAnalysis } from './analysis.js';
import { shellLabel } from './effective-shell.js';

export interface Explanation {
  /** One line per level: script, step, job, run. */
  lines: string[];
  /** Whether a failure at the line reaches the run's conclusion. */
  loud: boolean;
}

const CONDITIONS = new Set(['if_statement', 'while_statement', 'until_statement']);

function scriptVerdict(site: ScriptSite, offset: number): { text: string; hidden: boolean } {
  const parsed = site.parsed;
  if (!parsed) return { text: `runs under ${shellLabel(site.shell)}, which groundwork does not parse`, hidden: false };
  const commands = parsed.nodes.filter((n) => n.type === 'command' && n.start <= offset && offset <= n.end);
  const cmd = commands[commands.length - 1];
  if (!cmd) return { text: 'no command starts on this line of the script', hidden: false };
  const label = `\`${commandText(cmd)}\``;
  for (let p: ScriptNode | undefined = cmd; p?.parent; p = p.parent) {
    const parts = listParts(p.parent);
    if (parts && parts.left === p && parts.op === '||') return { text: `${label} is on the left of \`|| ${parts.right.text}\`: its failure runs the right side instead`, hidden: /^(true|:|exit( 0)?|echo|printf)\b/.test(parts.right.text.trim()) };
    if (parts && parts.left === p && parts.op === '&&') return { text: `${label} is on the left of \`&&\`: bash -e does not stop on it, so the script goes on${p.parent.parent?.type === 'program' && p.parent === parsed.root.children.filter((c) => c.type !== 'comment').at(-1) ? ' (it is the last statement, so its status still counts)' : ''}`, hidden: true };
    if (p.parent.type === 'pipeline') {
      const stages: ScriptNode[] = p.parent.children.filter((c) => c.type !== '|' && c.type !== '|&');
      if (stages[stages.length - 1] !== p && !site.shell.pipefail) return { text: `${label} is on the left of a pipe and ${shellLabel(site.shell)} has no pipefail: the pipe's status is its last command's`, hidden: true };
    }
  }
  if (hasAncestor(cmd, CONDITIONS)) return { text: `${label} is a condition: its failure only chooses a branch`, hidden: true };
  if (!site.shell.errexit) return { text: `${shellLabel(site.shell)} has no -e: the script goes on after ${label} fails, and only the last command's status counts`, hidden: true };
  const setOff = parsed.nodes.find((n) => n.type === 'command' && /^set\s+\+[a-z]*e/.test(n.text) && n.end <= cmd.start);
  if (setOff) return { text: `\`${setOff.text}\` earlier in the script turned errexit off: the script goes on after ${label} fails`, hidden: true };
  return { text: `${label} stops the script under ${shellLabel(site.shell)} and fails the step`, hidden: false };
}

function continueOnError(pair: Step['continueOnError']): string | undefined {
  if (!pair || !isScalar(pair.value)) return undefined;
  return String(pair.value.value);
}

function dependants(model: WorkflowModel, job: Job): string[] {
  return model.jobs.filter((j) => j.needs.includes(job.id)).map((j) => `${j.id}${j.if ? ` (if: ${j.if.value.trim()})` : ''}`);
}

/** How a failure at a 1-based line propagates: script → step → job → run. */
export function explainLine(a: WorkflowAnalysis, line: number, findings: readonly Finding[]): Explanation | undefined {
  const lines = a.model.file.lines;
  for (const job of a.model.jobs) {
    for (const step of job.steps) {
      const first = lines.position(step.span.start).line;
      const last = lines.position(step.span.end).line;
      if (line < first || line > last) continue;
      const out: string[] = [`${a.model.file.path}:${line}  job ${job.id} › ${step.name ? `step "${step.name.value}"` : `step ${step.index + 1}`}`];
      let loud = true;
      const site = a.scriptOf(step);
      if (site) {
        const start = lines.lineStart(line);
        const offsetInScript = [...Array(site.value.value.length + 1).keys()].find((o) => site.value.map.toFile(o) >= start) ?? 0;
        const v = scriptVerdict(site, offsetInScript);
        out.push(`  script  ${v.text}`);
        if (v.hidden) loud = false;
      }
      const stepCoe = continueOnError(step.continueOnError);
      out.push(`  step    continue-on-error: ${stepCoe ?? 'not set'}${stepCoe === 'true' ? ' → a failed step counts as a success' : stepCoe?.includes('${{') ? ' → a failed step counts as a success whenever the expression is true' : ' → a failed step fails the job'}`);
      if (stepCoe && stepCoe !== 'false') loud = false;
      const jobCoe = continueOnError(job.continueOnError);
      out.push(`  job     continue-on-error: ${jobCoe ?? 'not set'}${jobCoe && jobCoe !== 'false' ? ' → the job may fail without failing the run' : ' → a failed job fails the run'}`);
      if (jobCoe && jobCoe !== 'false') loud = false;
      const deps = dependants(a.model, job);
      out.push(`  run     ${deps.length ? `jobs that need ${job.id}: ${deps.join(', ')}` : `no job needs ${job.id}`}`);
      const here = findings.filter((f) => f.line >= first && f.line <= last);
      for (const f of here) out.push(`  finding ${f.line}:${f.column} ${f.ruleId} (${f.severity}): ${f.message}`);
      out.push(`verdict: a failure at this line ${loud ? 'fails the run' : 'can pass unnoticed'}`);
      return { lines: out, loud };
    }
  }
  return undefined;
}
