import { spawn } from 'node:child_process';

export interface CommandResult {
  exit: number;
  /** The last lines of stdout and stderr together, for reports. */
  tail: string;
  timedOut: boolean;
  ms: number;
}

/**
 * Runs a verification command through `sh -c` at `cwd`. The exit code is what matters; output is
 * kept only as a short tail. A command that outlives the timeout is killed with its process group.
 */
export function runShell(command: string, cwd: string, timeoutMs = 120_000, env: Record<string, string | undefined> = {}): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    const keep = (b: Buffer) => {
      out = (out + b.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ exit: 127, tail: e.message, timedOut: false, ms: Date.now() - started });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const tail = out.trim().split('\n').slice(-5).join('\n');
      resolve({ exit: code ?? (signal ? 128 : 1), tail, timedOut, ms: Date.now() - started });
    });
  });
}
