import type { Span } from '../core/finding.js';
import type { ScriptSite } from './analysis.js';

/** File span of a range of a script, through the scalar's offset map. */
export function scriptSpan(site: ScriptSite, start: number, end: number): Span {
  const map = site.value.map;
  const s = map.toFile(start);
  const e = map.toFile(end);
  return { start: s, end: Math.max(s, e) };
}

/** `step "Run tests"` / `the script input of job build`, for messages. */
export function scriptLabel(site: ScriptSite): string {
  if (site.input) return `the \`${site.input}\` input passed by job ${site.job.id}`;
  if (site.step?.name) return `step "${site.step.name.value}"`;
  return `step ${(site.step?.index ?? 0) + 1} of job ${site.job.id}`;
}
