import type { HiddenFailure } from './types.js';

/**
 * `cd gltf && npm pack && cd ..` on a line that is not the last: when `npm pack` fails, the `cd ..`
 * is skipped too, the script stays in gltf/, and the next `cd js` (relative to where it should have
 * been) fails. When that `cd` fails the step (a plain line under errexit, or the script's last
 * statement), the hidden failure surfaces there. Returns the offset of that `cd` in the script.
 */
export function lostDirectory(h: HiddenFailure): { offset: number; text: string } | undefined {
  if (h.how !== 'and-left') return undefined;
  const script = h.site.value.value;
  const skipped = script.slice(h.commandRange.end, h.maskRange.end);
  if (!/&&\s*(cd\s+(\.\.|-)|popd)(?=[\s;)]|$)/.test(skipped)) return undefined;
  const rest = script.slice(h.maskRange.end);
  const lines = rest.split('\n');
  const meaningful = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  let offset = h.maskRange.end;
  for (const raw of lines) {
    const line = raw.trim();
    const cd = /^cd\s+([^\s;&|]+)(.*)$/.exec(line);
    if (cd && !/^([/~$]|\.\.|-$)/.test(cd[1]!.replace(/^["']/, ''))) {
      const plain = h.site.shell.errexit && !/&&|\|\|/.test(cd[2]!);
      const last = line === meaningful[meaningful.length - 1];
      return plain || last ? { offset: offset + raw.indexOf(line), text: line } : undefined;
    }
    // Another command first: the script may do anything in between; only a `cd` right after counts.
    if (line && !line.startsWith('#')) return undefined;
    offset += raw.length + 1;
  }
  return undefined;
}
