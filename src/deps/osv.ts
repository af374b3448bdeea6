import { upstreamKey } from '../sbom/upstream-url.js';

/** The parts of an OSV record (https://ossf.github.io/osv-schema/) the audit reads. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}
export interface OsvRange {
  type: string;
  repo?: string;
  events: OsvEvent[];
}
export interface OsvAffected {
  package?: { ecosystem?: string; name?: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
}
export interface OsvRecord {
  id: string;
  modified?: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  severity?: { type: string; score: string }[];
  affected?: OsvAffected[];
}

/** Answers "is commit a an ancestor of (or equal to) b?"; undefined when either commit is unknown here. */
export interface Ancestry {
  isAncestor(a: string, b: string): boolean | undefined;
}

export type Verdict = { status: 'affected' | 'not-affected' | 'triage'; how: string };

/** What the audit knows about one pinned component. */
export interface PinFacts {
  /** Normalised keys of the upstream URL (see upstreamKey). */
  upstream: string;
  commit?: string;
  /** An exact release tag of the pin, when known. */
  tag?: string;
}

/** Repository keys a record names: GIT range repos and GIT-ecosystem package names. */
export function recordRepos(r: OsvRecord): string[] {
  const keys = new Set<string>();
  for (const a of r.affected ?? []) {
    for (const range of a.ranges ?? []) if (range.type === 'GIT' && range.repo) keys.add(upstreamKey(range.repo));
    if (a.package?.ecosystem === 'GIT' && a.package.name) keys.add(upstreamKey(a.package.name));
  }
  return [...keys];
}

function concerns(a: OsvAffected, upstream: string): boolean {
  if (a.package?.ecosystem === 'GIT' && a.package.name && upstreamKey(a.package.name) === upstream) return true;
  return (a.ranges ?? []).some((r) => r.type === 'GIT' && r.repo !== undefined && upstreamKey(r.repo) === upstream);
}

const stripV = (t: string) => t.replace(/^v(?=\d)/, '');

/**
 * Decides one GIT range for a pinned commit. Exact hits need no history; otherwise ancestry:
 * affected when some `introduced` is at or before the pin, no `fixed` is at or before it, no
 * `last_affected` is strictly before it, and the pin is before a `limit` when limits are given.
 */
export function evaluateRange(range: OsvRange, commit: string, ancestry?: Ancestry): boolean | undefined {
  const ev = range.events;
  if (ev.some((e) => e.fixed === commit || e.limit === commit)) return false;
  // the pin is itself where the range starts or last applies: no history needed
  if (ev.some((e) => e.introduced === commit || e.last_affected === commit)) return true;
  const le = (a: string) => (a === '0' ? true : a === commit ? true : ancestry?.isAncestor(a, commit));
  const fixedBefore = ev.filter((e) => e.fixed).map((e) => le(e.fixed!));
  if (fixedBefore.includes(true)) return false;
  const lastBefore = ev.filter((e) => e.last_affected && e.last_affected !== commit).map((e) => le(e.last_affected!));
  if (lastBefore.includes(true)) return false;
  const introduced = ev.filter((e) => e.introduced).map((e) => le(e.introduced!));
  const limits = ev.filter((e) => e.limit).map((e) => (ancestry ? ancestry.isAncestor(commit, e.limit!) : undefined));
  if (introduced.length === 0 || !introduced.includes(true)) return introduced.includes(undefined) ? undefined : false;
  if (fixedBefore.includes(undefined) || lastBefore.includes(undefined)) return undefined;
  if (limits.length && !limits.includes(true)) return limits.includes(undefined) ? undefined : false;
  return true;
}

/**
 * Whether a record affects the pin: by commit ancestry where history is present, by the exact tag
 * against `versions[]` otherwise, and "triage" when neither can decide. Undefined when the record
 * is about another upstream.
 */
export function evaluateRecord(record: OsvRecord, pin: PinFacts, ancestry?: Ancestry): Verdict | undefined {
  const relevant = (record.affected ?? []).filter((a) => concerns(a, pin.upstream));
  if (relevant.length === 0) return undefined;
  const verdicts: Verdict[] = relevant.map((a) => {
    const ranges = (a.ranges ?? []).filter((r) => r.type === 'GIT');
    if (pin.commit && ranges.length) {
      const results = ranges.map((r) => evaluateRange(r, pin.commit!, ancestry));
      if (results.includes(true)) return { status: 'affected', how: ancestry ? 'GIT range, by commit ancestry' : 'GIT range, pin is a range event' };
      if (results.every((r) => r === false)) return { status: 'not-affected', how: 'GIT range' };
    }
    if (pin.tag && a.versions?.length) {
      const hit = a.versions.some((v) => stripV(v) === stripV(pin.tag!));
      return { status: hit ? 'affected' : 'not-affected', how: `tag ${pin.tag} against versions[]` };
    }
    return {
      status: 'triage',
      how: pin.commit ? "the pin's history is not present and no exact release tag is known" : 'no pinned commit or release tag to compare',
    };
  });
  return verdicts.find((v) => v.status === 'affected') ?? verdicts.find((v) => v.status === 'triage') ?? verdicts[0];
}
