import type { Config } from '../config/config.js';
import { NetworkError } from '../core/errors.js';
import { finalize, sortFindings } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { ambiguousRef } from '../rules/ambiguous-ref.js';
import { branchRef } from '../rules/branch-ref.js';
import { impostorCommit } from '../rules/impostor-commit.js';
import { refVersionMismatch } from '../rules/ref-version-mismatch.js';
import { stalePin } from '../rules/stale-pin.js';
import { tagMoved } from '../rules/tag-moved.js';
import { tagObjectPin } from '../rules/tag-object-pin.js';
import { unresolvedRef } from '../rules/unresolved-ref.js';
import type { Repository } from '../services/repository.js';
import { checkPins, type PinCounts } from './check.js';
import type { HistoryStore } from './history.js';
import { mapLimit } from './limit.js';
import type { MappingEntry } from './mapping.js';
import { PolicySet } from './policy.js';
import { isExternal, type PinReference } from './reference.js';
import { isTagObject, tagsOnCommit, type RemoteRefs } from './remote-refs.js';
import { ResolveFailure, unreachableMessage, type RefResolver } from './resolver.js';
import { isFullSha, versionFromComment } from './uses-ref.js';
import { mostSpecificVersion, parseVersion } from './versions.js';
import { own } from '../core/own.js';

export interface VerifyOptions {
  repo: Repository;
  config: Config;
  resolver: RefResolver;
  history: HistoryStore;
  /** The mapping file: a tag recorded on the pinned SHA that now points elsewhere has certainly moved. */
  previous?: MappingEntry[];
  jobs?: number;
}

const short = (sha: string) => sha.slice(0, 12);

type Problem = { meta: RuleMeta; message: string; confidence?: 'high'; severity?: 'low' };

async function verifyOne(r: PinReference, refs: RemoteRefs, opts: VerifyOptions): Promise<Problem[]> {
  const sha = r.uses.ref;
  const out: Problem[] = [];
  const history = () => opts.history.history(r.uses.repository, opts.resolver.urlOf(r.uses.repository));
  const tagObject = isTagObject(refs, sha);
  if (tagObject || (Object.values(refs.tags).every((t) => t.commit !== sha) && (await history()).objectType(sha) === 'tag')) {
    const commit = tagObject?.commit;
    return [
      {
        meta: tagObjectPin,
        message: `${short(sha)} is an annotated tag object${tagObject ? ` (${tagObject.name}), not its commit ${commit}` : ', not a commit'}`,
      },
    ];
  }
  const onCommit = tagsOnCommit(refs, sha);
  const versions = onCommit.filter((t) => mostSpecificVersion([t]));
  const comment = versionFromComment(r.comment?.text);
  if (comment) {
    const tag = own(refs.tags, comment);
    const recorded = opts.previous?.some((e) => e.action === r.uses.action && e.sha === sha && e.version === comment);
    if (tag && tag.commit !== sha && (recorded || versions.length === 0)) {
      // Without the mapping file, the comment is the record: it names the tag the commit was pinned
      // from. A commit of the repository's own history that no version tag carries any more, while
      // that tag names another commit, is a moved tag; a commit from nowhere is an impostor instead.
      const own = !recorded && (await history().then((h) => h.reachableFromTag(sha) || h.reachableFromBranch(sha)));
      const why = recorded
        ? 'the mapping file recorded it on the pinned commit'
        : own
          ? `the version comment names ${comment}, and the pinned commit, still in the repository's history, carries no version tag any more`
          : 'the pinned commit carries no version tag, so the tag moved or the comment is wrong';
      out.push({
        meta: tagMoved,
        message: `tag ${comment} now points at ${short(tag.commit)}, not at the pinned ${short(sha)} (${why}); review before re-pinning`,
        confidence: recorded || own ? 'high' : undefined,
      });
    } else if (!tag || tag.commit !== sha) {
      const carries = versions.length ? `the commit carries ${versions.join(', ')}` : 'no version tag points at the commit';
      out.push({
        meta: refVersionMismatch,
        message: `comment says ${comment} but ${tag ? `${comment} is ${short(tag.commit)}` : `there is no tag ${comment}`}; ${carries}`,
      });
    } else {
      // Right but floating: `# v4` will be true of the next v4.x too, so it says less than it seems.
      const exact = mostSpecificVersion(versions, comment);
      if (exact && exact !== comment && (parseVersion(exact)?.numbers.length ?? 0) > (parseVersion(comment)?.numbers.length ?? 0)) {
        out.push({ meta: refVersionMismatch, severity: 'low', message: `comment ${comment} is a floating tag; the pinned commit is ${exact}` });
      }
    }
  }
  if (onCommit.length === 0) {
    const h = await history();
    if (!h.reachableFromTag(sha) && !h.reachableFromBranch(sha))
      out.push({
        meta: impostorCommit,
        message: `${short(sha)} is reachable from no branch or tag of ${refs.url} (a fork-network or pull-request commit, or a deleted one)`,
      });
    else if (!h.reachableFromTag(sha)) out.push({ meta: stalePin, message: `${short(sha)} is only on a branch of ${refs.url}, in no release tag` });
  }
  return out;
}

