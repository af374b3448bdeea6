import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

let cacheDir: string | undefined;

/** Runs the CLI in-process with captured output, as a non-TTY; caches go to a temporary folder, never the home directory. */
export async function runCli(argv: string[], cwd = process.cwd(), extraEnv: Record<string, string | undefined> = {}): Promise<CliRun> {
  if (!cacheDir) {
    const dir = mkdtempSync(join(tmpdir(), 'gw-cache-'));
    cacheDir = dir;
    // One folder per test process, removed when it ends (runs used to leave hundreds in /tmp).
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  // A test that sets where caches go (XDG_CACHE_HOME, HOME) decides for itself.
  const ownCache = 'XDG_CACHE_HOME' in extraEnv || 'HOME' in extraEnv;
  const env = { ...(ownCache ? {} : { GROUNDWORK_CACHE_DIR: cacheDir }), PATH: process.env.PATH, ...extraEnv };
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdoutIsTTY: false, stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A CliIO that keeps what is written, for tests that call a command's library function with it. */
export function capturingIO(cwd: string): CliIO & { out: string; err: string } {
  const x = {
    cwd,
    env: {},
    out: '',
    err: '',
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdout: (s: string) => void (x.out += s),
    stderr: (s: string) => void (x.err += s),
  };
  return x;
}
