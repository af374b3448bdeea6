import { lstatSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { PACK_FILES } from './pack-readme.js';

/** The file every pack holds: how a folder is recognised as one, and what it wrote there. */
export const PACK_MARKER = '.groundwork-pack';

export function packMarker(files: readonly string[]): string {
  return `${JSON.stringify({ tool: 'groundwork', note: 'written by groundwork audit/merge; the whole folder is replaced on the next run', files: [...files].sort() }, null, 2)}\n`;
}

/** The names a pack writes: the standard ones, and those its marker lists. */
function packNames(abs: string): Set<string> {
  const names = new Set<string>([...Object.values(PACK_FILES), PACK_MARKER]);
  try {
    const listed = (JSON.parse(readFileSync(join(abs, PACK_MARKER), 'utf8')) as { files?: unknown }).files;
    if (Array.isArray(listed)) for (const f of listed) if (typeof f === 'string') names.add(f);
  } catch {
    /* no marker, or an unreadable one: the standard names only */
  }
  return names;
}

/**
 * Whether the folder at `abs` may be replaced by a new pack, or an InputError saying why not. It
 * may when it does not exist, is empty, or is a previous pack — it holds the marker, or (a pack
 * written before the marker existed) a findings.json — and nothing but regular files the pack
 * writes: a pack never removes anything it did not write. With `probe`, each file is also renamed
 * and renamed back, the same permission removing it needs, so a read-only or immutable pack is
 * refused before the swap instead of half-removed after it.
 */
export function assertReplaceable(abs: string, shown: string, probe: boolean): void {
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    return; // nothing there yet
  }
  if (st.isSymbolicLink()) throw new InputError(`refusing to write the audit pack to ${shown}: it is a symbolic link; name the folder it points to`);
  if (!st.isDirectory()) throw new InputError(`refusing to write the audit pack to ${shown}: it exists and is not a folder`);
  const entries = readdirSync(abs);
  if (entries.length === 0) return;
  if (!entries.includes(PACK_MARKER) && !entries.includes(PACK_FILES.findings)) {
    throw new InputError(
      `refusing to write the audit pack to ${shown}: the folder exists and is not a groundwork audit pack (no ${PACK_MARKER}); choose a new or empty folder`,
    );
  }
  const names = packNames(abs);
  const foreign = entries.filter((e) => !names.has(e) || !lstatSync(join(abs, e)).isFile());
  if (foreign.length) {
    const list = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', …' : '');
    throw new InputError(
      `refusing to write the audit pack to ${shown}: it holds ${foreign.length} file(s) the pack did not write (${list}); move them or choose another folder`,
    );
  }
  if (probe) for (const e of entries) probeRemovable(join(abs, e), shown);
}

function probeRemovable(path: string, shown: string): void {
  const aside = `${path}.groundwork-probe`;
  try {
    renameSync(path, aside);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot write the audit pack to ${shown}: the previous pack cannot be replaced (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (e as Error).message)} on ${path})`,
    );
  }
  renameSync(aside, path);
}
