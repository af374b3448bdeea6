import type { Document } from 'yaml';
import type { Job } from '../../sources/workflow.js';
import type { ScriptSite } from '../analysis.js';
import { disjointLegs, rowsWhereStepRuns, rowsWhereStepRunsOnAnyRunner } from '../runner-os.js';
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
  if (complementary(site.step.if?.value, other.step.if?.value)) return false;
  if (!doc) return true;
  let hidden = rowsWhereStepRuns(doc, job, site.step);
  let loud = hidden ? rowsWhereStepRuns(doc, job, other.step) : undefined;
  // Runners not known row by row (`runs-on: ${{ inputs.runner }}`): the rows still are.
  if (!hidden || !loud) [hidden, loud] = [rowsWhereStepRunsOnAnyRunner(doc, job, site.step), rowsWhereStepRunsOnAnyRunner(doc, job, other.step)];
  if (!hidden || !loud) return true;
  const covered = new Set(loud);
  return hidden.every((row) => covered.has(row));
}

/**
 * Two conditions that are never true together, read from their text where the rows are not known
 * (`matrix.db == 'oracledb'` beside `matrix.db != 'oracledb'`, `cond` beside `!cond`).
 */
function complementary(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const body = (c: string) =>
    c
      .trim()
      .replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1')
      .replace(/\s+/g, ' ');
  const [x, y] = [body(a), body(b)];
  const negated = (p: string, q: string) => p === `!${q}` || p === `!(${q})` || p.replace(' == ', ' != ') === q;
  return negated(x, y) || negated(y, x);
}

/**
 * A linter finds the same on every runner: a lint that pwsh hides on a step's Windows legs, which the
 * same step runs under bash -e on its other legs, surfaces there.
 */
export function lintedOnOtherLegs(h: HiddenFailure, loud: readonly { site: ScriptSite }[] | undefined): string | undefined {
  // (`git diff --exit-code go.mod go.sum` after `go mod tidy` compares files of the tree: no runner's.)
  const treeDiff = h.words[0] === 'git' && h.words.includes('diff') && h.words.some((w) => w === '--exit-code' || w === '--quiet');
  if (!h.site.windows || (h.role.role !== 'lint' && !treeDiff)) return undefined;
  return loud?.some((l) => l.site.step === h.site.step && !l.site.windows)
    ? `the same step runs it under bash -e on its other legs, and what ${treeDiff ? 'a diff of the tree' : 'a linter'} finds does not depend on the runner`
    : undefined;
}
