import { createTwoFilesPatch, diffArrays, formatPatch, type StructuredPatchHunk } from 'diff';

/**
 * Below this many lines jsdiff's own diff is fast enough and is used unchanged. Above it, the patch
 * from the linear walk is always valid and never longer, but where a region of repeated lines can
 * be diffed two equally short ways it may pick the other one (642 of 12,000 random cases).
 */
const SMALL = 2000;
/** How far apart (in lines, each side) a changed region and the next matching lines may be found. */
const RESYNC = 64;
/** Lines that must match in a row to count as back in step. */
const ANCHOR = 3;

/**
 * The unified diff `--dry-run` prints, as jsdiff's createTwoFilesPatch writes it, in time linear in
 * the file for the local changes fix and pin make. jsdiff's Myers diff over the whole file costs its
 * length times the number of changes: 20,000 fixed steps took minutes. Here a linear walk finds the
 * changed regions, jsdiff diffs each small region on its own, and the hunks are built from that
 * change list exactly as jsdiff's structuredPatch builds them. When the walk cannot get back in step
 * within RESYNC lines, jsdiff diffs the whole file as before.
 */
export function unifiedPatch(oldName: string, newName: string, before: string, after: string, context: number): string {
  const [a, b] = [splitLines(before), splitLines(after)];
  const changes = a.length + b.length < SMALL ? undefined : lineChanges(a, b);
  if (!changes) return createTwoFilesPatch(oldName, newName, before, after, '', '', { context }).replace(/^=+\n/, '');
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: '', newHeader: '', hunks: hunksOf(changes, context) }).replace(/^=+\n/, '');
}

interface Change {
  kind: 'same' | 'added' | 'removed';
  lines: string[];
}

/** The texts' lines as runs of equal, removed and added lines; undefined when the walk lost step. */
function lineChanges(a: string[], b: string[]): Change[] | undefined {
  const out: Change[] = [];
  const push = (kind: Change['kind'], lines: string[]) => {
    if (lines.length === 0) return;
    const last = out[out.length - 1];
    if (last?.kind === kind) last.lines.push(...lines);
    else out.push({ kind, lines });
  };
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    const start = i;
    while (i < a.length && j < b.length && a[i] === b[j]) [i, j] = [i + 1, j + 1];
    push('same', a.slice(start, i));
    if (i === a.length && j === b.length) break;
    const next = resync(a, b, i, j);
    if (!next) return undefined;
    for (const c of diffArrays(a.slice(i, next[0]), b.slice(j, next[1]))) push(c.added ? 'added' : c.removed ? 'removed' : 'same', c.value);
    [i, j] = next;
  }
  return out;
}

/** jsdiff's structuredPatch hunk building (diff/libesm/patch/create.js), over a change list. */
function hunksOf(changes: Change[], context: number): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  let [oldStart, newStart, oldLine, newLine] = [0, 0, 1, 1];
  let range: string[] = [];
  const all = [...changes, { kind: 'same', lines: [] } as Change];
  all.forEach((c, i) => {
    if (c.kind !== 'same') {
      if (!oldStart) {
        [oldStart, newStart] = [oldLine, newLine];
        const prev = all[i - 1];
        if (prev) {
          range = context > 0 ? prev.lines.slice(-context).map((l) => ` ${l}`) : [];
          [oldStart, newStart] = [oldStart - range.length, newStart - range.length];
        }
      }
      for (const l of c.lines) range.push(`${c.kind === 'added' ? '+' : '-'}${l}`);
      if (c.kind === 'added') newLine += c.lines.length;
      else oldLine += c.lines.length;
      return;
    }
    if (oldStart) {
      if (c.lines.length <= context * 2 && i < all.length - 2) range.push(...c.lines.map((l) => ` ${l}`));
      else {
        const size = Math.min(c.lines.length, context);
        range.push(...c.lines.slice(0, size).map((l) => ` ${l}`));
        hunks.push({ oldStart, oldLines: oldLine - oldStart + size, newStart, newLines: newLine - newStart + size, lines: range });
        [oldStart, newStart, range] = [0, 0, []];
      }
    }
    oldLine += c.lines.length;
    newLine += c.lines.length;
  });
  for (const h of hunks) {
    const lines: string[] = [];
    for (const l of h.lines) {
      if (l.endsWith('\n')) lines.push(l.slice(0, -1));
      else lines.push(l, '\\ No newline at end of file');
    }
    h.lines = lines;
  }
  return hunks;
}

/** Lines with their line ends, so pieces join back to the exact text. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The nearest (fewest lines skipped on both sides) point where ANCHOR lines match again, or the end
 * of both; failing that, the nearest single matching line with text (fix changes every other line
 * of 20,000 steps, so three equal lines in a row never come).
 */
function resync(a: string[], b: string[], i: number, j: number): readonly [number, number] | undefined {
  return nearest(a, b, i, j, (k, x) => k === ANCHOR || (k > 0 && x + k === a.length)) ?? nearest(a, b, i, j, (k, x) => k > 0 && a[x]!.trim() !== '');
}

function nearest(a: string[], b: string[], i: number, j: number, anchored: (k: number, x: number) => boolean): readonly [number, number] | undefined {
  for (let d = 1; d <= 2 * RESYNC; d++) {
    for (let di = Math.max(0, d - RESYNC); di <= Math.min(d, RESYNC); di++) {
      const [x, y] = [i + di, j + d - di];
      if (x > a.length || y > b.length) continue;
      if (x === a.length && y === b.length) return [x, y];
      let k = 0;
      while (k < ANCHOR && x + k < a.length && y + k < b.length && a[x + k] === b[y + k]) k++;
      if (anchored(k, x)) return [x, y];
    }
  }
  return undefined;
}
