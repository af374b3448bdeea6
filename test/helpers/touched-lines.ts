import { structuredPatch } from 'diff';
import type { FileChange } from '../../src/workflows/fix.js';

/** Lines (1-based, before the fix) that the diff changes, and where it inserts. */
export function touchedLines(c: Pick<FileChange, 'before' | 'after'>): number[] {
  const patch = structuredPatch('a', 'b', c.before, c.after, '', '', { context: 0 });
  const lines: number[] = [];
  for (const h of patch.hunks) {
    let old = h.oldStart;
    for (const l of h.lines) {
      if (l.startsWith('\\')) continue; // "\ No newline at end of file" is no line of the file
      if (l.startsWith('-')) lines.push(old++);
      else if (l.startsWith('+')) lines.push(Math.max(old, 1));
      else old++;
    }
  }
  return lines;
}
