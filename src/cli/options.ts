import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { FAIL_ON, type FailOn } from '../core/finding.js';
import { FORMATS, type Format } from '../reporters/index.js';

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in help: what the value is, e.g. FILE. */
  value?: string;
  description: string;
  choices?: readonly string[];
  /** A FILE the command writes, relative to the current directory: checked before the command runs. */
  output?: boolean;
}

/** The declaration of one subcommand; help text and argument parsing come from it. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec[];
  run(args: ParsedArgs, io: import('./io.js').CliIO): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export const FORMAT_OPTION: OptionSpec = { name: 'format', type: 'string', short: 'f', value: 'FORMAT', description: 'output format', choices: FORMATS };
export const FAIL_ON_OPTION: OptionSpec = {
  name: 'fail-on',
  type: 'string',
  value: 'SEVERITY',
  description: 'exit 1 when a finding is at or above this severity (default medium); never: report only',
  choices: FAIL_ON,
};
export const CONFIG_OPTION: OptionSpec = {
  name: 'config',
  type: 'string',
  short: 'c',
  value: 'FILE',
  description: 'configuration file (default groundwork.yml or .github/groundwork.yml)',
};
export const OUT_OPTION: OptionSpec = {
  name: 'out',
  type: 'string',
  short: 'o',
  value: 'FILE',
  description: 'write the output to FILE instead of stdout (atomically)',
  output: true,
};
export const NO_COLOR_OPTION: OptionSpec = { name: 'no-color', type: 'boolean', description: 'no ANSI colour even on a terminal' };
export const QUIET_OPTION: OptionSpec = { name: 'quiet', type: 'boolean', short: 'q', description: 'no progress or notes on stderr' };
/** What a verification may do beyond groundwork's own checks: both off unless asked. */
export const RUN_VERIFICATIONS_OPTION: OptionSpec = {
  name: 'run-verifications',
  type: 'boolean',
  description: "run the ledger's verification commands and checks that run the repository's code (off: reported as not run)",
};
export const ONLINE_OPTION: OptionSpec = { name: 'online', type: 'boolean', description: 'let verifications reach the network (M09: upstream releases)' };
export const VERIFY_OPTIONS = [RUN_VERIFICATIONS_OPTION, ONLINE_OPTION];

export const REPORTING_OPTIONS = [FORMAT_OPTION, FAIL_ON_OPTION, CONFIG_OPTION, OUT_OPTION, NO_COLOR_OPTION, QUIET_OPTION];

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } };
  for (const o of cmd.options) options[o.name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${cmd.name}: ${(e as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  for (const o of cmd.options) {
    const v = parsed.values[o.name];
    if (o.choices && typeof v === 'string' && !o.choices.includes(v))
      throw new UsageError(`${cmd.name}: --${o.name} must be one of ${o.choices.join(', ')} (got '${v}')`);
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: groundwork ${cmd.usage}`, '', cmd.summary, '', 'Options:'];
  for (const o of cmd.options) {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    lines.push(`  ${flag.padEnd(30)} ${o.description}${o.choices ? ` (${o.choices.join('|')})` : ''}`);
  }
  lines.push(`  ${'-h, --help'.padEnd(30)} show this help`);
  return `${lines.join('\n')}\n`;
}

export function stringOpt(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A positive whole number option; a usage error otherwise. */
export function intOpt(args: ParsedArgs, name: string): number | undefined {
  const v = stringOpt(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} takes a whole number of at least 1 (got '${v}')`);
  return Number(v);
}

export function boolOpt(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function listOpt(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function formatOpt(args: ParsedArgs, fallback: Format = 'text'): Format {
  return (stringOpt(args, 'format') as Format | undefined) ?? fallback;
}

export function failOnOpt(args: ParsedArgs, configured?: FailOn): FailOn {
  return (stringOpt(args, 'fail-on') as FailOn | undefined) ?? configured ?? 'medium';
}

/** At most one positional DIR, defaulting to the current directory. */
export function dirArg(args: ParsedArgs, cmd: string): string {
  if (args.positionals.length > 1) throw new UsageError(`${cmd}: expected at most one directory, got ${args.positionals.length}`);
  return args.positionals[0] ?? '.';
}

/** The allowances of --run-verifications and --online. */
export function allowOpt(args: ParsedArgs): { commands: boolean; network: boolean } {
  return { commands: boolOpt(args, 'run-verifications'), network: boolOpt(args, 'online') };
}
