import { positional, TOOLS } from './tool-registry.js';
import { own } from '../../core/own.js';

/**
 * The program a command line runs, after the wrappers around it (`sudo`, `timeout 5m`, `conda run`,
 * `docker exec c`, `cmd /c`, `xargs`) and the variables naming it.
 */
export interface Resolved {
  /** The command's words after wrappers (`sudo`, `conda run -n x`, `timeout 5m`, `docker exec c`) are dropped. */
  words: string[];
  /** The program's base name, lower-case, without `.exe` or a version suffix (`python3.12` → python). */
  program: string;
  /** The program is a path into the tree (`./build/bin/test`, `Release\gtests.exe`): something the job built or checked out. */
  local: boolean;
  /** The program is named by a variable (`%VS_PATH% arm64`, `$TOOL --x`): not known. */
  opaque?: boolean;
}

export const DOCKER_VALUED = new Set([
  '-e',
  '--env',
  '-v',
  '--volume',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--name',
  '--platform',
  '--network',
  '--net',
  '--entrypoint',
  '--env-file',
  '--mount',
  '-p',
  '--publish',
  '--shm-size',
  '--gpus',
  '--device',
  '--cap-add',
  '--cap-drop',
  '--security-opt',
  '--ulimit',
  '-l',
  '--label',
  '--runtime',
  '-m',
  '--memory',
  '--cpus',
  '--hostname',
  '-h',
  '--ipc',
  '--pid',
  '--restart',
  '--add-host',
  '--dns',
  '--tmpfs',
  '--log-driver',
  '--cidfile',
  '--pull',
  '--group-add',
  '--stop-signal',
  '--health-cmd',
  '--memory-swap',
  '--cpuset-cpus',
  '--userns',
  '--uts',
  '-f',
  '--file',
  '-t',
  '--tag',
  '--build-arg',
  '--target',
  '--cache-from',
  '--cache-to',
  '--output',
  '-o',
  '--progress',
  '--secret',
  '--ssh',
  '--project-name',
  '--profile',
]);

