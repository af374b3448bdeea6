import { resolve } from 'node:path';
import { atOrAbove } from '../core/engine.js';
import type { FailOn } from '../core/finding.js';
import { render, type Format, type Report } from '../reporters/index.js';
import { colourFor, type CliIO } from './io.js';
import { writeOutputFile } from './output-file.js';
import { boolOpt, failOnOpt, formatOpt, stringOpt, type ParsedArgs } from './options.js';

/** Renders a report as the user asked and returns the exit code: 1 when a finding reaches --fail-on. */
export function emitReport(report: Report, args: ParsedArgs, io: CliIO, configuredFailOn?: FailOn, fallback: Format = 'text'): number {
  const format = formatOpt(args, fallback);
  const out = stringOpt(args, 'out');
  const text = render(format, report, { colour: !out && colourFor(io, boolOpt(args, 'no-color') ? false : undefined) });
  if (out) {
    writeOutputFile(resolve(io.cwd, out), text);
    if (!boolOpt(args, 'quiet')) io.stderr(`wrote ${out} (${report.findings.length} findings)\n`);
  } else io.stdout(text);
  return atOrAbove(report.findings, failOnOpt(args, configuredFailOn)).length > 0 ? 1 : 0;
}
