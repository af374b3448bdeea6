import type { JobFacts } from './assess.js';
import { sphinxRun } from './build-chain.js';
import { onSameLegs } from './same-legs.js';
import type { HiddenFailure } from './types.js';

/**
 * A Sphinx build whose failure is hidden, then another Sphinx run later in the job (`sphinx-build -b
 * html docs build/html` under `bash -l {0}`, then `make linkcheck` in docs/, librosa): every builder
 * reads the same sources again, so an error in conf.py, an extension, autodoc's imports or a gallery
 * example fails there. What only the first builder's writer or theme could break is left: low, not
 * handled. Returns where it surfaces.
 */
export function sphinxAgain(h: HiddenFailure, facts: JobFacts): string | undefined {
  if (!sphinxRun(h.words)) return undefined;
  const order = (site: HiddenFailure['site']) => site.step?.index ?? -1;
  const later = [...facts.loudBySite.values()]
    .flat()
    .find(
      (l) =>
        (order(l.site) > order(h.site) || (l.site === h.site && l.offset > h.commandRange.start)) &&
        onSameLegs(h.site, l.site, facts.job, facts.doc) &&
        sphinxRun(l.words),
    );
  if (!later) return undefined;
  return `\`${later.words.join(' ').slice(0, 40)}\` at line ${facts.lineOf(later.site, later.offset)} runs Sphinx on the sources again, where errors in conf.py, extensions and the documents fail its step`;
}
