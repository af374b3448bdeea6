import { homedir } from 'node:os';
import { join } from 'node:path';

/** `--cache-dir`, else GROUNDWORK_CACHE_DIR, else $XDG_CACHE_HOME/groundwork, else ~/.cache/groundwork. */
export function cacheDirFor(env: Record<string, string | undefined>, explicit?: string): string {
  if (explicit) return explicit;
  if (env.GROUNDWORK_CACHE_DIR) return env.GROUNDWORK_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'groundwork');
  return join(env.HOME || homedir(), '.cache', 'groundwork');
}
