import type { Config } from '../config/config.js';
import { applyTextEdits } from '../core/apply-edits.js';
import { NetworkError } from '../core/errors.js';
import { finalize, sortFindings } from '../core/engine.js';
import type { Finding, TextEdit } from '../core/finding.js';
import { unpinnedAction } from '../rules/unpinned-action.js';
import { unresolvedRef } from '../rules/unresolved-ref.js';
import type { Repository } from '../services/repository.js';
import { sourceFile } from '../sources/source-file.js';
import { parseYaml } from '../sources/yaml-source.js';
import { checkPins, type PinCounts } from './check.js';
import { decide, type Decision } from './decide.js';
import type { HistoryStore } from './history.js';
import { inventory, refreshInventory, type Inventory } from './inventory.js';
import { mapLimit } from './limit.js';
import { actionMoves, type ActionMove } from './update-summary.js';
import { buildMapping } from './mapping-build.js';
import type { MappingEntry } from './mapping.js';
import type { ReleaseDates } from './release-dates.js';
import { PolicySet } from './policy.js';
import { isExternal, type PinReference } from './reference.js';
import type { RemoteRefs } from './remote-refs.js';
import { ResolveFailure, unreachableMessage, type RefResolver } from './resolver.js';
import { isFullSha, versionFromComment } from './uses-ref.js';

export interface PinOptions {
  repo: Repository;
  config: Config;
  resolver: RefResolver;
  /** Needed to expand short SHAs that are not a ref head, and for --min-age dates. */
  history?: HistoryStore;
  /** Release dates from the GitHub API; they override git tag dates for --min-age. */
  releaseDates?: ReleaseDates;
  branches: 'refuse' | 'pin';
  update?: { withinMajor: boolean; minAgeMs: number };
  /** The mapping file as it was, so re-runs keep the originally requested refs. */
  previous?: MappingEntry[];
  dryRun?: boolean;
  jobs?: number;
  now?: Date;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
}

export interface PinResult {
  changes: FileChange[];
  /** Pin-time warnings and refusals plus what the offline check still finds afterwards. */
  findings: Finding[];
  entries: MappingEntry[];
  counts: PinCounts;
  stats: { repositories: number; resolved: number; lsRemoteCalls: number; rewritten: number };
  inventory: Inventory;
  /** Per action and release, what moved to another commit (the `--update` summary). */
  moves: ActionMove[];
}

/** A reference pinning touches: an external one whose policy is hash-pin and that is not done yet. */
function needsResolution(r: PinReference, policies: PolicySet, update: boolean): boolean {
  if (!isExternal(r) || policies.match(r.uses.action, r.uses.ref).policy !== 'hash-pin') return false;
  // `# groundwork: ignore[unpinned-action] <reason>` on the line keeps the ref as the user wrote it.
  if (/groundwork:\s*ignore\[[^\]]*(unpinned-action|\*)/.test(r.comment?.text ?? '')) return false;
  return update || !isFullSha(r.uses.ref) || !versionFromComment(r.comment?.text);
}

function editsFor(r: PinReference, d: Decision): TextEdit[] {
  if (!d.sha || !r.refSpan) return [];
  const edits: TextEdit[] = [];
  if (r.uses.ref !== d.sha) edits.push({ ...r.refSpan, text: d.sha });
  if (d.comment && versionFromComment(r.comment?.text) !== d.comment) {
    // A groundwork directive in the comment is the user's; it is never overwritten.
    if (r.comment && !r.comment.text.includes('groundwork:')) edits.push({ ...r.comment.span, text: `# ${d.comment}` });
    else if (!r.comment && r.commentAt !== undefined) edits.push({ start: r.commentAt, end: r.commentAt, text: ` # ${d.comment}` });
  }
  return edits;
}

