import type { Parser } from '../sources/tree-sitter.js';
import { commandsIn, commandText, parseScript, type ParsedScript } from '../sources/shell-script.js';
import type { Job, Step, WorkflowModel } from '../sources/workflow.js';
import type { Str } from '../sources/yaml-source.js';
import { effectiveShell, isPosixShell, type EffectiveShell } from './effective-shell.js';
import { classifyStep, type RoleEvidence } from './step-role.js';

/** Inputs of a reusable workflow call whose value is a script the callee runs. */
export const SCRIPT_INPUTS: ReadonlySet<string> = new Set(['script', 'run', 'command', 'commands', 'cmd', 'test-script', 'build-script', 'run-script']);

/** A piece of shell the workflow runs: a step's `run:` or a script passed to a reusable workflow. */
export interface ScriptSite {
  job: Job;
  /** The step, for `run:` scripts. */
  step?: Step;
  /** The input name, for `with: script:` passed to a reusable workflow. */
  input?: string;
  value: Str;
  /** Undefined when the shell is not a POSIX shell (pwsh, python) and so is not parsed. */
  parsed?: ParsedScript;
  shell: EffectiveShell;
  role: RoleEvidence;
}

/** One workflow or local action, its scripts parsed once, and the repository's other models. */
export interface WorkflowAnalysis {
  model: WorkflowModel;
  scripts: ScriptSite[];
  /** The script site of a step, if it has a `run:`. */
  scriptOf(step: Step): ScriptSite | undefined;
  roleOf(step: Step, job: Job): RoleEvidence;
}

function commandTexts(parsed: ParsedScript | undefined): string[] {
  if (!parsed) return [];
  return commandsIn(parsed.root).map(commandText);
}

export function analyse(model: WorkflowModel, bash: Parser): WorkflowAnalysis {
  const scripts: ScriptSite[] = [];
  const byStep = new Map<Step, ScriptSite>();
  const roles = new Map<Step, RoleEvidence>();
  for (const job of model.jobs) {
    for (const step of job.steps) {
      if (!step.run) continue;
      const shell = effectiveShell(step, job, model);
      const parsed = isPosixShell(shell.program) ? parseScript(bash, step.run.value) : undefined;
      const role = classifyStep(step, commandTexts(parsed), job);
      roles.set(step, role);
      const site: ScriptSite = { job, step, value: step.run, parsed, shell, role };
      scripts.push(site);
      byStep.set(step, site);
    }
    if (job.uses) {
      for (const [input, value] of job.with) {
        if (!SCRIPT_INPUTS.has(input)) continue;
        const parsed = parseScript(bash, value.value);
        // The callee's shell is not known here; assume GitHub's default (errexit, no pipefail claims).
        const shell: EffectiveShell = { program: 'bash', errexit: true, pipefail: true, source: 'runner default', dynamic: true };
        const pseudo: Step = { index: -1, map: job.map, span: value.span, name: job.name, with: new Map() };
        const role = classifyStep({ ...pseudo, id: undefined }, commandTexts(parsed), job);
        scripts.push({ job, input, value, parsed, shell, role });
      }
    }
  }
  return {
    model,
    scripts,
    scriptOf: (step) => byStep.get(step),
    roleOf: (step, job) => roles.get(step) ?? classifyStep(step, [], job),
  };
}
