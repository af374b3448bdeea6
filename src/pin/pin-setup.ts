import type { Config } from '../config/config.js';
import { cacheDirFor } from './cache-dir.js';
import { parseDuration } from './duration.js';
import { GitBases } from './git-base.js';
import { GitLsRemoteResolver } from './git-resolver.js';
import { HistoryStore } from './history.js';
import { RefCache } from './ref-cache.js';

interface PinSection {
  gitBase: string;
  cacheTtl: string;
  branches: 'refuse' | 'pin';
}

export interface PinSetupOptions {
  /** `--git-base` values: URL or OWNER=URL. */
  gitBases?: readonly string[];
  cacheDir?: string;
  /** Reuse listed refs this long; `pin --verify` passes 0. */
  ttlMs?: number;
  timeoutMs?: number;
  retries?: number;
}

/**
 * How `pin` reaches the remotes: the ls-remote resolver with its cache, and the history store,
 * from the options, the configuration's `pin:` section and the environment. One place for the
 * command and the M06 recipe, so both resolve the same way.
 */
export function pinSetup(config: Config, env: Record<string, string | undefined>, opts: PinSetupOptions = {}) {
  const section = config.section<PinSection>('pin');
  const cacheDir = cacheDirFor(env, opts.cacheDir);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const ttlMs = opts.ttlMs ?? parseDuration(section.cacheTtl ?? '1h', 'pin.cacheTtl');
  const resolver = new GitLsRemoteResolver({
    bases: GitBases.parse(opts.gitBases ?? [], section.gitBase),
    cache: new RefCache(cacheDir, ttlMs),
    timeoutMs,
    retries: opts.retries ?? 2,
  });
  return { resolver, history: new HistoryStore(cacheDir, timeoutMs * 10), branches: section.branches ?? 'refuse', timeoutMs };
}
