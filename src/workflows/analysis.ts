import { inputDefaults, withInputDefaults } from './input-defaults.js';
import type { Parser } from '../sources/tree-sitter.js';
import { commandsIn, commandWords, parseScript, type ParsedScript } from '../sources/shell-script.js';
import type { Job, Step, WorkflowModel } from '../sources/workflow.js';
import type { Str } from '../sources/yaml-source.js';
import { effectiveShell, hasExplicitShell, isPosixShell, type EffectiveShell } from './effective-shell.js';
import { cmdNatives } from './natives-cmd.js';
import { pwshNatives } from './natives-pwsh.js';
import { runnerLegs } from './runner-os.js';
import { scriptActionOf } from './script-actions.js';
import { classifyStep, CRITICAL_ROLES, type RoleEvidence } from './step-role.js';
import { onlyDependencyBuild } from './dependency-builds.js';
import { roleOfName } from './roles/lexicon.js';

/** Inputs of a reusable workflow call whose value is a script the callee runs. */
export const SCRIPT_INPUTS: ReadonlySet<string> = new Set(['script', 'run', 'command', 'commands', 'cmd', 'test-script', 'build-script', 'run-script']);

/** A piece of shell the workflow runs: a step's `run:`, a script passed to a reusable workflow, or an action's script input. */
export interface ScriptSite {
  job: Job;
  /** The step, for `run:` scripts and action inputs. */
  step?: Step;
  /** The input name, for `with: script:` passed to a reusable workflow or to a script-running action. */
  input?: string;
  /** The action that runs the input (`nick-fields/retry`). */
  action?: string;
  /** What the action puts between the script's lines before running it (`;`): one line, where a `#` swallows the rest. */
  joinsLines?: string;
  value: Str;
  /** Plain-text defaults of the file's inputs (a local action's or reusable workflow's), by name. */
  inputDefaults?: ReadonlyMap<string, string>;
  /** Undefined when the shell is not a POSIX shell (pwsh, cmd, python) and so is not parsed as one. */
  parsed?: ParsedScript;
  shell: EffectiveShell;
  /** Set when the site stands for the Windows legs of a step whose shell depends on the runner. */
  windows?: string;
  role: RoleEvidence;
}

/** One workflow or local action, its scripts parsed once. */
export interface WorkflowAnalysis {
  model: WorkflowModel;
  scripts: ScriptSite[];
  /** Parses nested scripts (`bash -c "…"`) with the same cache. */
  scriptCache: ScriptCache;
  /** The script sites of a step (two when it runs under bash on some legs and pwsh on others). */
  sitesOf(step: Step): ScriptSite[];
  roleOf(step: Step, job: Job): RoleEvidence;
}

/** A step that builds only dependencies it clones ("Build pinned DeepGEMM reference") sets the job up. */
function dependencyRole(role: RoleEvidence, parsed: ParsedScript | undefined, text: string): RoleEvidence {
  if (!parsed || !CRITICAL_ROLES.has(role.role) || !text.includes('git')) return role;
  const dep = onlyDependencyBuild(
    text,
    commandsIn(parsed.root).map((n) => ({ words: commandWords(n), start: n.start })),
  );
  return dep ? { role: 'setup', because: `it builds only ${dep.dir}, a dependency it clones` } : role;
}

/** The words of each command a site runs, for its role. */
function siteCommands(parsed: ParsedScript | undefined, shell: EffectiveShell, text: string): string[][] {
  if (parsed) return commandsIn(parsed.root).map(commandWords);
  if (shell.program === 'pwsh' || shell.program === 'powershell') return pwshNatives(text, shell.program).map((n) => n.words);
  if (shell.program === 'cmd') return cmdNatives(text).map((n) => n.words);
  return [];
}

/**
 * A script site whose shell tree and role are computed on first use: most scripts never need them,
 * and parsing is the costliest step after YAML.
 */
