import type { Decision } from './decide.js';
import { sortEntries, type MappingEntry } from './mapping.js';
import type { PolicySet } from './policy.js';
import { isExternal, type PinReference } from './reference.js';
import type { RemoteRefs } from './remote-refs.js';
import { isFullSha, versionFromComment } from './uses-ref.js';

/**
 * The mapping entries after a run. `after[i]` is `before[i]` rewritten (edits never add or remove a
 * reference), which is how the requested ref survives; for pins already in place the previous
 * mapping file supplies it, so a second run writes the same file.
 */
export function buildMapping(
  after: readonly PinReference[],
  policies: PolicySet,
  before: readonly PinReference[],
  decided: ReadonlyMap<PinReference, { decision: Decision; refs: RemoteRefs }>,
  previous: readonly MappingEntry[],
): MappingEntry[] {
  const byKey = new Map<string, MappingEntry>();
  after.forEach((a, i) => {
    if (!isExternal(a) || !isFullSha(a.uses.ref)) return;
    const b = before[i];
    const origin = b && b.file.path === a.file.path ? b : undefined;
    if (origin && policies.match(origin.uses.action, origin.uses.ref).policy !== 'hash-pin') return;
    const d = origin ? decided.get(origin) : undefined;
    const version = versionFromComment(a.comment?.text) ?? null;
    const oldSha = origin && isFullSha(origin.uses.ref) ? origin.uses.ref : undefined;
    const add = (requested: string, resolvedAt: string | null) => {
      const key = `${a.uses.action}\0${requested}\0${a.uses.ref}`;
      const entry = byKey.get(key) ?? { action: a.uses.action, requested_ref: requested, sha: a.uses.ref, version, resolved_at: resolvedAt, files: [] };
      entry.files.push(a.file.path);
      byKey.set(key, entry);
    };
    if (origin && !oldSha) return add(origin.uses.ref, d?.refs.fetchedAt ?? null);
    // Already pinned: one line no longer says what was requested, so every previous entry of this
    // action and commit that listed this file is kept (v4 and v4.2 may share a commit and a file).
    const candidates = previous.filter((e) => e.action === a.uses.action && (e.sha === a.uses.ref || e.sha === oldSha));
    const inFile = candidates.filter((e) => e.files.includes(a.file.path));
    const chosen = inFile.length ? inFile : candidates.slice(0, 1);
    if (chosen.length === 0) return add(version ?? a.uses.ref, d?.decision.sha ? d.refs.fetchedAt : null);
    for (const e of chosen) add(e.requested_ref, d?.decision.sha && d.decision.sha !== oldSha ? d.refs.fetchedAt : e.resolved_at);
  });
  return sortEntries([...byKey.values()]);
}
