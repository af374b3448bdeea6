import type { HiddenFailure } from './types.js';
import { FAILS_ON_MISSING } from './produced.js';

/**
 * `cd gltf && npm pack && cd ..` on a line that is not the last: when `npm pack` fails, the `cd ..`
 * is skipped too, the script stays in gltf/, and the next `cd js` (relative to where it should have
 * been) fails. When that `cd` fails the step (a plain line under errexit, or the script's last
 * statement), the hidden failure surfaces there. Returns the offset of that `cd` in the script.
 */
/** Programs that fail when the file they are given is missing (`ln -sf build-dbg/x latest` makes a dangling link and succeeds). */
const READERS = [...FAILS_ON_MISSING].join('|');

export function lostDirectory(h: HiddenFailure): { offset: number; text: string } | undefined {
  if (h.how !== 'and-left') return undefined;
  const script = h.site.value.value;
  const skipped = script.slice(h.commandRange.end, h.maskRange.end);
  if (!/&&\s*(cd\s+(\.\.|-)|popd)(?=[\s;)]|$)/.test(skipped)) return undefined;
  // The folder the list entered (`cd ./build-dbg && ninja dragonfly && cd ..`), when it names one.
  const entered = /(?:^|[;&|({]\s*|\n\s*)cd\s+["']?(?:\.\/)?([\w.-]+(?:\/[\w.-]+)*)["']?\s*&&[^\n]*$/.exec(script.slice(0, h.commandRange.start))?.[1];
  const rest = script.slice(h.maskRange.end);
  const lines = rest.split('\n');
  const meaningful = lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  let offset = h.maskRange.end;
  for (const raw of lines) {
    const line = raw.trim();
    // Its failure fails the step: a plain line under errexit, or the script's last line.
    // (`&&` after it is fine on the last line, whose list's status is the step's; `||` never is.)
    const fails = (tail: string) => !/\|\|/.test(tail) && ((h.site.shell.errexit && !/&&/.test(tail)) || line === meaningful[meaningful.length - 1]);
    const cd = /^cd\s+([^\s;&|]+)(.*)$/.exec(line);
    if (cd && !/^([/~$]|\.\.|-$)/.test(cd[1]!.replace(/^["']/, ''))) return fails(cd[2]!) ? { offset: offset + raw.indexOf(line), text: line } : undefined;
    // A read of a path under the folder, from the folder above it (`ls -lh ./build-dbg/dragonfly`):
    // from inside build-dbg/ that path is not there.
    if (entered && !entered.startsWith('.') && new RegExp(`^(${READERS})(\\s+-\\S+)*\\s+["']?(\\./)?${entered.replace(/[.]/g, '\\.')}/\\S`).test(line))
      return fails(line) ? { offset: offset + raw.indexOf(line), text: line } : undefined;
    // Another command first: the script may do anything in between; only a `cd` right after (or a
    // message) counts.
    if (line && !line.startsWith('#') && !/^(echo|printf)\b[^;&|`$]*$/.test(line)) return undefined;
    offset += raw.length + 1;
  }
  return undefined;
}
