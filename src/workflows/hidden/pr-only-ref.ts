import { envText } from '../../sources/workflow.js';
import { againstRef } from '../roles/command-kinds.js';
import type { JobFacts } from './job-facts.js';
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
      const value = facts.doc ? envText(facts.doc, [h.site.step?.map, h.site.job.map, facts.doc.contents], ref[1]!) : undefined;
      // `${{ github.base_ref || 'main' }}` has a value on every event.
      const ctx = value && !/\|\|/.test(value) ? PR_ONLY.exec(value)?.[0] : undefined;
      if (ctx) return `$${ref[1]} (\`${ctx}\`) is empty on ${others[0]}, which also runs the workflow`;
    }
  }
  return undefined;
}
