/** A changed line that is not just its ref and version comment rewritten. */
export interface BadChange {
  line: number;
  before: string;
  after: string;
}

// After pinning a line is `<same prefix>@<40 hex><same quote> # <version>` (or, in a template
// `set`, the comment inside the quotes), with the same line ending.
const PINNED = /^(.*?)@([0-9a-f]{40})(["']?)(\s+# [^\s"']+)?(["']?)([^\r]*?)(\r?)$/;

/** Every changed line must keep its text up to `@`, its quotes, its tail and its line ending. */
export function unexpectedChanges(before: string, after: string): BadChange[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return [{ line: 0, before: `${a.length} lines`, after: `${b.length} lines` }];
  const bad: BadChange[] = [];
  a.forEach((old, i) => {
    const now = b[i]!;
    if (old === now) return;
    const m = PINNED.exec(now);
    const ok =
      m !== null &&
      old.startsWith(`${m[1]}@`) &&
      /\buses:|\{%-?\s*set\b/.test(m[1]!) &&
      old.endsWith('\r') === (m[7] === '\r') &&
      // the tail after the quote (e.g. `-%}`) is unchanged
      (m[6] === '' || old.replace(/\r$/, '').endsWith(m[6]!));
    if (!ok) bad.push({ line: i + 1, before: old, after: now });
  });
  return bad;
}

export function changedLineCount(before: string, after: string): number {
  const b = after.split('\n');
  return before.split('\n').filter((l, i) => l !== b[i]).length;
}
