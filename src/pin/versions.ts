import semver from 'semver';
import { isVersionLike } from './uses-ref.js';

export interface ParsedVersion {
  name: string;
  /** `v`, `release/v`, `` …: versions are compared only within one prefix. */
  prefix: string;
  numbers: number[];
  prerelease: string;
}

export function parseVersion(name: string): ParsedVersion | undefined {
  if (!isVersionLike(name)) return undefined;
  const m = /^(.*?v?)(\d+(?:\.\d+)*)(?:[-+]([0-9A-Za-z.-]+))?$/.exec(name);
  if (!m) return undefined;
  return { name, prefix: m[1]!, numbers: m[2]!.split('.').map(Number), prerelease: m[3] ?? '' };
}

/**
 * Numeric order (4 = 4.0.0, and tags with more than three numbers), a release above its
 * prereleases, prereleases in semver's order (rc.10 after rc.9, alpha before beta).
 */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  for (let i = 0; i < Math.max(a.numbers.length, b.numbers.length); i++) {
    const d = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  if (a.prerelease !== b.prerelease) return a.prerelease === '' ? 1 : b.prerelease === '' ? -1 : comparePrereleases(a.prerelease, b.prerelease);
  return a.numbers.length - b.numbers.length;
}

/** Two prerelease labels in semver's order; labels semver cannot read fall back to plain text order. */
function comparePrereleases(a: string, b: string): number {
  const x = semver.parse(`0.0.0-${a}`, { loose: true });
  const y = semver.parse(`0.0.0-${b}`, { loose: true });
  if (x && y) return semver.compare(x, y);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The most specific version tag among `tags` (all on one commit): the most components (v4.2.2 over
 * v4), then the requested ref's prefix, then a release over a prerelease, then the name.
 */
export function mostSpecificVersion(tags: readonly string[], requested?: string): string | undefined {
  const want = requested ? parseVersion(requested)?.prefix : undefined;
  const parsed = tags.map(parseVersion).filter((v): v is ParsedVersion => v !== undefined);
  parsed.sort(
    (a, b) =>
      b.numbers.length - a.numbers.length ||
      Number(b.prefix === want) - Number(a.prefix === want) ||
      Number(a.prerelease !== '') - Number(b.prerelease !== '') ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return parsed[0]?.name;
}

export interface NewestOptions {
  withinMajor?: boolean;
  /** Tags younger than this are skipped (a cooldown); needs `dates`. */
  minAgeMs?: number;
  /** Tag name → creation time (tagger date, or commit date for lightweight tags), ms. */
  dates?: ReadonlyMap<string, number>;
  now: number;
}

/** The newest release tag that may replace `current`, or undefined when `current` is already newest. */
export function newestRelease(tags: readonly string[], current: string, opts: NewestOptions): string | undefined {
  const cur = parseVersion(current);
  if (!cur) return undefined;
  let best: ParsedVersion | undefined;
  for (const name of tags) {
    const v = parseVersion(name);
    if (!v || v.prefix !== cur.prefix) continue;
    if (v.prerelease && !cur.prerelease) continue;
    if (opts.withinMajor && v.numbers[0] !== cur.numbers[0]) continue;
    if (opts.minAgeMs && opts.minAgeMs > 0) {
      const created = opts.dates?.get(name);
      if (created === undefined || opts.now - created < opts.minAgeMs) continue;
    }
    if (!best || compareVersions(v, best) > 0) best = v;
  }
  return best && compareVersions(best, cur) > 0 ? best.name : undefined;
}
