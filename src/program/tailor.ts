import { UsageError } from '../core/errors.js';
import type { Ledger } from './ledger.js';

export interface TailorOptions {
  /** The repository's own name (its origin's last path component, else its folder). */
  repoName?: string;
  /** The repository's HEAD commit (short): the program's baseline is where this repository starts. */
  head?: string;
  /** `plan import --only`: the milestones to keep; every other one is left out. */
  only?: readonly string[];
  /** `plan import --skip`: milestones left out. */
  skip?: readonly string[];
  /** Milestones whose target does not exist here, with the reason (the recipes' applicability). */
  notApplicable?: ReadonlyMap<string, string>;
}

/**
 * Fits an imported seed to the repository it runs on: the title names the repository, the
 * baseline is its HEAD (the seed's commit belongs to the seed's repository), and milestones that
 * were left out or whose target does not exist are kept as not applicable, with the reason, so the
 * seed's references to them still resolve while nothing schedules or counts them.
 */
export function tailorLedger(ledger: Ledger, opts: TailorOptions): Ledger {
  const ids = new Set(ledger.milestones.map((m) => m.id));
  for (const [flag, list] of [
    ['--only', opts.only],
    ['--skip', opts.skip],
  ] as const) {
    const unknown = (list ?? []).filter((id) => !ids.has(id));
    if (unknown.length)
      throw new UsageError(`plan import: ${flag} names ${unknown.join(', ')}, which the document does not define (it defines ${[...ids].join(', ')})`);
  }
  const only = opts.only?.length ? new Set(opts.only) : undefined;
  const skip = new Set(opts.skip ?? []);
  const milestones = ledger.milestones.map((m) => {
    const reason =
      only && !only.has(m.id)
        ? `left out at import (--only ${[...only].join(',')})`
        : skip.has(m.id)
          ? 'left out at import (--skip)'
          : opts.notApplicable?.get(m.id);
    const { notApplicable: _, ...rest } = m;
    return reason === undefined ? rest : { ...rest, notApplicable: reason };
  });
  return {
    ...ledger,
    title: opts.repoName ? `${opts.repoName}: refactoring program` : ledger.title,
    // The seed's baseline names a commit of another repository; without a HEAD there is none.
    baseline: opts.head,
    milestones,
  };
}

/** `--only M01,M05 --only M13` → [M01, M05, M13], upper-cased. */
export function milestoneList(values: readonly string[] | undefined): string[] | undefined {
  if (!values?.length) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toUpperCase())
    .filter(Boolean);
}
