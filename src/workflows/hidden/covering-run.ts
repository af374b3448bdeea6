import type { JobFacts } from './job-facts.js';
import { optionValues, positional } from '../roles/tool-registry.js';
import { cargoCovers } from './build-chain.js';
import { resolve } from './build-stage.js';
import { runPlace } from './run-place.js';
import { onSameLegs } from './same-legs.js';
import type { HiddenFailure } from './types.js';

/**
 * A hidden `cargo test` whose tests other runs in the job, unmasked and on the same legs, run too
 * (rusqlite: `cargo test --package rusqlite-macros` masked under pwsh, after `cargo test --workspace
 * --all-targets` and `cargo test --workspace --doc` in steps of their own): a failure of those tests
 * fails one of those runs, before or after this one. Each covering run selects the packages (the
 * workspace without `--exclude`, or the same `-p`), features at least as many, no `--no-run`, no test
 * name filter of its own and the same arguments after `--`; together they run every kind of target
 * the hidden run does (`--all-targets` runs no doctests, `--doc` nothing else).
 */
export function cargoTestsElsewhere(h: HiddenFailure, facts: JobFacts): string | undefined {
  const r = resolve(h.words);
  if (h.role.role !== 'test' || r?.program !== 'cargo' || !isTest(r.words)) return undefined;
  const place = runPlace(h.site, h.commandRange.start, facts.fileText);
  const covering = facts.loud.filter((l) => {
    if (l.site === h.site && l.offset === h.commandRange.start) return false;
    const o = resolve(l.words);
    return (
      o?.program === 'cargo' &&
      isTest(o.words) &&
      !o.words.includes('--no-run') &&
      filters(o.words) === filters(r.words) &&
      afterDashes(o.words) === afterDashes(r.words) &&
      onSameLegs(h.site, l.site, facts.job, facts.doc) &&
      runPlace(l.site, l.offset, facts.fileText) === place &&
      cargoCovers(h.words, l.words) &&
      packagesCovered(r.words, o.words)
    );
  });
  const runs = new Set(covering.flatMap((l) => [...kinds(resolve(l.words)!.words)]));
  if (covering.length === 0 || ![...kinds(r.words)].every((k) => runs.has(k) || runs.has(k.split(':')[0]!))) return undefined;
  const first = covering[0]!;
  return `\`${first.words.slice(0, 4).join(' ')}\` at line ${facts.lineOf(first.site, first.offset)}${covering.length > 1 ? ' and other runs' : ''} run the same tests unmasked, where a failure surfaces`;
}

/**
 * The packages a run tests: the workspace's (`--workspace`, `--all`) less any `--exclude`, or the
 * ones named (`-p x`). A run with neither tests the root package only, which is not another member's.
 */
function packagesCovered(hidden: readonly string[], other: readonly string[]): boolean {
  const named = (w: readonly string[], ...flags: string[]) => optionValues(w, flags);
  const h = named(hidden, '-p', '--package');
  if (other.includes('--workspace') || other.includes('--all')) {
    const excluded = named(other, '--exclude');
    return excluded.length === 0 || (h.length > 0 && h.every((p) => !excluded.includes(p)));
  }
  return h.length > 0 && h.every((p) => named(other, '-p', '--package').includes(p));
}

/**
 * The kinds of target a run tests: by default the library, binaries, integration tests and doctests;
 * `--all-targets` those less the doctests, plus benches and examples; `--doc`, `--lib`, `--bins`,
 * `--tests`, `--examples`, `--benches` each their own; `--test NAME` (and `--bin`, `--example`,
 * `--bench`) one target, which the plural kind covers.
 */
function kinds(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  const end = words.includes('--') ? words.indexOf('--') : words.length;
  for (let i = 2; i < end; i++) {
    const w = words[i]!;
    const one = /^--(test|bin|example|bench)(?:=(.+))?$/.exec(w);
    if (one) out.add(`${one[1] === 'bench' ? 'benches' : `${one[1]}s`}:${one[2] ?? words[++i] ?? ''}`);
    else if (w === '--all-targets') for (const k of ['lib', 'bins', 'tests', 'benches', 'examples']) out.add(k);
    else if (/^--(doc|lib|bins|tests|examples|benches)$/.test(w)) out.add(w.slice(2));
  }
  if (out.size === 0) for (const k of ['lib', 'bins', 'tests', 'doc']) out.add(k);
  return out;
}

/** Cargo's options that take a value, so that what follows them is not a test name filter. */
const VALUED: ReadonlySet<string> = new Set(
  '-p --package --exclude -F --features --target --manifest-path -j --jobs --test --bin --example --bench --profile --target-dir --color --message-format -Z --config'.split(
    ' ',
  ),
);

/** The test name filter a run gives before `--` (`cargo test smoke`), as text. */
function filters(words: readonly string[]): string {
  const end = words.includes('--') ? words.indexOf('--') : words.length;
  return positional(words.slice(2, end), VALUED).join(' ');
}

const afterDashes = (words: readonly string[]) => {
  const i = words.indexOf('--');
  return i < 0 ? '' : words.slice(i + 1).join(' ');
};

const isTest = (words: readonly string[]) => words.slice(1).find((w) => !w.startsWith('-')) === 'test';

/**
 * A hidden Gradle `test` whose tests another Gradle run of the job runs unmasked, in the same place and
 * on the same legs (openrocket: `./gradlew clean check build dist`, then `./gradlew test
 * jacocoTestReport || true` for the coverage report): `check` and `build` depend on `test`, so a
 * failure of the tests fails that run, before or after this one. Not a run that leaves the tests out
 * (`-x test`, `--exclude-task test`) or picks some (`--tests`).
 */
export function gradleTestsElsewhere(h: HiddenFailure, facts: JobFacts): string | undefined {
  const r = resolve(h.words);
  const gradle = (p: string | undefined) => p !== undefined && /^(gradle|gradlew)(\.bat)?$/.test(p.split('/').pop()!);
  if (h.role.role !== 'test' || !gradle(r?.program) || !r!.words.includes('test') || r!.words.some((w) => w.startsWith('--tests'))) return undefined;
  const place = runPlace(h.site, h.commandRange.start, facts.fileText);
  const covering = facts.loud.find((l) => {
    if (l.site === h.site && l.offset === h.commandRange.start) return false;
    const o = resolve(l.words);
    if (!o || !gradle(o.program) || o.words.some((w, i) => w.startsWith('--tests') || ((w === '-x' || w === '--exclude-task') && o.words[i + 1] === 'test')))
      return false;
    return (
      o.words.slice(1).some((w) => w === 'test' || w === 'check' || w === 'build') &&
      onSameLegs(h.site, l.site, facts.job, facts.doc) &&
      runPlace(l.site, l.offset, facts.fileText) === place
    );
  });
  return covering
    ? `\`${covering.words.slice(0, 4).join(' ')}\` at line ${facts.lineOf(covering.site, covering.offset)} runs the same tests unmasked (Gradle's check and build run test), where a failure surfaces`
    : undefined;
}

/** A hidden test run whose tests another run of the job runs unmasked (cargo, Gradle). */
export function testsRunElsewhere(h: HiddenFailure, facts: JobFacts): string | undefined {
  return cargoTestsElsewhere(h, facts) ?? gradleTestsElsewhere(h, facts);
}
