import { commandName, type ScriptNode } from '../../sources/shell-script.js';
import type { ShellOptions } from './options.js';

/** A script inside a script: `bash -c "…"`, `docker run img sh -c '…'`, `powershell -Command "…"`. */
export interface NestedScript {
  /** The command that runs it; the nested script's exit status is that command's. */
  host: ScriptNode;
  /** The argument holding the script. */
  arg: ScriptNode;
  /** The script as the inner shell sees it (quotes and escapes of the outer shell removed). */
  text: string;
  /** Offset in the outer script of each character of `text` (and one past its end). */
  offsets: number[];
  shell: 'bash' | 'sh' | 'pwsh' | 'powershell';
  options: ShellOptions;
  /** How it is run, for messages: `bash -c`, `sh -c`, `script -c`. */
  runner: string;
  /** `script -c` without `-e` returns 0 whatever the command did. */
  statusLost?: boolean;
}

const POSIX = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);
const PWSH = new Set(['pwsh', 'powershell']);
/** Programs that run the rest of their arguments as a command (possibly after options and an image or container name). */
const CARRIERS = new Set([
  'docker',
  'podman',
  'nerdctl',
  'sudo',
  'doas',
  'linux32',
  'linux64',
  'setarch',
  'arch',
  'env',
  'nice',
  'ionice',
  'timeout',
  'time',
  'chroot',
  'xvfb-run',
  'conda',
  'mamba',
  'micromamba',
  'uv',
  'nsenter',
  'unshare',
  'singularity',
  'apptainer',
  'schroot',
  'wsl',
  'stdbuf',
  'nohup',
  'exec',
  'ridk',
  'sde',
  'qemu-aarch64',
  'retry',
  // Environments that run a command in them: `nix develop .#ci -c bash -lc '…'`, `pixi run bash -c …`.
  'nix',
  'devbox',
  'pixi',
  'poetry',
  'pipenv',
  'hatch',
]);

function base(word: string): string {
  return word
    .replace(/^["']|["']$/g, '')
    .split(/[/\\]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
}

/** The characters of a shell word as the command receives them, with where each came from. */
export function wordContent(node: ScriptNode, source: string): { text: string; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  const raw = source.slice(node.start, node.end);
  const emit = (c: string, at: number) => {
    chars.push(c);
    offsets.push(at);
  };
  let i = 0;
  let quote: '"' | "'" | undefined;
  while (i < raw.length) {
    const c = raw[i]!;
    const at = node.start + i;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else emit(c, at);
      i++;
      continue;
    }
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === undefined) {
        emit(c, at);
        i++;
        continue;
      }
      if (n === '\n') {
        i += 2; // a line continuation
        continue;
      }
      // Inside double quotes, a backslash escapes only $ ` " \ ; outside, anything.
      if (!quote || '$`"\\'.includes(n)) {
        emit(n, at + 1);
        i += 2;
        continue;
      }
      emit(c, at);
      i++;
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? undefined : '"';
      i++;
      continue;
    }
    if (c === "'" && !quote) {
      quote = "'";
      i++;
      continue;
    }
    emit(c, at);
    i++;
  }
  offsets.push(node.start + raw.length);
  return { text: chars.join(''), offsets };
}

function argumentsOf(cmd: ScriptNode): ScriptNode[] {
  return cmd.children.filter((c) => c.type === 'command_name' || c.field === 'argument');
}

/**
 * Finds `SHELL [flags] -c SCRIPT` in a command's words, where SHELL is the command itself or follows
 * a program that runs commands (`docker run … img bash -c …`, `sudo sh -c …`, `linux32 bash -c …`),
 * and `script [-e] -c CMD`, and `pwsh`/`powershell -Command SCRIPT`.
 */
