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

/**
 * A script site whose shell tree and role are computed on first use: most scripts never need them
 * (no pipe, no `||`, no `set`), and parsing is the costliest step after YAML.
 */
function lazySite(base: Omit<ScriptSite, 'parsed' | 'role'>, parse: () => ParsedScript | undefined, role: (parsed: ParsedScript | undefined) => RoleEvidence): ScriptSite {
  let parsed: ParsedScript | undefined;
  let parsedDone = false;
  let roleValue: RoleEvidence | undefined;
  const site = {
    ...base,
    get parsed() {
      if (!parsedDone) {
        parsed = parse();
        parsedDone = true;
      }
      return parsed;
    },
    get role() {
      roleValue ??= role(site.parsed);
      return roleValue;
    },
  };
  return site;
}

/**
 * Parses scripts once per distinct text: generated workflows (PyTorch's templates) repeat the same
 * scripts across many files. Trees are read-only, so sharing them is safe.
 */
export class ScriptCache {
  private readonly trees = new Map<string, ParsedScript>();
  constructor(private readonly bash: Parser) {}

  parse(script: string): ParsedScript {
    let tree = this.trees.get(script);
    if (!tree) {
      tree = parseScript(this.bash, script);
      this.trees.set(script, tree);
    }
    return tree;
  }
}

export function analyse(model: WorkflowModel, scriptCache: ScriptCache): WorkflowAnalysis {
  const scripts: ScriptSite[] = [];
  const byStep = new Map<Step, ScriptSite>();
  for (const job of model.jobs) {
    for (const step of job.steps) {
      if (!step.run) continue;
      const shell = effectiveShell(step, job, model);
      const run = step.run;
      const site = lazySite(
        { job, step, value: run, shell },
        () => (isPosixShell(shell.program) ? scriptCache.parse(run.value) : undefined),
        (parsed) => classifyStep(step, commandTexts(parsed), job),
      );
      scripts.push(site);
      byStep.set(step, site);
    }
    if (job.uses) {
      for (const [input, value] of job.with) {
        if (!SCRIPT_INPUTS.has(input)) continue;
        // The callee's shell is not known here; assume GitHub's default (errexit, no pipefail claims).
        const shell: EffectiveShell = { program: 'bash', errexit: true, pipefail: true, source: 'runner default', dynamic: true };
        const pseudo: Step = { index: -1, map: job.map, span: value.span, name: job.name, with: new Map() };
        scripts.push(lazySite({ job, input, value, shell }, () => scriptCache.parse(value.value), (parsed) => classifyStep(pseudo, commandTexts(parsed), job)));
      }
    }
  }
  return {
    model,
    scripts,
    scriptOf: (step) => byStep.get(step),
    roleOf: (step, job) => byStep.get(step)?.role ?? classifyStep(step, [], job),
  };
}
