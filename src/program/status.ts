import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Attestation, Ledger, Milestone } from './ledger.js';
import { runShell } from './run-command.js';
import { analyseVerification, type VerificationFlaw } from './verification-analysis.js';

export type StatusName = 'done' | 'attested' | 'not-done' | 'needs-attestation' | 'not-run' | 'flagged' | 'unknown' | 'not-applicable';

/** One check of a verification; `notRun` says what it needs when it was skipped (then it did not pass). */
export interface CheckOutcome {
  name: string;
  passed: boolean;
  detail?: string;
  notRun?: string;
}

/** What a recipe's verification found (the shape of a recipe's VerifyResult). */
export interface RecipeVerdict {
  passed: boolean;
  checks: CheckOutcome[];
  manual: string[];
}

/** A recipe's verification run in `dir`; undefined when the milestone has no recipe. */
export type RecipeVerifier = (id: string, dir: string) => Promise<RecipeVerdict | undefined>;

export const NEEDS_RUN = 'not run (needs --run-verifications)';

export interface VerificationRun {
  /** What ran: the command, or `groundwork verify MXX`. */
  what: string;
  passed: boolean;
  detail: string;
  checks: CheckOutcome[];
  /** Steps of the recipe only a person can confirm (shown by `verify MXX`). */
  manual?: string[];
  /** Why the recipe's verification stands in for the ledger's command. */
  standIn?: string;
}

export interface MilestoneStatus {
  id: string;
  title: string;
  effort?: number;
  status: StatusName;
  /** `exists` is false for an empty file too: an empty deliverable delivers nothing. */
  deliverables: { path: string; exists: boolean; empty?: boolean }[];
  now?: VerificationRun;
  /** The same verification at the baseline commit (with --baseline). */
  baseline?: VerificationRun;
  flaws: VerificationFlaw[];
  manual: string[];
  attestation?: Attestation;
  /** One line saying why the milestone has this status. */
  reason: string;
}

export interface StatusOptions {
  root: string;
  verifyRecipe?: RecipeVerifier;
  /** Runs `body` in a checkout of the baseline; given when --baseline was asked for. */
  atBaseline?: <T>(body: (dir: string) => Promise<T>) => Promise<T>;
  timeoutMs?: number;
  /** The environment verification commands run with (the user's). */
  env?: Record<string, string | undefined>;
  /**
   * Run the ledger's commands (`--run-verifications`). Off by default: a command is the
   * repository's code, which a status must never run unasked; the recipe's checks stand in.
   */
  runCommands?: boolean;
}

/**
 * A milestone is done only when its deliverables exist and its verification passes now; with a
 * baseline it must also have failed there. A verification that cannot fail is flagged and never
 * counted, unless the recipe's own verification can stand in; steps that cannot be computed show as
 * attested (or as needing an attestation); checks that were not allowed to run leave it not run.
 */
export async function computeStatus(ledger: Ledger, opts: StatusOptions): Promise<MilestoneStatus[]> {
  const out: MilestoneStatus[] = [];
  for (const m of ledger.milestones) out.push(await milestoneStatus(m, opts));
  return out;
}

