import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { recordRepos, type OsvRecord } from './osv.js';
import { zipEntries } from './zip.js';

/** OSV records that name a git repository, indexed by repository key. */
export class OsvIndex {
  private readonly byRepo = new Map<string, OsvRecord[]>();
  size = 0;

  add(record: OsvRecord): void {
    const repos = recordRepos(record);
    if (repos.length === 0) return; // package-ecosystem records cannot match vendored code
    this.size++;
    for (const k of repos) {
      const list = this.byRepo.get(k) ?? [];
      list.push(record);
      this.byRepo.set(k, list);
    }
  }

  forRepo(key: string): OsvRecord[] {
    return this.byRepo.get(key) ?? [];
  }
}

/**
 * Loads a local OSV dump: every `*.zip` (the per-ecosystem `all.zip`) and `*.json` file under the
 * directory, recursively. A file that is not an OSV record is an input error naming it.
 */
export function loadOsvDirectory(dir: string): OsvIndex {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError(`--osv-db ${dir}: no such directory`);
  }
  if (!st.isDirectory()) throw new InputError(`--osv-db ${dir}: not a directory`);
  const index = new OsvIndex();
  const take = (name: string, text: string) => {
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (e) {
      throw new InputError(`${name}: not JSON (${(e as Error).message})`);
    }
    const records = Array.isArray(rec) ? rec : [rec];
    for (const r of records as OsvRecord[]) {
      if (!r || typeof r.id !== 'string') throw new InputError(`${name}: not an OSV record (no "id")`);
      index.add(r);
    }
  };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.zip')) {
        for (const entry of zipEntries(readFileSync(p), p)) if (entry.name.endsWith('.json')) take(`${p}!${entry.name}`, entry.data.toString('utf8'));
      } else if (e.name.endsWith('.json')) take(p, readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return index;
}
