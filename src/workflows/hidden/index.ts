import type { Job } from '../../sources/workflow.js';
import type { ScriptSite, WorkflowAnalysis } from '../analysis.js';
import { assess, type JobFacts } from './assess.js';
import { collect, type Collected } from './collect.js';
import type { HiddenFailure } from './types.js';

export type { HiddenFailure } from './types.js';

const cache = new WeakMap<WorkflowAnalysis, Map<ScriptSite, HiddenFailure[]>>();

/**
 * Every command of the workflow whose failure does not fail its step, judged with what the rest of
 * its job does: computed once per analysed file and shared by the rules and `explain`.
 */
export function hiddenFailures(a: WorkflowAnalysis): Map<ScriptSite, HiddenFailure[]> {
  let out = cache.get(a);
  if (out) return out;
  out = new Map();
  const byJob = new Map<Job, ScriptSite[]>();
  for (const site of a.scripts) byJob.set(site.job, [...(byJob.get(site.job) ?? []), site]);
  const lines = a.model.file.lines;
  for (const [job, sites] of byJob) {
    const collected = new Map<ScriptSite, Collected>();
    for (const site of sites) {
      // Cheap text test first: a script with none of these cannot hide a failure under errexit.
      if (site.shell.errexit && !/[|&!`]|\$\(|\bset\b|\b(ba)?sh\b|\bexport\b|\blocal\b|\bdeclare\b|\bscript\b/.test(site.value.value)) continue;
      collected.set(site, collect(site, a.scriptCache));
    }
    const facts: JobFacts = {
      job,
      loud: [...collected.values()].flatMap((c) => c.loud),
      lineOf: (site, offset) => lines.position(site.value.map.toFile(offset)).line,
    };
    for (const [site, c] of collected) {
      assess(c.hidden, facts);
      out.set(site, c.hidden);
    }
  }
  cache.set(a, out);
  return out;
}