/** Pins every external reference of a repository to a verified commit with a version comment (M06). */
export async function pinRepository(opts: PinOptions): Promise<PinResult> {
  const { repo, config, resolver } = opts;
  const now = opts.now ?? new Date();
  const policies = PolicySet.fromConfig(config);
  const inv = inventory(repo, config);
  const todo = inv.references.filter((r) => needsResolution(r, policies, Boolean(opts.update)));
  const repositories = [...new Set(todo.map((r) => r.uses.repository))].sort();
  const listed = new Map<string, RemoteRefs | ResolveFailure>();
  await mapLimit(repositories, opts.jobs ?? 8, async (name) => {
    try {
      listed.set(name, await resolver.listRefs(name));
    } catch (e) {
      if (!(e instanceof ResolveFailure)) throw e;
      listed.set(name, e);
    }
  });
  const unreachable = [...listed.values()].filter((v): v is ResolveFailure => v instanceof ResolveFailure && v.reason === 'unreachable');
  if (unreachable.length > 0) {
    throw new NetworkError(
      unreachableMessage(`could not resolve ${unreachable.length} of ${repositories.length} action repositories (nothing was written)`, unreachable, resolver),
    );
  }

  const notes: Finding[] = [];
  const edits = new Map<string, TextEdit[]>();
  const decided = new Map<PinReference, { decision: Decision; refs: RemoteRefs }>();
  await mapLimit(todo, opts.jobs ?? 8, async (r) => {
    const refs = listed.get(r.uses.repository)!;
    const note = (meta: typeof unresolvedRef, message: string, severity?: Finding['severity']) =>
      notes.push(finalize({ ruleId: meta.id, message: `${r.uses.action}: ${message}`, span: r.valueSpan, severity }, meta, r.file.path, r.file.lines, config));
    if (refs instanceof ResolveFailure) return note(unresolvedRef, refs.message);
    const history = opts.history ? () => opts.history!.history(r.uses.repository, resolver.urlOf(r.uses.repository)) : undefined;
    const dates = async () => {
      const fromGit = history ? (await history()).tagDates : new Map<string, number>();
      const fromApi = opts.releaseDates ? await opts.releaseDates.datesFor(r.uses.repository) : undefined;
      return fromApi ? new Map([...fromGit, ...fromApi]) : fromGit;
    };
    const update = opts.update ? { ...opts.update, now: now.getTime(), dates } : undefined;
    const branches = policies.match(r.uses.action, r.uses.ref).rule?.branches ?? opts.branches;
    const decision = await decide({ ref: r.uses.ref, comment: r.comment?.text, refs, history, branches, update });
    decided.set(r, { decision, refs });
    if (decision.note) note(decision.note.meta, decision.note.message, decision.note.severity);
    const e = editsFor(r, decision);
    if (e.length) edits.set(r.file.path, [...(edits.get(r.file.path) ?? []), ...e]);
    if (decision.sha && !r.refSpan)
      note(unpinnedAction, `resolves to ${decision.sha} but cannot be rewritten in place (escaped or block YAML scalar); pin it by hand`, 'medium');
  });

  const changes: FileChange[] = [];
  for (const [path, list] of [...edits].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const before = inv.references.find((r) => r.file.path === path)!.file.text;
    const after = applyTextEdits(before, list);
    const broken = path.endsWith('.j2') ? 0 : parseYaml(sourceFile(path, after)).problems.length;
    if (broken > 0 && broken > parseYaml(sourceFile(path, before)).problems.length) {
      throw new Error(`pinning ${path} would break its YAML; nothing was written`);
    }
    if (after !== before) changes.push({ path, before, after });
  }
  if (!opts.dryRun) for (const c of changes) repo.writeAtomic(c.path, c.after);
  for (const c of changes) repo.setOverlay(c.path, c.after);

  const check = checkPins(repo, config, refreshInventory(inv, repo, config, new Set(changes.map((c) => c.path))));
  const noted = new Set(notes.map((n) => `${n.file}:${n.line}`));
  const findings = sortFindings([...notes, ...check.findings.filter((f) => !noted.has(`${f.file}:${f.line}`))]);
  const entries = buildMapping(check.inventory.references, policies, inv.references, decided, opts.previous ?? []);
  return {
    changes,
    findings,
    entries,
    counts: check.counts,
    stats: {
      repositories: repositories.length,
      resolved: listed.size,
      lsRemoteCalls: resolver.calls,
      rewritten: [...edits.values()].reduce((n, l) => n + l.length, 0),
    },
    inventory: check.inventory,
    moves: actionMoves(decided),
  };
}
