import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { suggest } from '../config/schema.js';
import { brokenInternalImport } from '../rules/broken-internal-import.js';
import { missingInternalName } from '../rules/missing-internal-name.js';
import { missingStubName } from '../rules/missing-stub-name.js';
import { relativeImportBeyondTop } from '../rules/relative-import-beyond-top.js';
import {
  CONDITIONAL,
  contextLabel,
  EXPECTS_FAILURE,
  GUARDED,
  IN_FALLBACK,
  IN_FUNCTION,
  IN_TYPE_CHECKING,
  PATH_CHECK,
  SKIPPED,
  UNREACHABLE,
  type ImportRecord,
  type Position,
} from './records.js';
import type { ImportProblem } from './resolve.js';
import { likelyBuildWritten } from './severity.js';

const SHOWN = GUARDED | IN_TYPE_CHECKING | IN_FUNCTION | CONDITIONAL | IN_FALLBACK | EXPECTS_FAILURE | PATH_CHECK | SKIPPED | UNREACHABLE;

/** " (did you mean 'x'?)" from the candidates, never the name itself. */
function hint(name: string, candidates: readonly string[]): string {
  return suggest(
    name,
    candidates.filter((c) => c !== name),
  );
}

/** Why a missing piece of a namespace package is only a guess. */
function namespaceNote(module: string): string {
  return `; \`${module.split('.')[0]}\` is a namespace package here (no __init__.py), so another installed portion or package may provide it`;
}

/** The rule, position and message of one import problem. */
export function describeProblem(problem: ImportProblem, record: ImportRecord): { meta: RuleMeta; draft: FindingDraft; at: Position } {
  const span = { start: 0, end: 0 };
  const ctx = contextLabel(record.context & SHOWN);
  if (problem.kind === 'beyond-top') {
    const dots = '.'.repeat(record.level);
    const written = record.kind === 'from' ? `from ${dots}${record.module} import ${record.names.map((n) => n.name).join(', ')}` : `${dots}${record.module}`;
    const message = problem.package
      ? `relative import \`${written}\` goes above the top-level package \`${problem.package}\` (${ctx})`
      : `relative import \`${written}\` in a file that is not in a package (${ctx}); Python raises "attempted relative import with no known parent package"`;
    return { meta: relativeImportBeyondTop, at: record.at, draft: { ruleId: relativeImportBeyondTop.id, message, span } };
  }
  const note = problem.namespace
    ? namespaceNote(problem.module)
    : likelyBuildWritten(problem)
      ? '; version modules are often written by the build (setuptools_scm, versioneer, meson)'
      : '';
  if (problem.kind === 'missing-name') {
    const h = hint(problem.name.name, problem.candidates);
    if (problem.stub) {
      const message = `\`${problem.name.name}\` is not in the stub of compiled module \`${problem.module}\` (${problem.stub})${h} (${ctx})`;
      return { meta: missingStubName, at: problem.name, draft: { ruleId: missingStubName.id, message, span } };
    }
    const message = `\`${problem.module}\` has no \`${problem.name.name}\`: neither a name it defines nor a submodule${h} (${ctx})${note}`;
    return { meta: missingInternalName, at: problem.name, draft: { ruleId: missingInternalName.id, message, span } };
  }
  const leaf = problem.missing.slice(problem.missing.lastIndexOf('.') + 1);
  const h = problem.parent ? hint(leaf, problem.candidates) : '';
  const reason = problem.parentIsModule
    ? `\`${problem.parent}\` is a module, not a package`
    : problem.parent
      ? `no module \`${leaf}\` in \`${problem.parent}\``
      : `no module \`${leaf}\``;
  const message = `\`${problem.module}\` cannot be imported: ${reason}${h} (${ctx})${note}`;
  return { meta: brokenInternalImport, at: record.at, draft: { ruleId: brokenInternalImport.id, message, span } };
}
