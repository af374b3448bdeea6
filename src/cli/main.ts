import { suggest } from '../config/schema.js';
import { InputError, NetworkError, OutputError, UsageError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { writeAllSync } from '../services/write-all.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import type { CliIO } from './io.js';
import { commandHelp, parseCommandArgs } from './options.js';
import { checkOutputOptions } from './output-file.js';

export const EXIT = { clean: 0, findings: 1, usage: 2, internal: 3 } as const;

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `groundwork ${VERSION}: a repository hardening and refactoring program for large git repositories`,
    '',
    'Usage: groundwork <command> [options] [DIR]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'groundwork <command> --help' for a command's options.",
    'Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error.',
    '',
  ].join('\n');
}

/** Runs one invocation and returns its exit code; the single error boundary of the tool. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(mainHelp());
      return name ? EXIT.clean : EXIT.usage;
    }
    if (name === '--version' || name === '-V' || name === 'version') {
      io.stdout(`${VERSION}\n`);
      return EXIT.clean;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry)
      throw new UsageError(
        `unknown command '${name}'${suggest(
          name,
          COMMANDS.map((c) => c.name),
        )}; run 'groundwork --help' for the list`,
      );
    const cmd = await entry.load();
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      io.stdout(commandHelp(cmd));
      return EXIT.clean;
    }
    checkOutputOptions(cmd, args, io.cwd);
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || e instanceof NetworkError || e instanceof OutputError) {
      // Each line of the message is its own "groundwork:" line, escaped: a file name quoted in it
      // cannot start a line of the log (`::error …`) or carry terminal escapes.
      io.stderr(
        e.message
          .split('\n')
          .map((line) => `groundwork: ${printable(line)}\n`)
          .join(''),
      );
      return EXIT.usage;
    }
    const err = e as Error;
    io.stderr(`groundwork: internal error: ${err?.stack ?? String(e)}\nThis is a bug in groundwork ${VERSION}; please report it with the command you ran.\n`);
    return EXIT.internal;
  }
}

/** The bin entry: the only place that reads process.argv, handles signals and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  exitOnSignals();
  const io: CliIO = {
    cwd: process.cwd(),
    env: process.env,
    stdout: writeStdout,
    stderr: writeStderr,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
  const code = await main(argv, io);
  process.exitCode = code;
}

/**
 * Output is written synchronously to the descriptors, so a failed write (a full disk, /dev/full,
 * a closed pipe) is known at once and ends the run with exit 2 instead of vanishing into a stream
 * 'error' event after the exit code was chosen.
 */
function writeStdout(s: string): void {
  try {
    writeAllSync(1, s);
  } catch (e) {
    throw new OutputError(`cannot write the output: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function writeStderr(s: string): void {
  try {
    writeAllSync(2, s);
  } catch {
    /* nowhere left to say it; stdout's exit code still tells */
  }
}

/**
 * With a handler installed, SIGINT and SIGTERM no longer kill the process in the middle of
 * synchronous work: they wait until the current step yields. Writes of the pack and of every file
 * are synchronous (staging folder, rename, clean-up), so an interrupt never leaves a half-written
 * pack or a staging folder; then the run ends with the shell's code for the signal.
 */
function exitOnSignals(): void {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      writeStderr(`groundwork: interrupted (${signal})\n`);
      process.exit(code);
    });
  }
}