/** Wrappers that run the rest of the line as a command: `sudo -E pytest`, `timeout 10m make`. */
const WRAPPERS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '--user', '-g', '--group', '-C', '-D', '-h', '-p', '-r', '-t', '-T']),
  time: new Set(['-f', '-o']),
  exec: new Set(['-a']),
  nohup: new Set(),
  builtin: new Set(),
  caffeinate: new Set(),
  env: new Set(['-u', '--unset', '-C', '--chdir', '-S']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p']),
  stdbuf: new Set(['-i', '-o', '-e']),
  taskset: new Set([]),
  numactl: new Set([]),
  timeout: new Set(['-s', '--signal', '-k', '--kill-after']),
  'xvfb-run': new Set(['-s', '--server-args', '-n', '--server-num', '-f', '--auth-file', '-e', '--error-file', '-w', '--wait']),
  call: new Set(),
  '&': new Set(),
  linux32: new Set(),
  linux64: new Set(),
  setarch: new Set(),
  arch: new Set(['-arch']),
  chroot: new Set(),
  retry: new Set(['-t', '--tries', '-d', '--delay']),
  ccache: new Set(),
  sccache: new Set(),
  // `find … | xargs -n40 valgrind ./fuzz`: xargs runs the command on its input (alone, it echoes).
  xargs: new Set(['-n', '-L', '-P', '-I', '-d', '-E', '-s', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars']),
};

/** Wrappers that take a positional argument before the command (`timeout 10m`, `taskset 0x1`, `setarch x86_64`). */
const WRAPPER_POSITIONALS: Record<string, number> = { timeout: 1, taskset: 1, setarch: 1, chroot: 1 };

/** Runners of a named environment: `conda run -n env pytest`, `uv run pytest`, `poetry run pytest`. */
const RUNNERS: Record<string, ReadonlySet<string>> = {
  conda: new Set(['-n', '--name', '-p', '--prefix', '--cwd']),
  mamba: new Set(['-n', '--name', '-p', '--prefix', '--cwd']),
  micromamba: new Set(['-n', '--name', '-p', '--prefix', '--cwd']),
  uv: new Set(['-p', '--python', '--with', '--directory', '--project', '--group', '--extra', '--package', '--env-file']),
  poetry: new Set(['-C', '--directory']),
  pipenv: new Set(),
  pixi: new Set(['-e', '--environment', '--manifest-path']),
  hatch: new Set(['-e', '--env']),
  pdm: new Set(['-p', '--project']),
  rye: new Set(),
  bundle: new Set(),
  ridk: new Set(),
};

export function programName(word: string): string {
  let base = word.split(/[/\\]/).pop()!.toLowerCase();
  base = base.replace(/\.(exe|cmd|bat|com)$/, '');
  if (/^(python|pypy|pip)\d[\d.]*t?$/.test(base)) base = base.replace(/\d[\d.]*t?$/, '');
  // `clang-format-18`, `clang-format-${LLVM_VER}`, `gcc-$GCC`: a versioned install of a known tool.
  if (/^(g\+\+|gcc|clang|clang\+\+|clang-tidy|clang-format|clang-format-diff|cc|c\+\+|python|pip)-?(\d+(\.\d+)*|\$\{\w+\}|\$\w+)$/.test(base))
    base = base.replace(/-?(\d+(\.\d+)*|\$\{\w+\}|\$\w+)$/, '');
  return base;
}

const EXPANSION = /^(\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$[\w@*#?]+|_{4,}|`.*`|\$\(.*\)|%\w+%|\$env:\w+)$/i;

/** Drops wrappers and leading assignments: what actually runs. */
export function resolveCommand(input: readonly string[]): Resolved | undefined {
  let words = [...input];
  for (let guard = 0; guard < 12 && words.length > 0; guard++) {
    const first = words[0]!;
    if (/^\w+=/.test(first)) {
      words = words.slice(1);
      continue;
    }
    if (EXPANSION.test(first)) {
      // `$PYTHON -m pip …` runs python; `${CONDA_RUN} pytest` runs what follows.
      if (/PYTHON|\bPY\b/i.test(first)) return { words: ['python', ...words.slice(1)], program: 'python', local: false };
      // `${CONDA_RUN} --no-capture-output pip install x`: what follows the variable's own options.
      // `$SUDO test -e /swapfile` runs test(1) through the variable's wrapper; `$CLI_PATH test ./cases`
      // (an argument test(1) has no use for) runs the program's own subcommand.
      const testSyntax = (i: number) =>
        /^(-[a-zA-Z]|!|\(|\[)$/.test(words[i + 1] ?? '') || words.slice(i + 2).some((x) => /^(=|==|!=|-eq|-ne|-lt|-le|-gt|-ge|-nt|-ot|-a|-o)$/.test(x));
      const known = (w: string) =>
        ((w !== 'test' || testSyntax(j)) && TOOLS.has(programName(w))) ||
        own(WRAPPERS, programName(w)) !== undefined ||
        own(RUNNERS, programName(w)) !== undefined ||
        /[/\\]|\.(sh|py|ps1|bat|cmd)$/i.test(w);
      let j = 1;
      while (j < words.length && words[j]!.startsWith('-')) j++;
      if (j >= words.length || !known(words[j]!)) return { words, program: first, local: false, opaque: true };
      words = words.slice(j);
      continue;
    }
    const program = programName(first);
    // `cmd /c "%VSDevCmd%" "&" nuget.exe restore x.sln`: cmd runs the commands after /c, and the
    // status is the last one's (after the last `&`/`&&`).
    if (program === 'cmd' && /^\/[ck]$/i.test(words[1] ?? '')) {
      const rest = words.slice(2);
      const sep = rest
        .map((w, i) => (/^(&|&&)$/.test(w) ? i : -1))
        .filter((i) => i >= 0)
        .pop();
      words = sep === undefined ? rest : rest.slice(sep + 1);
      continue;
    }
    // `cmake -E env [--unset=X] [NAME=value]… cmd …` runs cmd with that environment (CTEST_OUTPUT_ON_FAILURE=1 ctest).
    if (program === 'cmake' && words[1] === '-E' && words[2] === 'env') {
      let i = 3;
      while (i < words.length && (/^\w+=/.test(words[i]!) || /^--(unset=|modify|$)/.test(words[i]!))) i += words[i] === '--modify' ? 2 : 1;
      if (i < words.length) {
        words = words.slice(i);
        continue;
      }
    }
    const wrapper = own(WRAPPERS, program);
    if (wrapper && !(program === 'command' && words[1] === '-v') && !((program === 'ccache' || program === 'sccache') && (words[1] ?? '').startsWith('-'))) {
      let i = 1;
      while (i < words.length && words[i]!.startsWith('-')) i += wrapper.has(words[i]!) ? 2 : 1;
      if (program === 'env') while (i < words.length && /^\w+=/.test(words[i]!)) i++;
      i += own(WRAPPER_POSITIONALS, program) ?? 0;
      // `env` or `time` alone runs nothing else: it is the program.
      if (i >= words.length) return { words, program, local: false };
      words = words.slice(i);
      continue;
    }
    const runner = own(RUNNERS, program);
    const runIndex =
      program === 'ridk'
        ? words[1] === 'exec'
          ? 1
          : -1
        : words.findIndex((w, i) => i > 0 && (w === 'run' || w === 'exec' || (program === 'uv' && w === 'tool' && words[i + 1] === 'run')));
    if (runner && runIndex > 0 && positional(words.slice(1, runIndex + 1), runner).length === 1) {
      let i = runIndex + 1;
      if (words[i] === 'run') i++;
      while (i < words.length && words[i]!.startsWith('-')) i += runner.has(words[i]!) ? 2 : 1;
      words = words.slice(i);
      continue;
    }
    if ((program === 'docker' || program === 'podman') && (words[1] === 'exec' || words[1] === 'run' || (words[1] === 'compose' && words[2] === 'run'))) {
      const start = words[1] === 'compose' ? 3 : 2;
      let i = start;
      while (i < words.length && words[i]!.startsWith('-')) i += DOCKER_VALUED.has(words[i]!) && !words[i]!.includes('=') ? 2 : 1;
      // The image or container, then the command it runs (none: the image's own entry point).
      const rest = words.slice(i + 1);
      if (rest.length === 0) return { words, program, local: false };
      words = rest;
      continue;
    }
    // `find . -name 'test_*' -exec {} \;`: find runs the command on each file it finds.
    const exec = program === 'find' ? findExec(words) : undefined;
    if (exec?.words.length) {
      words = exec.words;
      continue;
    }
    const dashdash = words.indexOf('--');
    if ((program === 'sde' || program === 'sde64' || program === 'catchsegv' || program === 'qemu-aarch64' || program === 'wine') && dashdash > 0) {
      words = words.slice(dashdash + 1);
      continue;
    }
    return { words, program, local: /[/\\]/.test(first) && !/^\/(usr|bin|opt|sbin)\//.test(first) };
  }
  return undefined;
}

/**
 * The command of `find … -exec CMD … ;` (or `-execdir`, or `+`), and whether find drops its status:
 * with `;` the command's exit status is only a test (true or false) for that file, and find exits 0
 * whatever it was (POSIX find); with `+` find exits non-zero when an invocation fails.
 */
export function findExec(words: readonly string[]): { words: string[]; statusLost: boolean } | undefined {
  const at = words.findIndex((w) => w === '-exec' || w === '-execdir');
  if (at < 0) return undefined;
  const rest = words.slice(at + 1);
  const end = rest.findIndex((w) => w === ';' || w === '\\;' || w === '+');
  if (end < 0) return undefined;
  return { words: rest.slice(0, end), statusLost: rest[end] !== '+' };
}
