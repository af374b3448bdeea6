import { createHash } from 'node:crypto';
import type { Component } from './model.js';
import type { Inventory } from './inventory.js';
import { normaliseUpstream } from './upstream-url.js';

/** Package URL: `pkg:github/o/r@sha` on GitHub, otherwise generic with the VCS or download URL. */
export function purlOf(c: Component): string {
  if (c.github && c.commit) return `pkg:github/${c.github.toLowerCase()}@${c.commit}`;
  // a Bazel registry module is named by the registry, not by a URL
  if (!c.url && c.recognisedBy.startsWith('bazel-dep'))
    return `pkg:bazel/${encodeURIComponent(c.name)}${c.version.value ? `@${encodeURIComponent(c.version.value)}` : ''}`;
  const name = encodeURIComponent(c.name.toLowerCase());
  const version = c.commit ?? c.version.value;
  const at = version ? `@${encodeURIComponent(version)}` : '';
  const q: string[] = [];
  if (c.url && c.kind !== 'fetched') q.push(`vcs_url=${encodeURIComponent(`git+${c.url}${c.commit ? `@${c.commit}` : ''}`)}`);
  if (c.url && c.kind === 'fetched') q.push(`download_url=${encodeURIComponent(c.url)}`);
  const sha256 = c.hashes.find((h) => h.alg === 'SHA-256');
  if (sha256) q.push(`checksum=${encodeURIComponent(`sha256:${sha256.content}`)}`);
  return `pkg:generic/${name}${at}${q.length ? `?${q.sort().join('&')}` : ''}`;
}

/** Where to get the code: `git+https://host/o/r@sha`, the archive URL, or nothing known. */
export function downloadLocation(c: Component): string | undefined {
  if (!c.url || !/^[a-z][a-z0-9+.-]*:\/\//i.test(c.url)) return undefined; // local paths are nobody's download location
  if (c.commit) return `git+${c.url}@${c.commit}`;
  return c.kind === 'fetched' ? c.url : `git+${c.url}`;
}

/** The document's time: given, else the commit's, so the same tree gives the same bytes. */
export function documentTime(inv: Inventory, given?: string): string {
  const raw = given ?? inv.head?.date ?? '1970-01-01T00:00:00Z';
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) return raw;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A UUID derived from the inventory (name-based, version 5 layout), so reruns repeat it. */
export function stableUuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('\0')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function inventoryFingerprint(inv: Inventory): string {
  return inv.components.map((c) => `${c.key}|${c.version.value ?? ''}|${c.licence.expression ?? ''}`).join('\n');
}

/** The repository's name: from its origin URL when that is a hosted repository, else its folder. */
export function projectName(inv: Inventory): string {
  const slug = inv.origin ? normaliseUpstream(inv.origin).slug : undefined;
  return slug?.split('/').pop() || inv.root.split('/').pop() || 'repository';
}