export function nestedScriptOf(cmd: ScriptNode, source: string): NestedScript | undefined {
  if (cmd.type !== 'command') return undefined;
  const args = argumentsOf(cmd);
  if (args.length < 3) return undefined;
  const first = base(commandName(cmd) ?? '');
  const start = POSIX.has(first) || PWSH.has(first) || first === 'script' ? 0 : CARRIERS.has(first) ? 1 : -1;
  if (start < 0) return undefined;
  for (let i = start; i < args.length; i++) {
    const name = base(args[i]!.text);
    if (name === 'script' && i === 0) return scriptCommand(cmd, args, source);
    if (PWSH.has(name)) return pwshCommand(cmd, args, i, name as 'pwsh' | 'powershell', source);
    if (!POSIX.has(name)) continue;
    const opts: ShellOptions = { errexit: false, pipefail: false };
    // `docker run --entrypoint /bin/bash IMAGE -c "…"`: the shell's own arguments come after the image.
    let from = i + 1;
    if (/^--entrypoint$/.test(args[i - 1]?.text ?? '') && first !== 'bash' && first !== 'sh') {
      const image = args.findIndex((a, k) => k > i && !a.text.startsWith('-') && !/^--?[\w-]+$/.test(args[k - 1]!.text));
      if (image < 0) return undefined;
      from = image + 1;
    }
    for (let j = from; j < args.length; j++) {
      const a = args[j]!.text.replace(/^["']|["']$/g, '');
      if (a === '-o' || a === '+o') {
        const opt = args[j + 1]?.text;
        if (opt === 'pipefail') opts.pipefail = a === '-o';
        if (opt === 'errexit') opts.errexit = a === '-o';
        j++;
        continue;
      }
      if (/^--\w/.test(a)) continue;
      const m = /^-([a-zA-Z]+)$/.exec(a);
      if (!m) break;
      if (m[1]!.includes('e')) opts.errexit = true;
      if (m[1]!.endsWith('o') && args[j + 1]?.text === 'pipefail') {
        opts.pipefail = true;
        j++;
      }
      if (m[1]!.includes('c')) {
        const arg = args[j + 1];
        if (!arg) return undefined;
        const { text, offsets } = wordContent(arg, source);
        return { host: cmd, arg, text, offsets, shell: name === 'bash' ? 'bash' : 'sh', options: opts, runner: `${name} -c` };
      }
    }
    return undefined;
  }
  return undefined;
}

/** `script [-q] [-e] -c "CMD"`: CMD runs in `sh -c`; without -e, script itself exits 0. */
function scriptCommand(cmd: ScriptNode, args: ScriptNode[], source: string): NestedScript | undefined {
  let returns = false;
  for (let j = 1; j < args.length; j++) {
    const a = args[j]!.text;
    if (a === '-c' || a === '--command' || /^-[a-zA-Z]*c$/.test(a)) {
      if (/^-[a-zA-Z]*e/.test(a)) returns = true;
      const arg = args[j + 1];
      if (!arg) return undefined;
      const { text, offsets } = wordContent(arg, source);
      return { host: cmd, arg, text, offsets, shell: 'sh', options: { errexit: false, pipefail: false }, runner: 'script -c', statusLost: !returns };
    }
    if (a === '-e' || a === '--return' || /^-[a-zA-Z]*e[a-zA-Z]*$/.test(a)) returns = true;
  }
  return undefined;
}

function pwshCommand(cmd: ScriptNode, args: ScriptNode[], i: number, name: 'pwsh' | 'powershell', source: string): NestedScript | undefined {
  for (let j = i + 1; j < args.length; j++) {
    const a = args[j]!.text.toLowerCase();
    if (a === '-command' || a === '-c') {
      const arg = args[j + 1];
      if (!arg) return undefined;
      const { text, offsets } = wordContent(arg, source);
      return { host: cmd, arg, text, offsets, shell: name, options: { errexit: false, pipefail: false }, runner: `${name} -Command` };
    }
    if (!a.startsWith('-')) return undefined;
  }
  return undefined;
}
