import { InputError, NetworkError, UsageError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import type { CliIO } from './io.js';
import { commandHelp, parseCommandArgs } from './options.js';

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
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp());
    return name ? EXIT.clean : EXIT.usage;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.clean;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  try {
    if (!entry) throw new UsageError(`unknown command '${name}'; run 'groundwork --help' for the list`);
    const cmd = await entry.load();
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      io.stdout(commandHelp(cmd));
      return EXIT.clean;
    }
    return await cmd.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`groundwork: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof InputError || e instanceof NetworkError) {
      io.stderr(`groundwork: ${e.message}\n`);
      return EXIT.usage;
    }
    const err = e as Error;
    io.stderr(`groundwork: internal error: ${err?.stack ?? String(e)}\nThis is a bug in groundwork ${VERSION}; please report it with the command you ran.\n`);
    return EXIT.internal;
  }
}

/** The bin entry: the only place that reads process.argv and sets the exit code. */
export async function run(argv: string[]): Promise<void> {
  const io: CliIO = {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
  const code = await main(argv, io);
  process.exitCode = code;
}
