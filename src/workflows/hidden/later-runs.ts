import { resolveCommand, toolRole } from '../roles/tools.js';
import type { Collected } from './collect.js';
import type { JobFacts } from './job-facts.js';
import { repeatKey } from './run-place.js';
import type { HiddenFailure } from './types.js';

// Later runs of a program of the repository, in the same script, that find what a hidden command lost.

type Loud = Collected['loud'][number];

/**
 * A hidden build followed by a run of a program of the repository (`cmake --build build` then
 * `./build/app`): running the very program it builds fails without it. A test runner over the tree
 * (`ctest`) may still pass when the build failed on a target the tests do not cover, so it does not
 * count. Nor does a run of a program whose role only the step's name gives (`bin/vl2png spec >
 * bar.png` in a step named "Compile PNG, SVG, PDF" makes a picture, and the `bin/vl2pdf` after it is
 * another program; `./build.sh` and `mage -v hugo` build), nor the builder itself run again (`./ci.sh
 * build` does not build `./ci.sh`).
 */
export function runsWhatItBuilt(h: HiddenFailure, facts: JobFacts, runsAfterFailure: (l: Loud) => boolean): string | undefined {
  if (h.role.role !== 'build' || (resolveCommand(h.words)?.local && toolRole(h.words)?.role !== 'build')) return undefined;
  if (h.how !== 'errexit-off' && h.how !== 'errexit-ignored' && h.how !== 'and-left' && h.how !== 'native') return undefined;
  const run = facts.loudBySite
    .get(h.site)
    ?.find((l) => l.offset > h.commandRange.start && runsAfterFailure(l) && resolveCommand(l.words)?.local && l.words[0] !== h.words[0]);
  return run && `\`${run.words[0]}\` at line ${facts.lineOf(run.site, run.offset)} runs what it builds, and fails without it`;
}

/**
 * `./hugo -s docs/` then `./hugo --renderToMemory -s docs/`: a program of the repository hidden by a
 * shell without -e (or pwsh) and run again later on the same input, with the same arguments apart
 * from print-only options, fails the same way there.
 */
export function programRerun(h: HiddenFailure, facts: JobFacts, runsAfterFailure: (l: Loud) => boolean): string | undefined {
  if (!resolveCommand(h.words)?.local || (h.how !== 'errexit-off' && h.how !== 'native' && h.how !== 'errexit-ignored')) return undefined;
  if (!h.words.slice(1).some((w) => !w.startsWith('-') && !w.startsWith('>'))) return undefined;
  const key = repeatKey(h.words);
  const rerun = facts.loudBySite
    .get(h.site)
    ?.find((l) => l.offset > h.commandRange.start && runsAfterFailure(l) && l.words[0] === h.words[0] && repeatKey(l.words) === key);
  return rerun && `\`${rerun.words.slice(0, 3).join(' ')}\` at line ${facts.lineOf(rerun.site, rerun.offset)} runs the same program on the same input again`;
}
