import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/repository.js';
import type { ScanResult } from './records.js';

/** Bump when the scanner's output changes, so old cache entries are never reused. */
const CACHE_FORMAT = 'smoke-scan-6';

/** `--cache-dir`, else GROUNDWORK_CACHE_DIR, else $XDG_CACHE_HOME/groundwork, else ~/.cache/groundwork. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  if (env.GROUNDWORK_CACHE_DIR) return env.GROUNDWORK_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'groundwork');
  return join(env.HOME || homedir(), '.cache', 'groundwork');
}

export function contentKey(text: string): string {
  return `sha1:${createHash('sha1').update(text).digest('hex')}`;
}

/**
 * Scan results keyed by content (a git blob id, or a hash of the text), one file per repository.
 * A damaged or foreign cache file is ignored, never trusted.
 */
export class ScanCache {
  private readonly entries: Map<string, ScanResult>;
  private readonly used = new Set<string>();
  private dirty = false;
  hits = 0;

  private constructor(
    private readonly file: string | undefined,
    entries: Map<string, ScanResult>,
  ) {
    this.entries = entries;
  }

  static disabled(): ScanCache {
    return new ScanCache(undefined, new Map());
  }

  static load(dir: string, repoRoot: string): ScanCache {
    const file = join(dir, `${CACHE_FORMAT}-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 16)}.json`);
    let entries = new Map<string, ScanResult>();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: string; root?: string; entries?: Record<string, ScanResult> };
      if (data.format === CACHE_FORMAT && data.root === repoRoot && data.entries) entries = new Map(Object.entries(data.entries));
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
    return new ScanCache(file, entries);
  }

  get(key: string): ScanResult | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.used.add(key);
      if (this.file) this.hits++;
    }
    return hit;
  }

  set(key: string, scan: ScanResult): void {
    if (!this.file) return; // disabled: nothing is kept
    this.entries.set(key, scan);
    this.used.add(key);
    this.dirty = true;
  }

  /** Writes the entries used by this run (so deleted files drop out); a failure to write is not an error. */
  save(repoRoot: string): string | undefined {
    if (!this.file || (!this.dirty && this.used.size === this.entries.size)) return undefined;
    const entries: Record<string, ScanResult> = {};
    for (const key of this.used) entries[key] = this.entries.get(key)!;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify({ format: CACHE_FORMAT, root: repoRoot, entries }));
      return undefined;
    } catch (e) {
      return `could not write the scan cache ${this.file}: ${(e as Error).message}`;
    }
  }
}
