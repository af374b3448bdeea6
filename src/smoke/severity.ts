import { severityRank, type Confidence, type Severity } from '../core/finding.js';
import { CONDITIONAL, EXPECTS_FAILURE, GUARDED, IN_FALLBACK, IN_TYPE_CHECKING, PATH_CHECK, SKIPPED, UNREACHABLE } from './records.js';
import type { ImportProblem } from './resolve.js';

/**
 * The most a finding can be where its import sits: code that does not run, or runs expecting the
 * failure (a skipped test, `pytest.raises`, a file-exists check, `except ImportError`) → info; the
 * fallback in an except ImportError handler → low; only type checkers read it → medium.
 */
const CAPS: { bit: number; severity: Severity }[] = [
  { bit: UNREACHABLE | SKIPPED | EXPECTS_FAILURE | PATH_CHECK | GUARDED, severity: 'info' },
  { bit: IN_FALLBACK, severity: 'low' },
  { bit: IN_TYPE_CHECKING, severity: 'medium' },
];

function cap(s: Severity, to: Severity): Severity {
  return severityRank(to) < severityRank(s) ? to : s;
}

/** Whether the module was reached through a namespace package (another installed portion may provide what is missing). */
function throughNamespace(problem: ImportProblem): boolean {
  return problem.kind !== 'beyond-top' && problem.namespace;
}

/**
 * A missing `version` / `_version` module: the build writes it more often than not (setuptools_scm,
 * versioneer, hatch-vcs, meson's custom_target, a wheel script copying it in), from a configuration
 * that is not always in the repository.
 */
export function likelyBuildWritten(problem: ImportProblem): boolean {
  return problem.kind === 'broken-module' && !problem.parentIsModule && /^_*version$/i.test(problem.missing.slice(problem.missing.lastIndexOf('.') + 1));
}

/** The rule's severity, capped by where the import sits and by how sure the resolution is. */
export function findingSeverity(base: Severity, context: number, problem: ImportProblem): Severity {
  let s = base;
  for (const { bit, severity } of CAPS) if (context & bit) s = cap(s, severity);
  if (throughNamespace(problem) || likelyBuildWritten(problem)) s = cap(s, 'low');
  return s;
}

export function findingConfidence(base: Confidence, context: number, problem: ImportProblem): Confidence {
  if (throughNamespace(problem) || likelyBuildWritten(problem)) return 'low';
  return context & CONDITIONAL ? 'medium' : base;
}
