import type { JobFacts } from './job-facts.js';
import { cargoCovers } from './build-chain.js';
import { resolve } from './build-stage.js';
import { runPlace } from './run-place.js';
import { onSameLegs } from './same-legs.js';
import type { HiddenFailure } from './types.js';

/**
 * A hidden `cargo test` whose tests another run in the job, unmasked and on the same legs, selects
 * too (rusqlite: `cargo test --package rusqlite-macros` masked under pwsh, after `cargo test
 * --workspace --all-targets` in its own step): a failure of those tests fails that run, before or
 * after this one.
 */
export function cargoTestsElsewhere(h: HiddenFailure, facts: JobFacts): string | undefined {
  const r = resolve(h.words);
  if (h.role.role !== 'test' || r?.program !== 'cargo' || !isTest(r.words)) return undefined;
  const place = runPlace(h.site, h.commandRange.start, facts.fileText);
  const other = facts.loud.find((l) => {
    if (l.site === h.site && l.offset === h.commandRange.start) return false;
    const o = resolve(l.words);
    return (
      o?.program === 'cargo' &&
      isTest(o.words) &&
      onSameLegs(h.site, l.site, facts.job, facts.doc) &&
      runPlace(l.site, l.offset, facts.fileText) === place &&
      cargoCovers(h.words, l.words) &&
      packagesCovered(r.words, o.words) &&
      // What follows `--` goes to the test binaries (`-- --ignored` runs only the ignored tests, a name filters them).
      afterDashes(r.words) === afterDashes(o.words) &&
      targetsCovered(r.words, o.words)
    );
  });
  return other
    ? `\`${other.words.slice(0, 4).join(' ')}\` at line ${facts.lineOf(other.site, other.offset)} runs the same tests unmasked, where a failure surfaces`
    : undefined;
}

/**
 * The packages a run tests: the workspace's (`--workspace`, `--all`), or the ones named (`-p x`). A run
 * with neither tests the root package only, which is not another member's tests.
 */
function packagesCovered(hidden: readonly string[], other: readonly string[]): boolean {
  if (other.includes('--workspace') || other.includes('--all')) return true;
  const named = (w: readonly string[]) =>
    w.flatMap((x, i) => (x === '-p' || x === '--package' ? [w[i + 1] ?? ''] : x.startsWith('--package=') ? [x.slice(10)] : []));
  const h = named(hidden);
  return h.length > 0 && h.every((p) => named(other).includes(p));
}

/**
 * The kinds of target a run tests: every kind by default (`--all-targets` says so too), else the ones
 * named (`--doc` alone runs only the doctests, `--lib` the unit tests).
 */
const KINDS = /^--(doc|lib|bins?|tests?|examples?|benches|bench)(=|$)/;
function targetsCovered(hidden: readonly string[], other: readonly string[]): boolean {
  const kinds = (w: readonly string[]) => w.filter((x) => KINDS.test(x)).map((x) => x.split('=')[0]!);
  const o = kinds(other);
  if (o.length === 0) return true;
  const h = kinds(hidden);
  return h.length > 0 && h.every((k) => o.includes(k));
}

const afterDashes = (words: readonly string[]) => {
  const i = words.indexOf('--');
  return i < 0 ? '' : words.slice(i + 1).join(' ');
};

const isTest = (words: readonly string[]) => words.slice(1).find((w) => !w.startsWith('-')) === 'test';
