import { versionFromName, type FetchDeclaration } from './fetched.js';
import { archiveRef } from './upstream-url.js';

/** A meson `subprojects/*.wrap`: `[wrap-file]` archives and `[wrap-git]` checkouts. */
export function parseMesonWrap(file: string, text: string): FetchDeclaration | undefined {
  const kv = new Map<string, string>();
  let section = '';
  let headerLine = 1;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';')) return;
    const s = /^\[([\w-]+)\]$/.exec(line);
    if (s) {
      section = s[1]!;
      if (section.startsWith('wrap-')) headerLine = i + 1;
      return;
    }
    const m = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (m && section.startsWith('wrap-')) kv.set(m[1]!, m[2]!.trim());
  });
  if (kv.size === 0) return undefined;
  const name = file
    .split('/')
    .pop()!
    .replace(/\.wrap$/, '');
  const url = kv.get('source_url') ?? kv.get('url');
  const wrapdb = kv.get('wrapdb_version')?.replace(/-\d+$/, '');
  const revision = kv.get('revision');
  const ref = url ? archiveRef(url) : undefined;
  const folder = file.split('/').slice(0, -1).join('/');
  const directory = kv.get('directory') ?? (section === 'wrap-git' || section === 'wrap-file' ? name : undefined);
  return {
    name,
    via: 'meson-wrap',
    file,
    line: headerLine,
    url,
    ref: revision && !/^(head|main|master)$/i.test(revision) ? revision : ref?.commit,
    sha256: kv.get('source_hash'),
    version: wrapdb ?? versionFromName(kv.get('directory')) ?? versionFromName(url) ?? (revision ? versionFromName(revision) : undefined),
    patches: [kv.get('patch_url'), kv.get('diff_files'), kv.get('patch_directory') ? `${folder}/packagefiles/${kv.get('patch_directory')}` : undefined].filter(
      (x): x is string => Boolean(x),
    ),
    path: directory ? `${folder}/${directory}` : undefined,
  };
}
