import { spawn } from 'node:child_process';

export interface CommandResult {
  exit: number;
  /** The last lines of stdout and stderr together, for reports. */
  tail: string;
  timedOut: boolean;
  ms: number;
}

/**
 * Runs a verification command through `sh -c` at `cwd` with exactly `env` (the caller's
 * environment, never this process's). The exit code is what matters; output is kept only as a
 * short tail. A command that outlives the timeout is killed and reported as timed out.
 */
export function runShell(command: string, cwd: string, timeoutMs: number, env: Record<string, string | undefined>): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (b: Buffer) => {
      out = (out + b.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ exit: 127, tail: e.message, timedOut: false, ms: Date.now() - started });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const tail = out.trim().split('\n').slice(-5).join('\n');
      resolve({ exit: code ?? (signal ? 128 : 1), tail, timedOut, ms: Date.now() - started });
    });
  });
}
