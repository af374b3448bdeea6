import type { Collected } from './collect.js';
import type { HiddenFailure } from './types.js';

type Loud = Collected['loud'][number];

/**
 * Where a command that fails its step runs against a hidden failure, in the job and on the same legs
 * (the Linux site of a step does not come before or after its Windows site): 1 after it, -1 before
 * it, 0 neither (another job, other legs, the same command).
 */
function order(l: Loud, h: HiddenFailure): -1 | 0 | 1 {
  if (Boolean(l.site.windows) !== Boolean(h.site.windows)) return 0;
  if (l.site === h.site) return l.offset > h.commandRange.start ? 1 : l.offset < h.commandRange.start ? -1 : 0;
  if (l.site.job !== h.site.job) return 0;
  if ((l.site.step?.index ?? -1) > (h.site.step?.index ?? Number.POSITIVE_INFINITY)) return 1;
  return (l.site.step?.index ?? Number.POSITIVE_INFINITY) < (h.site.step?.index ?? -1) ? -1 : 0;
}

/** A command of the job that runs after the hidden one, on its legs. */
export const laterInJob = (l: Loud, h: HiddenFailure) => order(l, h) === 1;

/** A command of the job that runs before the hidden one, on its legs. */
export const earlierInJob = (l: Loud, h: HiddenFailure) => order(l, h) === -1;