function lazySite(
  base: Omit<ScriptSite, 'parsed' | 'role'>,
  parse: () => ParsedScript | undefined,
  role: (parsed: ParsedScript | undefined) => RoleEvidence,
): ScriptSite {
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

/**
 * An action's script input named for what it does: vmactions' `prepare:` installs the VM's packages
 * before its `run:` builds and tests, whatever the step is called ("Tests").
 */
function inputRole(extra: Partial<ScriptSite>): RoleEvidence | undefined {
  if (!extra.input || !extra.action) return undefined;
  const named = roleOfName(extra.input);
  return named && !CRITICAL_ROLES.has(named.role) ? { role: named.role, because: `the \`${extra.input}\` input of ${extra.action}` } : undefined;
}

export function analyse(model: WorkflowModel, scriptCache: ScriptCache): WorkflowAnalysis {
  const scripts: ScriptSite[] = [];
  const byStep = new Map<Step, ScriptSite[]>();
  const add = (step: Step | undefined, site: ScriptSite) => {
    scripts.push(site);
    if (step) byStep.set(step, [...(byStep.get(step) ?? []), site]);
  };
  const defaults = inputDefaults(model);
  const siteFor = (job: Job, step: Step, value: Str, shell: EffectiveShell, extra: Partial<ScriptSite> = {}) =>
    lazySite(
      { job, step, value, shell, inputDefaults: defaults, ...extra },
      // Joining with a one-character separator keeps every offset, so the tree maps back to the file.
      () => (isPosixShell(shell.program) ? scriptCache.parse(extra.joinsLines ? value.value.replaceAll('\n', extra.joinsLines) : value.value) : undefined),
      (parsed) =>
        inputRole(extra) ??
        dependencyRole(
          classifyStep(
            step,
            siteCommands(parsed, shell, value.value).map((w) => withInputDefaults(w, defaults)),
            job,
          ),
          parsed,
          value.value,
        ),
    );
  for (const job of model.jobs) {
    for (const step of job.steps) {
      if (step.run) {
        const legs = hasExplicitShell(step, job, model) ? undefined : runnerLegs(model.kind === 'action' ? undefined : job, step, model.doc);
        if (!legs || legs.posix) add(step, siteFor(job, step, step.run, effectiveShell(step, job, model, false)));
        if (legs?.windows) add(step, siteFor(job, step, step.run, effectiveShell(step, job, model, true), { windows: legs.because }));
      }
      const scriptAction = step.uses ? scriptActionOf(step.uses.value) : undefined;
      if (scriptAction) {
        const legs = runnerLegs(model.kind === 'action' ? undefined : job, step, model.doc);
        const named = scriptAction.shellInput ? step.with.get(scriptAction.shellInput)?.value.trim() : undefined;
        const program = named ?? (legs.windows && !legs.posix ? scriptAction.defaultShell.windows : scriptAction.defaultShell.posix);
        const shell: EffectiveShell = {
          program,
          errexit: scriptAction.errexit ?? false,
          pipefail: false,
          source: 'action',
          dynamic: false,
          via: `${scriptAction.action} runs it with ${scriptAction.how}`,
        };
        for (const input of scriptAction.inputs) {
          const value = step.with.get(input);
          const ref = step.uses?.value.split('@')[1] ?? '';
          const joinsLines = scriptAction.joinsLinesAt && !scriptAction.joinsLinesAt.test(ref) ? undefined : scriptAction.joinsLines;
          if (value) add(step, siteFor(job, step, value, shell, { input, action: scriptAction.action, joinsLines }));
        }
      }
    }
    if (job.uses) {
      for (const [input, value] of job.with) {
        if (!SCRIPT_INPUTS.has(input)) continue;
        // The callee's shell is not known here; assume GitHub's default (errexit, no pipefail claims).
        const shell: EffectiveShell = { program: 'bash', errexit: true, pipefail: true, source: 'runner default', dynamic: true };
        const pseudo: Step = { index: -1, map: job.map, span: value.span, name: job.name, with: new Map() };
        add(
          undefined,
          lazySite(
            { job, input, value, shell },
            () => scriptCache.parse(value.value),
            (parsed) => classifyStep(pseudo, siteCommands(parsed, shell, value.value), job),
          ),
        );
      }
    }
  }
  return {
    model,
    scripts,
    scriptCache,
    sitesOf: (step) => byStep.get(step) ?? [],
    roleOf: (step, job) => byStep.get(step)?.[0]?.role ?? classifyStep(step, [], job),
  };
}
