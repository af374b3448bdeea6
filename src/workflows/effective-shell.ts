import type { Str } from '../sources/yaml-source.js';
import type { Job, Step, WorkflowModel } from '../sources/workflow.js';

export interface EffectiveShell {
  /** What runs the script: bash, sh, pwsh, powershell, python, cmd, or the custom program's name. */
  program: string;
  /** Whether a failing command stops the script (`-e`). For pwsh and cmd: false (only the last native command's status counts). */
  errexit: boolean;
  /** Whether a failing command on the left of a pipe fails the pipe. */
  pipefail: boolean;
  /** Where the shell came from, for messages. */
  source: 'step' | 'job defaults' | 'workflow defaults' | 'runner default' | 'action';
  /** The `shell:` value that decided it, when there is one. */
  node?: Str;
  /** Whether the value is an expression that cannot be known statically. */
  dynamic: boolean;
  /** How a wrapper template runs the script, for messages (`script -e -c "bash -eo pipefail {0}"`). */
  via?: string;
}

/** Splits a `shell:` template into words, keeping quoted parts together. */
function templateWords(value: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of value.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const POSIX = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);
/** Programs that run another program given after their own options (`arch -arch arm64 bash …`). */
const WRAPPERS: Record<string, number> = { arch: 2, sudo: 0, env: 0, nice: 0, time: 0, linux32: 0, linux64: 0, stdbuf: 0, 'xvfb-run': 0 };

