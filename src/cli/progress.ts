import type { ProgressEvent } from '../audit/run-audit.js';
import type { CliIO } from './io.js';

const findingsCount = (n: number) => `${n} finding${n === 1 ? '' : 's'}`;

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Progress on stderr: on a terminal one live line per capability with a spinner, redrawn in place;
 * elsewhere (CI logs) a plain line as each capability finishes; nothing with --quiet.
 */
export function progressReporter(io: CliIO, quiet: boolean): { onProgress: (e: ProgressEvent) => void; stop: () => void } {
  if (quiet) return { onProgress: () => {}, stop: () => {} };
  if (!io.stderrIsTTY) {
    return {
      onProgress: (e) => {
        if (e.kind === 'done')
          io.stderr(`audit: ${e.title}: ${e.outcome.status}, ${findingsCount(e.outcome.findings.length)} (${Math.round(e.outcome.ms)} ms)\n`);
      },
      stop: () => {},
    };
  }
  const order: string[] = [];
  const lines = new Map<string, string>();
  let frame = 0;
  let drawn = 0;
  const draw = () => {
    if (drawn) io.stderr(`\x1b[${drawn}A`);
    for (const id of order) io.stderr(`\x1b[2K${lines.get(id)!.replace('{spin}', FRAMES[frame % FRAMES.length]!)}\n`);
    drawn = order.length;
    frame++;
  };
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    onProgress: (e) => {
      if (e.kind === 'start') {
        order.push(e.id);
        lines.set(e.id, `{spin} ${e.title}…`);
      } else {
        const o = e.outcome;
        lines.set(
          e.id,
          `${o.status === 'ok' ? '✔' : o.status === 'skipped' ? '–' : '✖'} ${e.title}: ${findingsCount(o.findings.length)} (${Math.round(o.ms)} ms)`,
        );
      }
      draw();
    },
    stop: () => {
      clearInterval(timer);
      draw();
    },
  };
}
