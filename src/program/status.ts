import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Attestation, Ledger, Milestone } from './ledger.js';
import { runShell } from './run-command.js';
import { analyseVerification, type VerificationFlaw } from './verification-analysis.js';

export type StatusName = 'done' | 'attested' | 'not-done' | 'needs-attestation' | 'flagged' | 'unknown';

export interface VerificationRun {
  /** What ran: the command, or `groundwork verify MXX`. */
  what: string;
  passed: boolean;
  detail: string;
}

export interface MilestoneStatus {
  id: string;
  title: string;
  effort?: number;
  status: StatusName;
  deliverables: { path: string; exists: boolean }[];
  now?: VerificationRun;
  /** The same verification at the baseline commit (with --baseline). */
  baseline?: VerificationRun;
  flaws: VerificationFlaw[];
  manual: string[];
  attestation?: Attestation;
  /** One line saying why the milestone has this status. */
  reason: string;
}

/** A recipe's verification run in `dir`; undefined when the milestone has no recipe. */
export type RecipeVerifier = (id: string, dir: string) => Promise<{ passed: boolean; detail: string } | undefined>;

export interface StatusOptions {
  root: string;
  verifyRecipe?: RecipeVerifier;
  /** Runs `body` in a checkout of the baseline; given when --baseline was asked for. */
  atBaseline?: <T>(body: (dir: string) => Promise<T>) => Promise<T>;
  timeoutMs?: number;
  /** The environment verification commands run with (the user's). */
  env?: Record<string, string | undefined>;
}

/**
 * A milestone is done only when its deliverables exist and its verification passes now; with a
 * baseline it must also have failed there. A verification that cannot fail is flagged and never
 * counted; steps that cannot be computed show as attested (or as needing an attestation).
 */
export async function computeStatus(ledger: Ledger, opts: StatusOptions): Promise<MilestoneStatus[]> {
  const out: MilestoneStatus[] = [];
  for (const m of ledger.milestones) out.push(await statusOf(m, opts));
  return out;
}

async function statusOf(m: Milestone, opts: StatusOptions): Promise<MilestoneStatus> {
  const deliverables = m.deliverables.map((path) => ({ path, exists: existsSync(join(opts.root, path)) }));
  const read = (path: string) => readIfFile(join(opts.root, path));
  const flaws = analyseVerification(m, read).filter((f) => m.verification?.kind === 'command');
  const base: MilestoneStatus = { id: m.id, title: m.title, effort: m.effort, status: 'unknown', deliverables, flaws, manual: m.manual, attestation: m.attestation, reason: '' };
  const missing = deliverables.filter((d) => !d.exists).map((d) => d.path);
  const v = m.verification;
  if (!v || v.kind === 'manual') {
    if (m.attestation) return { ...base, status: 'attested', reason: `attested by ${m.attestation.by} on ${m.attestation.at}: ${m.attestation.why}` };
    if (missing.length) return { ...base, status: 'not-done', reason: `missing ${missing.join(', ')}` };
    return { ...base, status: 'needs-attestation', reason: v ? `cannot be computed: ${v.stated}` : 'no verification' };
  }
  const now = await runVerification(m, opts.root, opts);
  if (!now) return { ...base, status: 'unknown', reason: `no recipe verifies ${m.id}` };
  if (flaws.length) return { ...base, now, status: 'flagged', reason: `not counted: the verification ${flaws.map((f) => (f.kind === 'inverted' ? 'inverts its exit code' : 'cannot fail')).join(' and ')} (see the finding)` };
  if (!now.passed) return { ...base, now, status: 'not-done', reason: missing.length ? `missing ${missing.join(', ')}; verification fails` : `verification fails: ${now.detail}` };
  if (missing.length) return { ...base, now, status: 'not-done', reason: `verification passes but ${missing.join(', ')} missing` };
  let baseline: VerificationRun | undefined;
  if (opts.atBaseline) {
    const before: VerificationRun = await opts.atBaseline(async (dir) => (await runVerification(m, dir, opts)) ?? { what: '', passed: false, detail: 'no recipe' });
    baseline = before;
    if (before.passed) {
      return { ...base, now, baseline: before, status: 'flagged', flaws: [...flaws, { kind: 'cannot-fail', reason: 'the verification already passed at the baseline, so passing now proves nothing', confidence: 'high' }], reason: 'not counted: passes before and after the change' };
    }
  }
  if (m.manual.length && !m.attestation) return { ...base, now, baseline, status: 'needs-attestation', reason: `computed part passes; needs an attestation for: ${m.manual.join('; ')}` };
  return { ...base, now, baseline, status: m.manual.length ? 'attested' : 'done', reason: baseline ? 'fails at the baseline, passes now' : 'verification passes, deliverables exist' };
}

async function runVerification(m: Milestone, dir: string, opts: StatusOptions): Promise<VerificationRun | undefined> {
  const v = m.verification!;
  if (v.kind === 'command') {
    // The repository root is on PYTHONPATH, as in a development install, so a test module can import the package it tests.
    const env = opts.env ?? {};
    const r = await runShell(v.run, dir, opts.timeoutMs ?? 120_000, { ...env, PYTHONPATH: [dir, env.PYTHONPATH].filter(Boolean).join(':') });
    if (r.exit === 127 && v.expect !== 127) {
      // The tool is not installed here (pre-commit, a compiler): the recipe's offline check stands in.
      const fallback = await opts.verifyRecipe?.(m.id, dir);
      if (fallback) return { what: `groundwork verify ${m.id} (\`${v.run}\` cannot run here: ${r.tail.split('\n').pop()})`, passed: fallback.passed, detail: fallback.detail };
    }
    const detail = r.exit === 127 ? `command not found (exit 127): ${r.tail}` : r.timedOut ? 'timed out' : `exit ${r.exit}, expected ${v.expect}`;
    return { what: v.run, passed: r.exit === v.expect && !r.timedOut, detail };
  }
  if (v.kind === 'recipe') {
    const r = await opts.verifyRecipe?.(m.id, dir);
    return r ? { what: `groundwork verify ${m.id}`, passed: r.passed, detail: r.detail } : undefined;
  }
  return undefined;
}

function readIfFile(abs: string): string | undefined {
  try {
    return statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Counted progress: flagged and unknown milestones count as not done. */
export function progress(statuses: MilestoneStatus[]): { done: number; total: number; hoursDone: number; hoursTotal: number } {
  const counted = statuses.filter((s) => s.status === 'done' || s.status === 'attested');
  return {
    done: counted.length,
    total: statuses.length,
    hoursDone: counted.reduce((n, s) => n + (s.effort ?? 0), 0),
    hoursTotal: statuses.reduce((n, s) => n + (s.effort ?? 0), 0),
  };
}