/** The status of one milestone: `plan status` computes every row with it and `verify MXX` its own. */
export async function milestoneStatus(m: Milestone, opts: StatusOptions): Promise<MilestoneStatus> {
  const deliverables = m.deliverables.map((path) => deliverableState(opts.root, path));
  const read = (path: string) => readIfFile(join(opts.root, path));
  const base: MilestoneStatus = {
    id: m.id,
    title: m.title,
    effort: m.effort,
    status: 'unknown',
    deliverables,
    flaws: [],
    manual: m.manual,
    attestation: m.attestation,
    reason: '',
  };
  if (m.notApplicable !== undefined) return { ...base, status: 'not-applicable', reason: `not applicable: ${m.notApplicable}` };
  const flaws = m.verification?.kind === 'command' ? analyseVerification(m, read) : [];
  base.flaws = flaws;
  const missing = deliverables.filter((d) => !d.exists).map((d) => (d.empty ? `${d.path} (empty)` : d.path));
  const v = m.verification;
  if (!v || v.kind === 'manual') {
    if (m.attestation) return { ...base, status: 'attested', reason: `attested by ${m.attestation.by} on ${m.attestation.at}: ${m.attestation.why}` };
    if (missing.length) return { ...base, status: 'not-done', reason: `missing ${missing.join(', ')}` };
    return { ...base, status: 'needs-attestation', reason: v ? `cannot be computed: ${v.stated}` : 'no verification' };
  }
  const now = await runVerification(m, opts.root, opts, flaws);
  if (!now) return { ...base, status: 'unknown', reason: `no recipe verifies ${m.id}` };
  const via = now.standIn ? `${now.standIn}; ` : '';
  if (flaws.length && !now.standIn) return { ...base, now, status: 'flagged', reason: `not counted: the verification ${flawText(flaws)} (see the finding)` };
  const skipped = now.checks.filter((c) => c.notRun);
  if (!now.passed && skipped.length && now.checks.every((c) => c.passed || c.notRun)) {
    return {
      ...base,
      now,
      status: 'not-run',
      reason: `${via}not verified: ${skipped.map((c) => `${c.name}: ${c.notRun}`).join('; ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
    };
  }
  if (!now.passed)
    return {
      ...base,
      now,
      status: 'not-done',
      reason: `${via}${missing.length ? `missing ${missing.join(', ')}; verification fails` : `verification fails: ${now.detail}`}`,
    };
  if (missing.length) return { ...base, now, status: 'not-done', reason: `${via}verification passes but ${missing.join(', ')} missing` };
  let baseline: VerificationRun | undefined;
  if (opts.atBaseline) {
    const before: VerificationRun = await opts.atBaseline(
      async (dir) => (await runVerification(m, dir, opts, flaws)) ?? { what: '', passed: false, detail: 'no recipe', checks: [] },
    );
    baseline = before;
    if (before.passed) {
      return {
        ...base,
        now,
        baseline: before,
        status: 'flagged',
        flaws: [
          ...flaws,
          { kind: 'cannot-fail', reason: 'the verification already passed at the baseline, so passing now proves nothing', confidence: 'high' },
        ],
        reason: 'not counted: passes before and after the change',
      };
    }
  }
  if (m.manual.length && !m.attestation)
    return { ...base, now, baseline, status: 'needs-attestation', reason: `${via}computed part passes; needs an attestation for: ${m.manual.join('; ')}` };
  return {
    ...base,
    now,
    baseline,
    status: m.manual.length ? 'attested' : 'done',
    reason: `${via}${baseline ? 'fails at the baseline, passes now' : 'verification passes, deliverables exist'}`,
  };
}

function flawText(flaws: readonly VerificationFlaw[]): string {
  return flaws.map((f) => (f.kind === 'inverted' ? 'inverts its exit code' : 'cannot fail')).join(' and ');
}

/** The recipe's verification as a run, standing in for the ledger's command when `standIn` says why. */
async function recipeRun(m: Milestone, dir: string, opts: StatusOptions, standIn?: string): Promise<VerificationRun | undefined> {
  const r = await opts.verifyRecipe?.(m.id, dir);
  if (!r) return undefined;
  const failed = r.checks.filter((c) => !c.passed);
  const detail = failed.length ? failed.map((c) => `${c.name} (${c.notRun ?? c.detail ?? 'fails'})`).join('; ') : r.checks.map((c) => c.name).join('; ');
  return { what: `groundwork verify ${m.id}`, passed: r.passed, detail, checks: r.checks, manual: r.manual, standIn };
}

/**
 * The one verification path. A recipe verification runs in-process (groundwork's own checks). A
 * ledger command runs only with `runCommands`; otherwise — and always when the command cannot prove
 * the work — the recipe's verification stands in, saying why, or the command is reported not run.
 */
async function runVerification(m: Milestone, dir: string, opts: StatusOptions, flaws: readonly VerificationFlaw[]): Promise<VerificationRun | undefined> {
  const v = m.verification!;
  if (v.kind === 'recipe') return recipeRun(m, dir, opts);
  if (v.kind !== 'command') return undefined;
  const check = `\`${v.run}\` exits ${v.expect}`;
  if (flaws.length)
    return (
      (await recipeRun(m, dir, opts, `the ledger's \`${v.run}\` ${flawText(flaws)}, so groundwork verify ${m.id} stands in`)) ??
      notRunCommand(v.run, check, opts)
    );
  if (!opts.runCommands)
    return (await recipeRun(m, dir, opts, `\`${v.run}\` ${NEEDS_RUN}; groundwork verify ${m.id} stands in`)) ?? notRunCommand(v.run, check, opts);
  // The repository root is on PYTHONPATH, as in a development install, so a test module can import the package it tests.
  const env = opts.env ?? {};
  const r = await runShell(v.run, dir, opts.timeoutMs ?? 120_000, { ...env, PYTHONPATH: [dir, env.PYTHONPATH].filter(Boolean).join(':') });
  if (r.exit === 127 && v.expect !== 127) {
    // The tool is not installed here (pre-commit, a compiler): the recipe's offline check stands in.
    const fallback = await recipeRun(m, dir, opts, `\`${v.run}\` cannot run here (${r.tail.split('\n').pop()}), so groundwork verify ${m.id} stands in`);
    if (fallback) return fallback;
  }
  const detail = r.exit === 127 ? `command not found (exit 127): ${r.tail}` : r.timedOut ? 'timed out' : `exit ${r.exit}, expected ${v.expect}`;
  const passed = r.exit === v.expect && !r.timedOut;
  return { what: v.run, passed, detail, checks: [{ name: check, passed, detail }] };
}

function notRunCommand(run: string, check: string, opts: StatusOptions): VerificationRun {
  const why = opts.runCommands ? 'not run: the command cannot prove the work' : NEEDS_RUN;
  return { what: run, passed: false, detail: why, checks: [{ name: check, passed: false, notRun: why }] };
}

/** A deliverable counts only when it has content: an empty file (or one of blank lines) delivers nothing. */
function deliverableState(root: string, path: string): { path: string; exists: boolean; empty?: boolean } {
  const abs = join(root, path);
  if (!existsSync(abs)) return { path, exists: false };
  try {
    const st = statSync(abs);
    if (!st.isFile()) return { path, exists: true };
    // Only small files are read to see whether they are blank; a large file is not empty.
    const empty = st.size === 0 || (st.size < 4096 && readFileSync(abs, 'utf8').trim() === '');
    return empty ? { path, exists: false, empty: true } : { path, exists: true };
  } catch {
    return { path, exists: true };
  }
}

function readIfFile(abs: string): string | undefined {
  try {
    return statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Counted progress: flagged and unknown milestones count as not done; those that do not apply are not counted at all. */
export function progress(all: MilestoneStatus[]): { done: number; total: number; hoursDone: number; hoursTotal: number } {
  const statuses = all.filter((s) => s.status !== 'not-applicable');
  const counted = statuses.filter((s) => s.status === 'done' || s.status === 'attested');
  return {
    done: counted.length,
    total: statuses.length,
    hoursDone: counted.reduce((n, s) => n + (s.effort ?? 0), 0),
    hoursTotal: statuses.reduce((n, s) => n + (s.effort ?? 0), 0),
  };
}
