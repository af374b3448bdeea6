import { mayContinueOnError } from '../../sources/workflow.js';
import { resolveCommand } from '../roles/resolve-command.js';
import { positional } from '../roles/tool-registry.js';
import type { JobFacts } from './job-facts.js';
import { otherBranch } from './branches.js';
import { sphinxRun } from './build-chain.js';
import type { Collected } from './collect.js';
import { runPlace } from './run-place.js';
import { onSameLegs } from './same-legs.js';
import type { HiddenFailure } from './types.js';

/** sphinx-build's options that take a value (`-b html`, `-d doctrees`, `-D key=value`). */
const SPHINX_VALUED: ReadonlySet<string> = new Set([
  '-b',
  '-M',
  '-d',
  '-c',
  '-D',
  '-A',
  '-j',
  '-t',
  '-w',
  '--builder',
  '--doctree-dir',
  '--conf-dir',
  '--define',
  '--jobs',
  '--tag',
  '--warning-file',
]);

/** The source folder a Sphinx run reads: sphinx-build's first positional, or where `make` runs (`-C dir`, working-directory, `cd`). */
function sourceOf(words: readonly string[], place: string): string | undefined {
  const r = resolveCommand(words);
  if (!r) return undefined;
  const m = r.words.indexOf('-m');
  const args = r.program === 'sphinx-build' ? r.words.slice(1) : r.program === 'python' && m > 0 ? r.words.slice(m + 2) : undefined;
  const c = r.words.indexOf('-C');
  const [dir, cd] = place.split('|');
  const raw = args ? positional(args, SPHINX_VALUED)[0] : c > 0 ? r.words[c + 1] : cd || dir;
  return raw?.replace(/^\.\//, '').replace(/\/+$/, '') || undefined;
}

/**
 * A Sphinx build whose failure is hidden, then another Sphinx run later in the job (`sphinx-build -b
 * html docs build/html` under `bash -l {0}`, then `make linkcheck` in docs/, librosa): every builder
 * reads the same sources again, so an error in conf.py, an extension, autodoc's imports or a gallery
 * example fails there. What only the first builder's writer or theme could break is left: low, not
 * handled. Only a run over the same source folder, on the same legs and under the same `if:`, in a
 * step not allowed to fail, at least as strict (`-W` turns warnings into errors). Returns where it surfaces.
 */
export function sphinxAgain(h: HiddenFailure, facts: JobFacts): string | undefined {
  if (!sphinxRun(h.words)) return undefined;
  const source = sourceOf(h.words, runPlace(h.site, h.commandRange.start, facts.fileText));
  if (!source) return undefined;
  const strict = h.words.includes('-W');
  const order = (site: HiddenFailure['site']) => site.step?.index ?? -1;
  const counts = (l: Collected['loud'][number]) => {
    const step = l.site.step;
    if (l.site === h.site) return l.offset > h.commandRange.start && !otherBranch(h, l.offset);
    if (order(l.site) <= order(h.site) || !step || mayContinueOnError(step.continueOnError)) return false;
    return (step.if?.value.trim() ?? '') === (h.site.step?.if?.value.trim() ?? '');
  };
  const later = [...facts.loudBySite.values()]
    .flat()
    .find(
      (l) =>
        counts(l) &&
        onSameLegs(h.site, l.site, facts.job, facts.doc) &&
        sphinxRun(l.words) &&
        (!strict || l.words.includes('-W')) &&
        sourceOf(l.words, runPlace(l.site, l.offset, facts.fileText)) === source,
    );
  if (!later) return undefined;
  return `\`${later.words.join(' ').slice(0, 40)}\` at line ${facts.lineOf(later.site, later.offset)} runs Sphinx on the sources again, where errors in conf.py, extensions and the documents fail its step`;
}
