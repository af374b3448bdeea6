import { commandWords, descendants } from '../../sources/shell-script.js';
import { scriptOf } from '../roles/tools.js';
import { sameBuild } from './build-chain.js';
import { buildStage } from './build-stage.js';
import { retryAfter } from './retry-chain.js';
import { countedIn } from './script-verdicts.js';
import type { HiddenFailure } from './types.js';

/**
 * What the command after `||` makes of a failure: a retry or a rebuild of the same tree answers
 * for it (handled); a count that decides the exit records it (handled); a script of the repository
 * whose status the step takes may or may not (low, with where to look).
 */
export function fallbackVerdict(h: HiddenFailure, line: (offset: number) => number): { handled?: string; again?: string } {
  if (h.how !== 'or-fallback' || !h.mask || !h.view) return {};
  const view = h.view;
  const right = h.mask.children[h.mask.children.length - 1];
  const commands = right ? descendants(right).filter((n) => n.type === 'command') : [];
  const retry = retryAfter(view, h.words, h.role.role === 'test', commands);
  if (retry) return { handled: `it is retried with \`${retry.text.slice(0, 40)}\`, whose failure fails the step` };
  // `meson compile -C builddir || ninja -C builddir`: the same tree built again by another front end.
  const rebuild =
    buildStage(h.words) === 'build' ? commands.find((n) => sameBuild(h.words, commandWords(n)) && view.fates.fate(n).kind === 'propagates') : undefined;
  if (rebuild) return { handled: `\`${rebuild.text.slice(0, 40)}\` after \`||\` builds the same tree again, and fails the step on the same errors` };
  // `tool || ERRORS=$((ERRORS + 1))` … `exit $ERRORS`: the failure is counted, and the count decides.
  const counted = countedIn(h.mask, view.parsed.nodes);
  if (counted) return { handled: `its failure is recorded in $${counted.variable}, which decides the exit at line ${line(view.toSite(counted.at.start))}` };
  // `make check || ci/print_stacktrace.sh fail`: the step takes the exit status of a script of the
  // repository, which the workflow does not show; whether a failure is lost depends on that script.
  const script = commands.find((n) => scriptOf(commandWords(n)) !== undefined);
  if (script && view.fates.fate(script).kind === 'propagates')
    return {
      again: `the step takes the exit status of \`${script.text.slice(0, 50)}\`, a script outside the workflow: check that it fails when \`${h.words[0]}\` did`,
    };
  return {};
}
