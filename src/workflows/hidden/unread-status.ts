import { commandName, descendants, type ScriptNode } from '../../sources/shell-script.js';
import { escapeRegExp } from '../../core/regexp.js';
import { spanOf } from '../../sources/yaml-source.js';
import { isRead } from '../bash/captured-use.js';
import type { JobFacts } from './job-facts.js';
import type { HiddenFailure } from './types.js';

/** Where a saved status goes when its only use is a write for later steps: `echo "pytest-exit=$rc" >> "$GITHUB_OUTPUT"`. */
export interface PublishedStatus {
  name: string;
  /** Written to $GITHUB_ENV (a variable of later steps) rather than $GITHUB_OUTPUT (a step output). */
  env: boolean;
  statement: ScriptNode;
}

/**
 * `pytest … || PYTEST_EXIT=$?` then `echo "pytest-exit=${PYTEST_EXIT:-0}" >> "$GITHUB_OUTPUT"`: the
 * status is saved only to hand it to later steps. Undefined when anything in the script acts on it
 * itself (a failing `exit`, `false`, `::error`) or reads it anywhere but in such a write.
 */
export function statusPublishedOnly(at: ScriptNode, variable: string | undefined): PublishedStatus | undefined {
  if (!variable) return undefined;
  let root = at;
  while (root.parent) root = root.parent;
  const after = descendants(root).filter((n) => n.start >= at.start);
  if (after.some((n) => n.type === 'command' && (/^(exit|return|false)$/.test(commandName(n) ?? '') || /::error\b|setFailed/.test(n.text)))) return undefined;
  let found: PublishedStatus | undefined;
  for (const read of after.filter((n) => isRead(n, at, variable))) {
    let statement: ScriptNode | undefined = read;
    while (statement && statement.type !== 'redirected_statement') statement = statement.parent;
    const redirect =
      statement?.children
        .filter((c) => c.field === 'redirect')
        .map((c) => c.text)
        .join(' ') ?? '';
    const target = /GITHUB_OUTPUT/.test(redirect) ? 'output' : /GITHUB_ENV/.test(redirect) ? 'env' : undefined;
    const name = statement && /^["']?([A-Za-z_][\w-]*)=/.exec(statement.text.replace(/^\s*(echo|printf)\s+(-e\s+)?/, ''))?.[1];
    if (!statement || !target || !name) return undefined;
    found ??= { name, env: target === 'env', statement };
  }
  return found;
}

/**
 * Who reads a published status: for a step output, `steps.<id>.outputs.<name>` anywhere in the file
 * (a later step, or the job's `outputs:` that hands it on); for an environment variable, a later
 * step of the job that names it. Undefined when nothing does: the saved failure is lost.
 */
export function publishedStatusReader(h: HiddenFailure, published: PublishedStatus, facts: JobFacts): string | undefined {
  const step = h.site.step;
  if (!step) return 'the action that runs it';
  if (published.env) {
    const later = facts.job.steps.filter((s) => s.index > step.index);
    const named = new RegExp(`\\b${escapeRegExp(published.name)}\\b`);
    const reader = later.find((s) => {
      const span = spanOf(s.map);
      return named.test(facts.fileText.slice(span.start, span.end));
    });
    return reader ? `step "${reader.name?.value ?? reader.index + 1}"` : undefined;
  }
  if (!step.id) return undefined;
  const ref = new RegExp(
    `steps\\.${escapeRegExp(step.id.value)}\\.outputs(\\.${escapeRegExp(published.name)}\\b|\\[\\s*['"]${escapeRegExp(published.name)}['"]\\s*\\])`,
  );
  return ref.test(facts.fileText) ? `\`steps.${step.id.value}.outputs.${published.name}\`` : undefined;
}
