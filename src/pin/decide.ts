import type { Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { ambiguousRef } from '../rules/ambiguous-ref.js';
import { branchRef } from '../rules/branch-ref.js';
import { missingVersionComment } from '../rules/missing-version-comment.js';
import { shortSha } from '../rules/short-sha.js';
import { unresolvedRef } from '../rules/unresolved-ref.js';
import type { RepositoryHistory } from './history.js';
import { tagsOnCommit, type RemoteRefs } from './remote-refs.js';
import { isFullSha, looksLikeShortSha, versionFromComment } from './uses-ref.js';
import { mostSpecificVersion, newestRelease, type NewestOptions } from './versions.js';
import { own } from '../core/own.js';

/** What pinning one reference comes to: a commit and comment to write, and/or something to report. */
export interface Decision {
  sha?: string;
  /** The version comment to write (without `# `). */
  comment?: string;
  note?: { meta: RuleMeta; message: string; severity?: Severity };
}

export interface DecideInput {
  ref: string;
  comment?: string;
  refs: RemoteRefs;
  history?: () => Promise<RepositoryHistory>;
  branches: 'refuse' | 'pin';
  update?: Omit<NewestOptions, 'dates'> & { dates?: () => Promise<ReadonlyMap<string, number>> };
}

function commentFor(refs: RemoteRefs, sha: string, requested?: string): string | undefined {
  return mostSpecificVersion(tagsOnCommit(refs, sha), requested);
}

async function updated(input: DecideInput, current: string | undefined): Promise<Decision | undefined> {
  if (!input.update || !current) return undefined;
  const dates = input.update.minAgeMs ? await input.update.dates?.() : undefined;
  const newest = newestRelease(Object.keys(input.refs.tags), current, { ...input.update, dates });
  if (!newest) return undefined;
  const sha = input.refs.tags[newest]!.commit;
  return { sha, comment: commentFor(input.refs, sha, newest) ?? newest };
}

/** Decides the pin for one reference from its repository's refs; never guesses between a branch and a tag. */
export async function decide(input: DecideInput): Promise<Decision> {
  const { ref, refs } = input;
  if (isFullSha(ref)) {
    const version = versionFromComment(input.comment);
    const moved = await updated(input, version);
    if (moved) return moved;
    if (version) return {};
    const found = commentFor(refs, ref);
    if (found) return { sha: ref, comment: found };
    return {
      note: {
        meta: missingVersionComment,
        severity: 'low',
        message: `no version tag of ${refs.url} points at ${ref.slice(0, 12)}; left without a version comment`,
      },
    };
  }
  const tag = own(refs.tags, ref);
  const head = own(refs.heads, ref);
  if (tag && head) {
    return {
      note: {
        meta: ambiguousRef,
        message: `'${ref}' is both a branch (${head.slice(0, 12)}) and a tag (${tag.commit.slice(0, 12)}) in ${refs.url}; refusing to choose`,
      },
    };
  }
  if (tag) return (await updated(input, ref)) ?? { sha: tag.commit, comment: commentFor(refs, tag.commit, ref) ?? ref };
  if (head) {
    if (input.branches === 'refuse')
      return {
        note: { meta: branchRef, message: `'${ref}' is a branch of ${refs.url}; not pinned (use a release tag, --branches pin, or a pin.policies entry)` },
      };
    return {
      sha: head,
      comment: commentFor(refs, head) ?? ref,
      note: {
        meta: branchRef,
        severity: 'low',
        message: `'${ref}' is a branch of ${refs.url}: pinned to its current head ${head.slice(0, 12)}, which no release vouches for`,
      },
    };
  }
  if (looksLikeShortSha(ref)) {
    const known = new Set([...Object.values(refs.heads), ...Object.values(refs.tags).map((t) => t.commit)]);
    let full = [...known].filter((s) => s.startsWith(ref));
    if (full.length !== 1 && input.history) {
      const expanded = (await input.history()).expand(ref);
      full = expanded ? [expanded] : [];
    }
    if (full.length === 1) {
      const sha = full[0]!;
      return { sha, comment: commentFor(refs, sha), note: { meta: shortSha, severity: 'low', message: `short SHA ${ref} expanded to ${sha}` } };
    }
    return { note: { meta: shortSha, severity: 'high', message: `short SHA ${ref} matches no commit reachable from a branch or tag of ${refs.url}; refused` } };
  }
  return { note: { meta: unresolvedRef, message: `'${ref}' is neither a branch nor a tag of ${refs.url}` } };
}