function refOnPolicyProblem(ref: string, refs: RemoteRefs): Problem | undefined {
  const tag = own(refs.tags, ref);
  const head = own(refs.heads, ref);
  if (tag && head) return { meta: ambiguousRef, message: `'${ref}' (kept by a ref-pin policy) is both a branch and a tag of ${refs.url}` };
  if (head) return { meta: branchRef, message: `'${ref}' (kept by a ref-pin policy) is a branch of ${refs.url}, not a tag` };
  if (!tag && !isFullSha(ref)) return { meta: unresolvedRef, message: `'${ref}' (kept by a ref-pin policy) is not a tag of ${refs.url}` };
  return undefined;
}

/** `pin --verify`: resolves every pinned reference again and reports what the offline check cannot see. */
export async function verifyPins(opts: VerifyOptions): Promise<{ findings: Finding[]; counts: PinCounts }> {
  const { repo, config } = opts;
  const check = checkPins(repo, config);
  const policies = PolicySet.fromConfig(config);
  const pinned = check.inventory.references.filter(
    (r) => isExternal(r) && isFullSha(r.uses.ref) && policies.match(r.uses.action, r.uses.ref).policy === 'hash-pin',
  );
  // `ref-pin` keeps a ref on purpose, which is only safe while that ref is a tag.
  const onRef = check.inventory.references.filter((r) => isExternal(r) && policies.match(r.uses.action, r.uses.ref).policy === 'ref-pin');
  const repositories = [...new Set([...pinned, ...onRef].map((r) => r.uses.repository))].sort();
  const listed = new Map<string, RemoteRefs | ResolveFailure>();
  await mapLimit(repositories, opts.jobs ?? 8, async (name) => {
    listed.set(
      name,
      await opts.resolver.listRefs(name).catch((e: unknown) => {
        if (e instanceof ResolveFailure) return e;
        throw e;
      }),
    );
  });
  const unreachable = [...listed.values()].filter((v): v is ResolveFailure => v instanceof ResolveFailure && v.reason === 'unreachable');
  if (unreachable.length)
    throw new NetworkError(unreachableMessage(`--verify could not reach ${unreachable.length} action repositories`, unreachable, opts.resolver));
  const found: Finding[] = [];
  for (const r of onRef) {
    const refs = listed.get(r.uses.repository)!;
    const problem = refs instanceof ResolveFailure ? { meta: unresolvedRef, message: refs.message } : refOnPolicyProblem(r.uses.ref, refs);
    if (problem)
      found.push(
        finalize(
          { ruleId: problem.meta.id, message: `${r.uses.action}: ${problem.message}`, span: r.valueSpan },
          problem.meta,
          r.file.path,
          r.file.lines,
          config,
        ),
      );
  }
  await mapLimit(pinned, opts.jobs ?? 8, async (r) => {
    const refs = listed.get(r.uses.repository)!;
    const problems: Problem[] =
      refs instanceof ResolveFailure
        ? [{ meta: unresolvedRef, message: refs.message }]
        : await verifyOne(r, refs, opts).catch((e: unknown) => {
            if (e instanceof ResolveFailure) return [{ meta: unresolvedRef, message: e.message }];
            throw e;
          });
    for (const p of problems)
      found.push(
        finalize(
          { ruleId: p.meta.id, message: `${r.uses.action}: ${p.message}`, span: r.valueSpan, confidence: p.confidence, severity: p.severity },
          p.meta,
          r.file.path,
          r.file.lines,
          config,
        ),
      );
  });
  return { findings: sortFindings([...check.findings, ...found.filter((f) => config.rule(f.ruleId).enabled)]), counts: check.counts };
}
