import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/repository.js';
import type { RemoteRefs } from './remote-refs.js';

/** On-disk snapshots of `ls-remote` results, one JSON file per URL, valid for `ttlMs`. */
export class RefCache {
  constructor(
    readonly dir: string,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private pathOf(url: string): string {
    return join(this.dir, 'pin', 'refs', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  }

  get(url: string): RemoteRefs | undefined {
    if (this.ttlMs <= 0) return undefined;
    const path = this.pathOf(url);
    if (!existsSync(path)) return undefined;
    try {
      const refs = JSON.parse(readFileSync(path, 'utf8')) as RemoteRefs;
      if (refs.url !== url || this.now() - Date.parse(refs.fetchedAt) > this.ttlMs) return undefined;
      return refs;
    } catch {
      return undefined; // a corrupt entry is just a miss
    }
  }

  put(refs: RemoteRefs): void {
    const path = this.pathOf(refs.url);
    try {
      mkdirSync(join(this.dir, 'pin', 'refs'), { recursive: true });
      writeFileAtomic(path, `${JSON.stringify(refs)}\n`);
    } catch {
      // An unwritable cache only costs a later ls-remote; it must not fail the run.
    }
  }
}
