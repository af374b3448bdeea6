/**
 * The program ledger (`refactor/plan.yml`): the milestones of a refactoring program and what their
 * source document claimed about them. Plan lint, scheduling, status and REFACTOR.md all read this
 * one model; `plan import` writes it from the seed's markdown.
 */

/** How a milestone proves it is done. */
export type Verification =
  /** A shell command run at the repository root; done when it exits with `expect`. */
  | { kind: 'command'; run: string; expect: number; stated?: string }
  /** `groundwork verify <id>`: the milestone's recipe knows how to check it. */
  | { kind: 'recipe'; stated?: string }
  /** Cannot be computed (a branch-protection change, a CI run): needs an attestation. */
  | { kind: 'manual'; stated: string };

/** Who vouches for a step groundwork cannot compute, when, and why. */
export interface Attestation {
  status: 'done';
  by: string;
  at: string;
  why: string;
}

/** Code the source document shows for a file, kept so a verification can be judged before the file exists. */
export interface Sketch {
  path: string;
  line: number;
  text: string;
}

export interface Milestone {
  id: string;
  title: string;
  aliases: string[];
  /** P0 (critical) … P2; free text in the seed is normalised to the Pn token. */
  priority?: string;
  effort?: number;
  blockers: string[];
  /** "can start immediately, or after M04": an ordering preference, not a requirement. */
  soft: string[];
  /** Paths that must exist when the milestone is done. */
  deliverables: string[];
  /** Deliverables that are not files (CI settings, branch protection): attested, not computed. */
  manual: string[];
  verification?: Verification;
  rollback?: string;
  /** The source's "Next:" hints. */
  next: string[];
  attestation?: Attestation;
  /**
   * Why the milestone does not apply to this repository (its target does not exist, or `plan import
   * --skip` left it out). It stays in the ledger so the plan's references still resolve, but it is
   * neither scheduled nor counted.
   */
  notApplicable?: string;
  sketches?: Sketch[];
  /** Lines of the source document, for findings: section, blockers, verification, table row… */
  lines: Record<string, number>;
  /** What the summary table said, to cross-check the section. */
  table?: { priority?: string; effort?: number; blockers: string[]; line: number };
}

/** A statement of the source document that the plan lint checks against the milestones. */
export interface ParallelClaim {
  ids: string[];
  line: number;
  text: string;
}

export interface SequenceClaim {
  ids: string[];
  /** Days, 1-based inclusive. */
  from: number;
  to: number;
  line: number;
}

export interface Claims {
  totalHours?: { value: number; line: number };
  parallel: ParallelClaim[];
  /** First line on which each milestone id is mentioned. */
  references: { id: string; line: number }[];
  sequence: SequenceClaim[];
  /** "Start with M01": pinned to start at hour 0. */
  start: { id: string; line: number }[];
}

export interface Ledger {
  format: number;
  title: string;
  /** The document the ledger was imported from, as given to `plan import`. */
  source?: string;
  baseline?: string;
  milestones: Milestone[];
  claims: Claims;
}

export const LEDGER_FORMAT = 1;
export const DEFAULT_LEDGER_PATH = 'refactor/plan.yml';

export function emptyClaims(): Claims {
  return { parallel: [], references: [], sequence: [], start: [] };
}

export function milestoneById(ledger: Ledger, id: string): Milestone | undefined {
  return ledger.milestones.find((m) => m.id === id);
}

/** Resolves an id, a title or an alias ("Action 5", "Add actionlint") to a milestone id. */
export function resolveMilestoneId(ledger: Ledger, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  for (const m of ledger.milestones) {
    if ([m.id, m.title, ...m.aliases].some((a) => a.toLowerCase() === wanted)) return m.id;
  }
  return undefined;
}

/** The milestones that apply to the repository: what is scheduled and counted. */
export function applicableLedger(ledger: Ledger): Ledger {
  const out = new Set(ledger.milestones.filter((m) => m.notApplicable !== undefined).map((m) => m.id));
  if (out.size === 0) return ledger;
  // A blocker that does not apply here is nothing to wait for.
  const keep = (ids: string[]) => ids.filter((id) => !out.has(id));
  return { ...ledger, milestones: ledger.milestones.filter((m) => !out.has(m.id)).map((m) => ({ ...m, blockers: keep(m.blockers), soft: keep(m.soft) })) };
}

export function totalEffort(ledger: Ledger): number {
  return ledger.milestones.reduce((sum, m) => sum + (m.effort ?? 0), 0);
}
