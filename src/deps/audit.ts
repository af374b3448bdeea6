import { join } from 'node:path';
import { findingAt } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import { depsKnownVulnerability } from '../rules/deps-known-vulnerability.js';
import { depsNotOnRelease } from '../rules/deps-not-on-release.js';
import { depsOutdated } from '../rules/deps-outdated.js';
import { depsStalePin } from '../rules/deps-stale-pin.js';
import { depsVulnerabilityTriage } from '../rules/deps-vulnerability-triage.js';
import { componentPlace } from '../sbom/findings.js';
import { isCheckedOut } from '../sbom/git-tree.js';
import type { Inventory } from '../sbom/inventory.js';
import type { Component } from '../sbom/model.js';
import { upstreamKey } from '../sbom/upstream-url.js';
import { daysBetween } from './age.js';
import { gitAncestry } from './ancestry.js';
import { evaluateRecord, type OsvRecord, type Verdict } from './osv.js';
import type { OsvIndex } from './osv-db.js';
import { placePin, type RemoteTag } from './tags.js';
import { commitsBetween } from './history.js';

export interface DepsOptions {
  /** Offline OSV dump, already loaded. */
  osv?: OsvIndex;
  /** Online look-up, one call per component (the CLI passes the OSV API client). */
  queryOnline?: (q: { commit?: string; url?: string; tag?: string }) => Promise<OsvRecord[]>;
  /** Upstream tags per component key (the CLI fills it with ls-remote; audit leaves it empty, offline). */
  upstreamTags?: Map<string, { tags?: RemoteTag[]; error?: string }>;
  includePrerelease?: boolean;
  /** Pins older than this many days are findings. */
  maxAgeDays?: number;
  now?: Date;
}

export interface VulnerabilityHit {
  id: string;
  summary?: string;
  aliases: string[];
  verdict: Verdict;
}

/** Everything the audit learnt about one component. */
export interface ComponentStatus {
  component: Component;
  latest?: RemoteTag;
  releasesBehind?: number;
  commitsBehind?: number;
  onRelease?: boolean;
  ageDays?: number;
  upstreamError?: string;
  vulnerabilities: VulnerabilityHit[];
}

export const DEFAULT_MAX_AGE_DAYS = 730;

/** Compares every component with its upstream releases and with OSV; pure apart from local git. */
export async function auditComponents(inv: Inventory, opts: DepsOptions = {}): Promise<ComponentStatus[]> {
  const now = opts.now ?? new Date();
  const out: ComponentStatus[] = [];
  for (const c of inv.components) {
    const abs = join(inv.root, ...c.paths[0]!.split('/'));
    const history = c.kind === 'submodule' && c.present && isCheckedOut(abs) ? abs : undefined;
    const status: ComponentStatus = { component: c, vulnerabilities: [] };
    if (c.commitDate) status.ageDays = daysBetween(c.commitDate, now);
    const remote = opts.upstreamTags?.get(c.key);
    if (remote?.error) status.upstreamError = remote.error;
    if (remote?.tags) {
      const place = placePin(c.commit, c.version.tag ?? (c.version.confidence === 'high' ? c.version.value : undefined), remote.tags, opts.includePrerelease);
      status.latest = place.latest;
      status.releasesBehind = place.behind;
      status.onRelease = Boolean(place.onRelease) || c.version.distance === 0;
      if (history && c.commit && place.latest) status.commitsBehind = commitsBetween(history, c.commit, place.latest.commit);
    }
    // an exact release: the described tag, the upstream tag on the pinned commit, or for copies
    // without git (vendored folders, archives) a version we trust enough to compare with versions[]
    const tag =
      (c.version.distance === 0 ? c.version.tag : undefined) ??
      (c.commit ? remote?.tags?.find((t) => t.commit === c.commit)?.name : undefined) ??
      (c.kind !== 'submodule' && c.version.value && c.version.confidence !== 'low' ? c.version.value : undefined);
    if (opts.osv && c.url) {
      const ancestry = history ? gitAncestry(history) : undefined;
      for (const r of opts.osv.forRepo(upstreamKey(c.url))) {
        const verdict = evaluateRecord(r, { upstream: upstreamKey(c.url), commit: c.commit, tag }, ancestry);
        if (verdict && verdict.status !== 'not-affected') status.vulnerabilities.push({ id: r.id, summary: r.summary, aliases: r.aliases ?? [], verdict });
      }
    }
    if (opts.queryOnline && (c.commit || (c.url && tag))) {
      for (const r of await opts.queryOnline({ commit: c.commit, url: c.url, tag })) {
        if (!status.vulnerabilities.some((v) => v.id === r.id))
          status.vulnerabilities.push({ id: r.id, summary: r.summary, aliases: r.aliases ?? [], verdict: { status: 'affected', how: 'OSV API' } });
      }
    }
    out.push(status);
  }
  return out;
}

/** Findings from the statuses: vulnerabilities, triage, stale and outdated pins, pins off releases. */
export function depsFindings(statuses: readonly ComponentStatus[], maxAgeDays = DEFAULT_MAX_AGE_DAYS): Finding[] {
  const out: Finding[] = [];
  for (const s of statuses) {
    const c = s.component;
    const p = componentPlace(c);
    const pin = c.commit ? c.commit.slice(0, 12) : (c.version.value ?? 'unknown version');
    const label = `${c.name} (${c.paths[0]}) at ${pin}`;
    const add = (meta: Parameters<typeof findingAt>[0], message: string) => out.push(findingAt(meta, p.file, { line: p.line }, message));
    for (const v of s.vulnerabilities) {
      const name = [v.id, ...v.aliases.filter((a) => a.startsWith('CVE-'))].join(' / ');
      if (v.verdict.status === 'affected')
        add(depsKnownVulnerability, `${label} is affected by ${name}${v.summary ? `: ${v.summary}` : ''} (decided by ${v.verdict.how})`);
      else add(depsVulnerabilityTriage, `${label}: ${name} names this upstream but needs triage: ${v.verdict.how}`);
    }
    if (s.ageDays !== undefined && s.ageDays > maxAgeDays)
      add(depsStalePin, `${label} was committed ${s.ageDays} days ago (${c.commitDate!.slice(0, 10)}), over the ${maxAgeDays}-day limit`);
    if (s.latest && s.releasesBehind)
      add(
        depsOutdated,
        `${label} is ${s.releasesBehind} release(s) behind ${s.latest.name}${s.commitsBehind !== undefined ? ` (${s.commitsBehind} commits)` : ''}`,
      );
    if (s.latest && s.onRelease === false)
      add(depsNotOnRelease, `${label} is not on a release tag${c.version.value ? ` (nearest: ${c.version.value})` : ''}; newest release is ${s.latest.name}`);
  }
  return out;
}
