import type { Document } from 'yaml';
import type { Job } from '../../sources/workflow.js';
import type { ScriptSite } from '../analysis.js';
import { disjointLegs, rowsWhereStepRuns } from '../runner-os.js';
import type { HiddenFailure } from './types.js';

/**
 * Whether a command run at `other` can catch what `site` hides: the same site, or another step that
 * runs on the same legs. The Linux run of a step does not catch what its Windows run hides, and a step
 * with `if: runner.os != 'Windows'` does not catch a Windows-only step's failure. Nor does a step whose
 * `if:` leaves out matrix legs the other runs on (`if: matrix.db != 'oracledb'` beside the masked
 * `if: matrix.db == 'oracledb'` run): it must run on every leg where the failure is hidden.
 */
export function onSameLegs(site: ScriptSite, other: ScriptSite, job: Job, doc?: Document): boolean {
  if (other === site) return true;
  if (other.step === site.step) return false;
  if (Boolean(other.windows) !== Boolean(site.windows) && other.shell.source === 'runner default') return false;
  if (!other.step || !site.step) return true;
  if (disjointLegs(job, other.step, site.step, doc)) return false;
  const hidden = doc ? rowsWhereStepRuns(doc, job, site.step) : undefined;
  const loud = hidden && doc ? rowsWhereStepRuns(doc, job, other.step) : undefined;
  if (!hidden || !loud) return true;
  const covered = new Set(loud);
  return hidden.every((row) => covered.has(row));
}

/**
 * A linter finds the same on every runner: a lint that pwsh hides on a step's Windows legs, which the
 * same step runs under bash -e on its other legs, surfaces there.
 */
export function lintedOnOtherLegs(h: HiddenFailure, loud: readonly { site: ScriptSite }[] | undefined): string | undefined {
  if (!h.site.windows || h.role.role !== 'lint') return undefined;
  return loud?.some((l) => l.site.step === h.site.step && !l.site.windows)
    ? 'the same step runs it under bash -e on its other legs, and what a linter finds does not depend on the runner'
    : undefined;
}
