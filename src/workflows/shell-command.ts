import type { EffectiveShell } from './effective-shell.js';

/**
 * The command line GitHub's runner uses for a script file under a given shell, per the
 * documented templates: `bash` → `bash --noprofile --norc -eo pipefail {0}`, the unspecified
 * default → `bash -e {0}`, `sh` → `sh -e {0}`, a custom string with `{0}` replaced.
 */
export function runnerCommand(shell: EffectiveShell, scriptPath: string): string[] {
  const spec = shell.node?.value.trim();
  if (shell.source === 'runner default' || spec === undefined) {
    return shell.program === 'bash' ? ['bash', '-e', scriptPath] : [shell.program, scriptPath];
  }
  switch (spec) {
    case 'bash':
      return ['bash', '--noprofile', '--norc', '-eo', 'pipefail', scriptPath];
    case 'sh':
      return ['sh', '-e', scriptPath];
    case 'pwsh':
      return ['pwsh', '-command', `. '${scriptPath}'`];
    case 'python':
      return ['python', scriptPath];
  }
  const words = spec.split(/\s+/).map((w) => w.replace('{0}', scriptPath));
  return spec.includes('{0}') ? words : [...words, scriptPath];
}

/** Whether the step's failure fails the job: continue-on-error turns a failed step into success. */
export function stepConclusion(exitCode: number, continueOnError: boolean): 'success' | 'failure' {
  if (exitCode === 0) return 'success';
  return continueOnError ? 'success' : 'failure';
}
