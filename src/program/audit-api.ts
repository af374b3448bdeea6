import type { Config } from '../config/config.js';
import type { Finding } from '../core/finding.js';
import { checkPrecommitConfig } from '../precommit/validate.js';
import type { Repository } from '../services/repository.js';
import { sourceFile } from '../sources/source-file.js';
import { ganttSvg } from './gantt.js';
import type { Ledger } from './ledger.js';
import { checkPlan } from './plan-check.js';
import { compareRatchet, DEFAULT_RATCHET_PATH, parseBaseline, ratchetFindings, type RatchetChange } from './ratchet.js';
import { schedulePlan, type Schedule } from './schedule.js';
import { planFlawFindings, splitSourceFlaws } from './status-findings.js';
import { computeStatus, progress, type MilestoneStatus, type RecipeVerifier } from './status.js';
import { ledgerPath as resolveLedgerPath, sourceDisplay, sourceLinesOf } from './workspace.js';
import { parseLedger } from './ledger-file.js';

/**
 * What `groundwork audit` reads from the program engine, without going through the command line.
 * Every function is offline; `programStatus` runs recipe verifications in-process and the ledger's
 * commands only with `runCommands`.
 */

export interface ProgramStatus {
  ledgerPath: string;
  ledger: Ledger;
  statuses: MilestoneStatus[];
  progress: ReturnType<typeof progress>;
  /** The repository's own plan findings: counted by the audit (a hand-written ledger's flaws, a verification green at the baseline). */
  findings: Finding[];
  /**
   * The flaws of the document the ledger was imported from (the seed): `plan check` reports them;
   * they are not the repository's, so the audit names their number without counting them.
   */
  sourceFlaws: Finding[];
}

/** The ledger's milestones with computed status; undefined when the repository has no ledger. */
export async function programStatus(
  repo: Repository,
  config: Config,
  opts: { verifyRecipe?: RecipeVerifier; env?: Record<string, string | undefined>; ledgerPath?: string; runCommands?: boolean } = {},
): Promise<ProgramStatus | undefined> {
  const path = opts.ledgerPath ?? resolveLedgerPath(repo, repo.root, undefined, config.section<{ ledger: string }>('plan').ledger);
  const text = repo.readIfPresent(path);
  if (text === undefined) return undefined;
  const ledger = parseLedger(text, path);
  const statuses = await computeStatus(ledger, { root: repo.root, verifyRecipe: opts.verifyRecipe, env: opts.env, runCommands: opts.runCommands });
  const lines = sourceLinesOf(repo, path, ledger);
  const file = sourceDisplay(repo, path, ledger);
  const read = (p: string) => {
    const r = repo.read(p);
    return r.ok ? r.file.text : undefined;
  };
  // The lint already reports statically flawed verifications; status adds only what running found.
  const lint = checkPlan({ ledger, file, sourceLines: lines, read });
  const ran = planFlawFindings(ledger, statuses, file, lines).filter((f) => !lint.some((l) => l.ruleId === f.ruleId && l.line === f.line));
  const { own, source } = splitSourceFlaws([...lint, ...ran], path);
  return { ledgerPath: path, ledger, statuses, progress: progress(statuses), findings: own, sourceFlaws: source };
}

/** The schedule for `people` and its Gantt chart. */
export function programSchedule(ledger: Ledger, people = 2): { schedule: Schedule; svg: string } {
  const schedule = schedulePlan(ledger, { people });
  return { schedule, svg: ganttSvg(schedule, ledger.title) };
}

/** Findings of `.pre-commit-config.yaml` when the repository has one. */
export function precommitFindings(repo: Repository, path = '.pre-commit-config.yaml'): Finding[] {
  const r = repo.read(path);
  return r.ok ? checkPrecommitConfig(sourceFile(path, r.file.text)) : [];
}

export interface RatchetResult {
  baselinePath: string;
  /** False when no baseline is committed: nothing to compare, no findings. */
  present: boolean;
  rises: RatchetChange[];
  falls: RatchetChange[];
  findings: Finding[];
}

/** `ratchet --check` on findings already collected (collectAllFindings). Throws InputError on a newer format. */
export function ratchetCheck(repo: Repository, config: Config, findings: Finding[], path?: string): RatchetResult {
  const baselinePath = path ?? config.section<{ ratchet: string }>('plan').ratchet ?? DEFAULT_RATCHET_PATH;
  const text = repo.readIfPresent(baselinePath);
  if (text === undefined) return { baselinePath, present: false, rises: [], falls: [], findings: [] };
  const diff = compareRatchet(parseBaseline(text, baselinePath), findings);
  return { baselinePath, present: true, ...diff, findings: ratchetFindings(diff, baselinePath) };
}
