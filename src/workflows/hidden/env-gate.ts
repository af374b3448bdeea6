import { escapeRegExp } from '../../core/regexp.js';
import type { Step } from '../../sources/workflow.js';
import { emptyValueBranch, exitsNonZero } from '../bash/values.js';
import { CRITICAL_ROLES } from '../roles/role.js';
import type { JobFacts } from './job-facts.js';
import { checkerIn } from './fail-open.js';

/** The name a statement writes a variable's value to $GITHUB_ENV under (`echo "CHANGED=${CHANGED}" >> $GITHUB_ENV`). */
function envName(statement: string, variable: string): string | undefined {
  if (!/GITHUB_ENV/.test(statement)) return undefined;
  // The value must be the variable alone (`NAME=${VAR}" >>`), or it is never empty.
  return new RegExp(`([A-Za-z_]\\w*)=["']?\\$\\{?${escapeRegExp(variable)}\\}?(?=["']\\s*[>;]|\\s*[>;]|["']?\\s*$)`, 'm').exec(statement)?.[1];
}

/**
 * A value an earlier step wrote to $GITHUB_ENV that a later step of the job tests before its check
 * (sktime: `if [ -n "$CHANGED_FILES" ]; then pre-commit run --files $CHANGED_FILES; else echo "No
 * changed files to check."; fi`): an empty value, which is what a failed producer leaves, skips the
 * check and the run stays green. Undefined where an empty value fails the step, or skips nothing.
 * `statement` writes `variable` to $GITHUB_ENV, at the line `writtenAt` gives.
 */
export function envGate(facts: JobFacts, step: Step, statement: string, variable: string, writtenAt: () => number): string | undefined {
  const name = envName(statement, variable);
  if (!name) return undefined;
  const ref = new RegExp(`\\$\\{?${escapeRegExp(name)}\\b`);
  for (const s of facts.job.steps) {
    if (s.index <= step.index) continue;
    for (const site of facts.sitesOf(s)) {
      if (!ref.test(site.value.value) || !site.parsed) continue;
      const b = emptyValueBranch(site.parsed, name);
      if (!b) continue;
      const check = exitsNonZero(b.whenEmpty) || checkerIn(b.whenEmpty, CRITICAL_ROLES) ? undefined : checkerIn(b.otherwise, CRITICAL_ROLES)?.words;
      if (!check) return undefined;
      const label = s.name ? `step "${s.name.value}"` : `step ${s.index + 1}`;
      return `its output sets $${variable}, written to $GITHUB_ENV as ${name} at line ${writtenAt()}, and an empty value skips \`${check.slice(0, 3).join(' ')}\` in ${label} (line ${facts.lineOf(site, b.at.start)}), so the run stays green`;
    }
  }
  return undefined;
}
