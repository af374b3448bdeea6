/** Repository paths (POSIX, relative, '' for the root) as the import check walks them. */

/** The folder of a path; '' at the root. */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A file's name up to its first dot: the module it would be as a script. */
export function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.indexOf('.');
  return dot < 0 ? base : base.slice(0, dot);
}

/** `rel` (`.`, `..`, `\` and a leading `/` allowed) from the folder `dir`; undefined when it climbs out of the repository. */
export function joinPath(dir: string, rel: string): string | undefined {
  const out: string[] = [];
  for (const s of [...dir.split('/'), ...rel.replace(/\\/g, '/').split('/')]) {
    if (!s || s === '.') continue;
    if (s === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out.join('/');
}
