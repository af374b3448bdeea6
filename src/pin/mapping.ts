import { InputError } from '../core/errors.js';
import type { Repository } from '../services/repository.js';

/** The seed's M06 deliverable: one entry per action, requested ref and commit. */
export interface MappingEntry {
  action: string;
  /** What the workflow asked for before pinning (`v4`, `main`); the version when it was already pinned. */
  requested_ref: string;
  sha: string;
  version: string | null;
  /** When the ref was listed; null for pins groundwork found already in place. */
  resolved_at: string | null;
  files: string[];
}

export const DEFAULT_MAP_PATH = 'docs/refactor/milestones/M06/M06_action_pins.json';

export function sortEntries(entries: MappingEntry[]): MappingEntry[] {
  const key = (e: MappingEntry) => `${e.action}\0${e.requested_ref}\0${e.sha}`;
  return entries.map((e) => ({ ...e, files: [...new Set(e.files)].sort() })).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function readMapping(repo: Repository, path: string): MappingEntry[] {
  const read = repo.read(path);
  if (!read.ok) return [];
  try {
    const data = JSON.parse(read.file.text) as unknown;
    if (!Array.isArray(data)) throw new Error('expected a JSON list');
    return data as MappingEntry[];
  } catch (e) {
    throw new InputError(`${path}: not a pin mapping file (${(e as Error).message})`, path);
  }
}

export function renderMapping(entries: MappingEntry[]): string {
  return `${JSON.stringify(sortEntries(entries), null, 2)}\n`;
}
