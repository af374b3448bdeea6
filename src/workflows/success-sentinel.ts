import { escapeRegExp } from '../core/regexp.js';
import { mayContinueOnError, type Job, type Step } from '../sources/workflow.js';
import type { WorkflowAnalysis } from './analysis.js';

/** A script that fails the step (a warning does not). */
export const FAILS_RUN = /\bexit\s+(\$|[1-9])|(^|[\s;&|])false(\s|$)|\bthrow\b/m;
/** A script that fails on purpose, or writes an annotation (`::warning::`, `::error::`) that the run's page shows. */
export const FAILS = new RegExp(`${FAILS_RUN.source}|core\\.setFailed|::(warning|error)\\b`, 'm');

/** `"Run tests"` or the step's number. */
export function stepLabel(s: Step): string {
  return s.name ? `"${s.name.value}"` : String(s.index + 1);
}

/** A script's lines, continuation lines joined, blank lines and comments left out. */
function scriptLines(script: string): string[] {
  return script
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** The text with quoted strings emptied: operators inside quotes (`julia -e 'using Pkg; Pkg.test()'`) are text. */
function unquoted(text: string): string {
  return text.replace(/'[^']*'|"(\\.|[^"\\])*"/g, "''");
}

/** A script of one command, with no list or sequence. */
export function singleCommand(script: string): boolean {
  const lines = scriptLines(script);
  return lines.length === 1 && !/&&|\|\||;/.test(unquoted(lines[0]!));
}

/** A value a step writes only when everything it ran succeeded. */
interface Sentinel {
  file: 'GITHUB_OUTPUT' | 'GITHUB_ENV';
  name: string;
}

const WRITES_SENTINEL = /^echo\s+["']?([A-Za-z_][\w-]*)=[^>]*>>\s*"?\$\{?(GITHUB_OUTPUT|GITHUB_ENV)\}?"?\s*$/;

/**
 * The value a step's script writes as its last statement only when all before it passed: a last line
 * under errexit (`echo 'SUCCEEDED=1' >> $GITHUB_OUTPUT`), or the right side of `&&` after the one
 * command that matters (`julia … && echo "TESTS_SUCCESSFUL=true" >> $GITHUB_ENV`), where errexit
 * covers any line before it.
 */
export function successSentinel(a: WorkflowAnalysis, step: Step): Sentinel | undefined {
  const sites = a.sitesOf(step);
  if (sites.length !== 1) return undefined;
  const script = sites[0]!.value.value;
  const errexit = sites[0]!.shell.errexit && !/\bset\s+\+e\b/.test(script);
  const lines = scriptLines(script);
  const last = lines[lines.length - 1] ?? '';
  const whole = WRITES_SENTINEL.exec(last);
  if (whole) return errexit && lines.length > 1 ? { name: whole[1]!, file: whole[2] as Sentinel['file'] } : undefined;
  // `a && echo X=1 >> $GITHUB_ENV`: only `a` stands before it (`a || true && echo` writes it anyway,
  // and without pipefail `a | tee log` is tee's status).
  const cut = last.lastIndexOf('&&');
  const right = cut > 0 ? WRITES_SENTINEL.exec(last.slice(cut + 2).trim()) : null;
  const left = unquoted(last.slice(0, cut));
  if (!right || /\|\||;|&&|(^|[^&])&($|[^&])/.test(left) || (/\|/.test(left) && !sites[0]!.shell.pipefail)) return undefined;
  return lines.length === 1 || errexit ? { name: right[1]!, file: right[2] as Sentinel['file'] } : undefined;
}

/** The later step, not itself allowed to fail, that fails the job when the sentinel is missing. */
export function sentinelChecker(text: string, job: Job, step: Step, sentinel: Sentinel): { step: Step; ref: string } | undefined {
  const id = step.id?.value;
  const refs =
    sentinel.file === 'GITHUB_OUTPUT'
      ? id
        ? [new RegExp(`steps\\.${escapeRegExp(id)}\\.outputs\\.${escapeRegExp(sentinel.name)}\\b`)]
        : []
      : [new RegExp(`\\benv\\.${escapeRegExp(sentinel.name)}\\b`), new RegExp(`\\$\\{?${escapeRegExp(sentinel.name)}\\b`)];
  const ref = sentinel.file === 'GITHUB_OUTPUT' ? `steps.${id}.outputs.${sentinel.name}` : `env.${sentinel.name}`;
  for (const s of job.steps) {
    if (s.index <= step.index || mayContinueOnError(s.continueOnError)) continue;
    const body = text.slice(s.span.start, s.span.end);
    if (refs.some((r) => r.test(body)) && (sentinel.file === 'GITHUB_OUTPUT' ? FAILS : FAILS_RUN).test(body)) return { step: s, ref };
  }
  return undefined;
}