function programOf(word: string): string {
  return word
    .split(/[/\\]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
}

/**
 * What a `shell:` value runs. The named shells follow GitHub's documented templates (`bash` →
 * `bash --noprofile --norc -eo pipefail {0}`, `sh` → `sh -e {0}`, `pwsh`/`powershell` with
 * `$ErrorActionPreference = 'stop'`, `cmd /D /E:ON /V:OFF /S /C "CALL "{0}""`); a custom template
 * has only the flags it names, read through wrappers (`arch -arch x bash -e -l {0}`, `script -q -e -c
 * "bash -eo pipefail {0}"`, a cygwin `bash.exe -o igncr -eo pipefail {0}`). `msys2 {0}` is
 * setup-msys2's wrapper, which runs `bash -leo pipefail`; `micromamba-shell {0}` is setup-micromamba's,
 * which runs bash without -e.
 */
export function describeShell(value: string): Omit<EffectiveShell, 'source' | 'node'> {
  const v = value.trim();
  switch (v) {
    case 'bash':
      return { program: 'bash', errexit: true, pipefail: true, dynamic: false };
    case 'sh':
      return { program: 'sh', errexit: true, pipefail: false, dynamic: false };
    case 'pwsh':
    case 'powershell':
    case 'cmd':
      return { program: v, errexit: false, pipefail: false, dynamic: false };
    case 'python':
      return { program: v, errexit: true, pipefail: false, dynamic: false };
  }
  if (/^\$\{\{/.test(v)) return { program: 'unknown', errexit: true, pipefail: true, dynamic: true };
  let words = templateWords(v.replace(/\$\{\{[\s\S]*?\}\}/g, '_EXPR_'));
  if (words.length === 0) return { program: 'unknown', errexit: true, pipefail: true, dynamic: true };
  let via: string | undefined;
  for (let guard = 0; guard < 4; guard++) {
    const program = programOf(words[0]!);
    if (program === 'msys2') return { program: 'bash', errexit: true, pipefail: true, dynamic: false, via: 'setup-msys2 runs `bash -leo pipefail`' };
    // setup-micromamba's `micromamba-shell` runs `$MAMBA_EXE run … $1`: micromamba's wrapper ends in
    // `exec <script>`, and a script without a shebang line runs in that bash, with no -e.
    if (program === 'micromamba-shell')
      return {
        program: 'bash',
        errexit: false,
        pipefail: false,
        dynamic: false,
        via: 'setup-micromamba runs the script with `micromamba run`, in bash without -e',
      };
    // setup-wsl's wrapper (`wsl-bash`, `wsl-bash_Ubuntu-24.04`) runs its `wsl-shell-command`,
    // by default `bash --noprofile --norc -euo pipefail`; a configured one is read in effectiveShell.
    if (/^wsl-bash(_\S+)?$/.test(program))
      return { program: 'bash', errexit: true, pipefail: true, dynamic: false, via: 'setup-wsl runs `bash --noprofile --norc -euo pipefail`' };
    // `script -q -e -c "bash -eo pipefail {0}"`, and `bash -c "docker exec -w /w box bash --login -e {0}"`
    // (a shell that only starts the one that runs the script): read the command they run.
    if (program === 'script' || POSIX.has(program)) {
      const c = words.findIndex((w) => /^-[a-zA-Z]*c$/.test(w) || (program === 'script' && w === '--command'));
      const inner = c > 0 ? words[c + 1] : undefined;
      if (program === 'script' ? inner : inner?.includes('{0}')) {
        via = `\`${v}\``;
        words = templateWords(inner!);
        continue;
      }
      if (program === 'script') break;
    }
    if (Object.hasOwn(WRAPPERS, program)) {
      let i = 1;
      while (i < words.length && words[i]!.startsWith('-')) i += 1;
      i = Math.max(i, 1 + WRAPPERS[program]!);
      if (i >= words.length) break;
      words = words.slice(i);
      continue;
    }
    // A launcher whose own options take values (`runuser -u ci -- bash {0}`, `sudo -u x bash {0}`,
    // `nix develop --command bash {0}`, `docker exec box bash {0}`): the shell that runs the script
    // is the last shell named before `{0}`.
    let shell = -1;
    words.forEach((w: string, i: number) => {
      if (i > 0 && (POSIX.has(programOf(w)) || /^(pwsh|powershell)$/.test(programOf(w)))) shell = i;
    });
    if (!POSIX.has(program) && shell > 0 && words.slice(shell + 1).some((w) => w.includes('{0}'))) {
      via = `\`${v}\``;
      words = words.slice(shell);
    }
    break;
  }
  const program = programOf(words[0]!);
  if (program === 'pwsh' || program === 'powershell' || program === 'cmd') return { program, errexit: false, pipefail: false, dynamic: false, via };
  if (!POSIX.has(program)) return { program, errexit: true, pipefail: false, dynamic: false, via };
  const flags = words.slice(1);
  let errexit = false;
  let pipefail = false;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (/^-[a-zA-Z]+$/.test(f)) {
      if (f.includes('e')) errexit = true;
      if (f.endsWith('o')) {
        if (flags[i + 1] === 'pipefail') pipefail = true;
        if (flags[i + 1] === 'errexit') errexit = true;
        i++;
      }
    }
  }
  return { program, errexit, pipefail, dynamic: false, via };
}

/**
 * What GitHub runs a `run:` step with: the step's `shell:`, else the job's, else the workflow's
 * `defaults.run.shell`, else the runner's default: `bash -e {0}` (errexit, no pipefail) on Linux and
 * macOS, pwsh on Windows (`windows: true`).
 */
export function effectiveShell(step: Step, job: Job | undefined, wf: WorkflowModel, windows = false): EffectiveShell {
  const chosen: [Str | undefined, EffectiveShell['source']][] = [
    [step.shell, 'step'],
    [job?.defaultShell, 'job defaults'],
    [wf.defaultShell, 'workflow defaults'],
  ];
  for (const [node, source] of chosen) {
    if (node) return { ...(wslShell(node.value, step, job) ?? describeShell(node.value)), source, node };
  }
  return windows
    ? { program: 'pwsh', errexit: false, pipefail: false, source: 'runner default', dynamic: false }
    : { program: 'bash', errexit: true, pipefail: false, source: 'runner default', dynamic: false };
}

/**
 * A setup-wsl wrapper (`wsl-<shell>[_<distribution>] {0}`) runs the `wsl-shell-command` of the
 * setup-wsl step that last wrote it. Each setup-wsl step writes `wsl-<first word of its command>` and
 * `wsl-<…>_<its distribution>` into the job's RUNNER_TEMP (emptied per job, so only the step's own job
 * counts, and only steps before it): with a command it always rewrites them, with none (the default,
 * `bash --noprofile --norc -euo pipefail`) only where they do not exist yet.
 */
function wslShell(value: string, step: Step, job: Job | undefined): Omit<EffectiveShell, 'source' | 'node'> | undefined {
  const m = /^wsl-([\w.+-]+?)(?:_(\S+))?\s/.exec(value.trim());
  if (!m || !job) return undefined;
  const [, shell, distribution] = m;
  let command: string | undefined;
  for (const s of job.steps) {
    if (s.index >= step.index) break;
    if (!/setup-wsl@/i.test(s.uses?.value ?? '')) continue;
    const cmd = s.with.get('wsl-shell-command')?.value.trim() ?? '';
    if ((cmd.split(/\s+/)[0] || 'bash') !== shell) continue;
    if (distribution && (s.with.get('distribution')?.value.trim() ?? 'Debian').toLowerCase() !== distribution.toLowerCase()) continue;
    if (cmd || command === undefined) command = cmd;
  }
  return command ? { ...describeShell(`${command} {0}`), via: `setup-wsl runs \`${command}\`` } : undefined;
}

/** Whether the step names its shell (then the runner's OS does not change it). */
export function hasExplicitShell(step: Step, job: Job | undefined, wf: WorkflowModel): boolean {
  return Boolean(step.shell ?? job?.defaultShell ?? wf.defaultShell);
}

export function isPosixShell(program: string): boolean {
  return POSIX.has(program);
}

export function shellLabel(sh: EffectiveShell): string {
  if (sh.source === 'runner default')
    return sh.program === 'bash' ? 'the default shell (bash -e {0}, no pipefail)' : `the Windows runner's default shell (${sh.program})`;
  if (sh.source === 'action') return `\`${sh.program}\` as the action runs it`;
  return `\`shell: ${sh.node?.value.trim()}\` (${sh.source})`;
}
