import { actionPath } from '../sources/workflow.js';

/**
 * Actions that run one of their inputs as a script, and how: data, one entry per action, each
 * checked against the action's source. A script run this way gets none of GitHub's `run:` shell
 * flags, so errexit and pipefail are off unless the script sets them.
 */
export interface ScriptAction {
  /** owner/repo, lower case (or a family's name, with `matches`). */
  action: string;
  /** A family of actions run the same way (`vmactions/freebsd-vm`, `vmactions/openbsd-vm`, …). */
  matches?: RegExp;
  /** The action turns errexit on before the script (`set -eu`). */
  errexit?: boolean;
  /** Inputs holding scripts. */
  inputs: string[];
  /** The input naming the shell, and the shell when it is not given (per OS). */
  shellInput?: string;
  defaultShell: { posix: string; windows: string };
  /** How the script runs, for messages and docs. */
  how: string;
  /**
   * What the action puts between the script's lines before the shell reads it, when it joins them
   * into one line: then a `#` comment swallows every line after it.
   */
  joinsLines?: string;
  /** The refs of the action that join the lines, when only some do (a default branch ahead of the releases). */
  joinsLinesAt?: RegExp;
}

export const SCRIPT_ACTIONS: readonly ScriptAction[] = [
  {
    // src/index.ts: spawn(inputs.command, { shell: executable }): Node runs `bash -c COMMAND`.
    action: 'nick-fields/retry',
    inputs: ['command', 'new_command_on_retry'],
    shellInput: 'shell',
    defaultShell: { posix: 'bash', windows: 'powershell' },
    how: "Node's spawn(command, { shell }) — `bash -c COMMAND`, no -e, no pipefail",
  },
  {
    action: 'nick-invision/retry',
    inputs: ['command', 'new_command_on_retry'],
    shellInput: 'shell',
    defaultShell: { posix: 'bash', windows: 'powershell' },
    how: 'the former name of nick-fields/retry: `bash -c COMMAND`, no -e, no pipefail',
  },
  {
    // entrypoint.sh on the default branch: docker run … --entrypoint=$INPUT_SHELL $INPUT_IMAGE -c
    // "${INPUT_RUN//$'\n'/;}" (action.yml: shell defaults to sh). The released tags v1 to v3 run
    // `sed -e 's/\\n/;/g'`, which replaces only a written `\n`: the lines keep their newlines there.
    // Docker actions run on Linux only.
    action: 'addnab/docker-run-action',
    inputs: ['run'],
    shellInput: 'shell',
    defaultShell: { posix: 'sh', windows: 'sh' },
    how: '`sh -c` in the container, no -e (the default branch joins the lines with `;`)',
    joinsLines: ';',
    joinsLinesAt: /^(main|master)$/,
  },
  {
    // index.js execSSH: `const fullCmd = "set -eu\n" + envExports + cmd`, sent over ssh to the VM's
    // `sh` (action.yml: "The prepare/run scripts are always executed with sh"). Errexit, no pipefail.
    action: 'vmactions/*-vm',
    matches: /^vmactions\/[\w-]+-vm$/,
    inputs: ['prepare', 'run'],
    defaultShell: { posix: 'sh', windows: 'sh' },
    errexit: true,
    how: '`sh` in the VM with `set -eu` before the script, no pipefail',
  },
];

export function scriptActionOf(uses: string): ScriptAction | undefined {
  const name = actionPath(uses).toLowerCase();
  return SCRIPT_ACTIONS.find((a) => a.action === name || a.matches?.test(name));
}
