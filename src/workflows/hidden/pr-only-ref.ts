import { isScalar } from 'yaml';
import { deref, valueOf } from '../../sources/yaml-source.js';
import { againstRef } from '../roles/command-kinds.js';
import type { JobFacts } from './assess.js';
import type { HiddenFailure } from './types.js';

/** Contexts set only for pull_request and pull_request_target events (GitHub's contexts reference). */
const PR_ONLY = /\bgithub\.(base_ref|head_ref|event\.pull_request\.[\w.]+)/;

/**
 * `git diff --name-only origin/"$BASE_REF"` with `BASE_REF: ${{ github.event.pull_request.base.ref }}`
 * in a workflow that also runs on push: there the ref is empty, git fails (`origin/` is no revision)
 * and prints nothing, on every such run. Returns why, or undefined. Not for a job or step whose `if:`
 * asks for the event (it runs only on pull requests), nor in a reusable workflow (its caller's event).
 */
export function emptyRefOnSomeEvents(h: HiddenFailure, facts: JobFacts): string | undefined {
  const events = facts.events;
  if (!events || events.includes('workflow_call') || !againstRef(h.words)) return undefined;
  const others = events.filter((e) => !/^pull_request(_target)?$/.test(e));
  if (others.length === 0 || others.length === events.length) return undefined;
  if ([h.site.job.if?.value, h.site.step?.if?.value].some((c) => c && /pull_request|event_name|base_ref|head_ref/.test(c))) return undefined;
  for (const w of h.words.slice(1)) {
    const direct = /\|\|/.test(w) ? undefined : PR_ONLY.exec(w)?.[0];
    if (direct) return `\`${direct}\` is empty on ${others[0]}, which also runs the workflow`;
    for (const ref of w.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)) {
      const value = envValue(facts, h, ref[1]!);
      // `${{ github.base_ref || 'main' }}` has a value on every event.
      const ctx = value && !/\|\|/.test(value) ? PR_ONLY.exec(value)?.[0] : undefined;
      if (ctx) return `$${ref[1]} (\`${ctx}\`) is empty on ${others[0]}, which also runs the workflow`;
    }
  }
  return undefined;
}

/** The text of `env.NAME` for the step: the step's, else the job's, else the workflow's. */
function envValue(facts: JobFacts, h: HiddenFailure, name: string): string | undefined {
  const doc = facts.doc;
  if (!doc) return undefined;
  for (const owner of [h.site.step?.map, h.site.job.map, doc.contents]) {
    if (!owner) continue;
    const v = deref(doc, valueOf(doc, valueOf(doc, owner, 'env'), name));
    if (isScalar(v) && typeof v.value === 'string') return v.value;
  }
  return undefined;
}
