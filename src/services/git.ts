import { execFile, execFileSync } from 'node:child_process';
import { InputError, NetworkError } from '../core/errors.js';

export interface GitOptions {
  cwd?: string;
  timeoutMs?: number;
  /** Extra environment, e.g. GIT_TERMINAL_PROMPT=0 is always set so git never asks for a password. */
  env?: Record<string, string>;
}

const BASE_ENV = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo', LC_ALL: 'C' };

function gitMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** Runs git synchronously and returns stdout; throws InputError when git is not installed. */
export function gitSync(args: string[], opts: GitOptions = {}): string {
  try {
    return execFileSync('git', args, {
      cwd: opts.cwd,
      timeout: opts.timeoutMs ?? 60_000,
      env: { ...process.env, ...BASE_ENV, ...opts.env },
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString('utf8');
  } catch (e) {
    if (gitMissing(e)) throw new InputError('git is not installed or not on PATH; it is needed for this command');
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`git ${args.join(' ')}: ${(err.stderr?.toString() || err.message).trim()}`);
  }
}

/** Runs git asynchronously; a time-out or a failure to reach a remote becomes a NetworkError. */
export function git(args: string[], opts: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, env: { ...process.env, ...BASE_ENV, ...opts.env }, maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (gitMissing(error)) return reject(new InputError('git is not installed or not on PATH; it is needed for this command'));
        const msg = (stderr || error.message).trim();
        if ((error as { killed?: boolean }).killed) return reject(new NetworkError(`git ${args[0]} timed out after ${opts.timeoutMs ?? 60_000} ms`));
        reject(new Error(`git ${args.join(' ')}: ${msg}`));
      },
    );
  });
}

/** True when `dir` is inside a git work tree and git is installed. */
export function isGitWorkTree(dir: string): boolean {
  try {
    return gitSync(['rev-parse', '--is-inside-work-tree'], { cwd: dir, timeoutMs: 10_000 }).trim() === 'true';
  } catch {
    return false;
  }
}
