import type { Str } from '../sources/yaml-source.js';
import type { Job, Step, WorkflowModel } from '../sources/workflow.js';

export interface EffectiveShell {
  /** What runs the script: bash, sh, pwsh, powershell, python, cmd, or the custom program's name. */
  program: string;
  /** Whether a failing command stops the script (`-e`). */
  errexit: boolean;
  /** Whether a failing command on the left of a pipe fails the pipe. */
  pipefail: boolean;
  /** Where the shell came from, for messages. */
  source: 'step' | 'job defaults' | 'workflow defaults' | 'runner default';
  /** The `shell:` value that decided it, when there is one. */
  node?: Str;
  /** Whether the value is an expression that cannot be known statically. */
  dynamic: boolean;
}

/**
 * What GitHub runs a `run:` step with. An unspecified shell on Linux/macOS is `bash -e {0}`
 * (errexit, no pipefail); `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`; `sh` is
 * `sh -e {0}`; a custom string such as `bash -l {0}` has only the flags it names. Windows runners
 * default to pwsh.
 */
export function effectiveShell(step: Step, job: Job | undefined, wf: WorkflowModel): EffectiveShell {
  const chosen: [Str | undefined, EffectiveShell['source']][] = [
    [step.shell, 'step'],
    [job?.defaultShell, 'job defaults'],
    [wf.defaultShell, 'workflow defaults'],
  ];
  for (const [node, source] of chosen) {
    if (node) return { ...describeShell(node.value), source, node };
  }
  const windows = /windows/i.test(job?.runsOn ?? '');
  return windows
    ? { program: 'pwsh', errexit: true, pipefail: false, source: 'runner default', dynamic: false }
    : { program: 'bash', errexit: true, pipefail: false, source: 'runner default', dynamic: false };
}

export function describeShell(value: string): Omit<EffectiveShell, 'source' | 'node'> {
  const v = value.trim();
  if (v.includes('${{')) return { program: 'unknown', errexit: true, pipefail: true, dynamic: true };
  switch (v) {
    case 'bash':
      return { program: 'bash', errexit: true, pipefail: true, dynamic: false };
    case 'sh':
      return { program: 'sh', errexit: true, pipefail: false, dynamic: false };
    case 'pwsh':
    case 'powershell':
    case 'cmd':
    case 'python':
      return { program: v, errexit: true, pipefail: false, dynamic: false };
  }
  const words = v.split(/\s+/);
  const program = words[0]!.split('/').pop()!;
  const flags = words.slice(1);
  const shortFlags = flags.filter((f) => /^-[a-zA-Z]+$/.test(f)).join('');
  const errexit = shortFlags.includes('e') || flags.some((f, i) => f === '-o' && flags[i + 1] === 'errexit');
  const pipefail = flags.some((f, i) => /^-[a-zA-Z]*o$/.test(f) && flags[i + 1] === 'pipefail');
  return { program, errexit, pipefail, dynamic: false };
}

export function isPosixShell(program: string): boolean {
  return program === 'bash' || program === 'sh' || program === 'zsh' || program === 'dash' || program === 'ksh';
}

export function shellLabel(sh: EffectiveShell): string {
  if (sh.source === 'runner default') return sh.program === 'bash' ? 'the default shell (bash -e {0}, no pipefail)' : `the runner default (${sh.program})`;
  return `\`shell: ${sh.node?.value.trim()}\` (${sh.source})`;
}
