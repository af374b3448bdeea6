import type { Config } from '../config/config.js';
import { applyDirectives, finalize, findingAt, sortFindings } from '../core/engine.js';
import { findDirectives } from '../core/ignores.js';
import { severityRank, type Finding, type FindingDraft, type Severity } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { suggest } from '../config/schema.js';
import { brokenInternalImport } from '../rules/broken-internal-import.js';
import { ignoreWithoutReason } from '../rules/ignore-without-reason.js';
import { invalidInput } from '../rules/invalid-input.js';
import { missingInternalName } from '../rules/missing-internal-name.js';
import { missingStubName } from '../rules/missing-stub-name.js';
import { pythonSyntaxError } from '../rules/python-syntax-error.js';
import { relativeImportBeyondTop } from '../rules/relative-import-beyond-top.js';
import { unusedIgnore } from '../rules/unused-ignore.js';
import type { Repository } from '../services/repository.js';
import { sourceFile } from '../sources/source-file.js';
import type { ScanCache } from './cache.js';
import { readSourceText } from './read-source.js';
import { loadProject, type PythonProject } from './project.js';
import { CONDITIONAL, contextLabel, GUARDED, IN_TYPE_CHECKING, IN_FUNCTION, type ImportRecord, type Position } from './records.js';
import type { Category, ImportProblem } from './resolve.js';

/** The rules this check can report. */
export const SMOKE_RULES: readonly RuleMeta[] = [brokenInternalImport, missingInternalName, missingStubName, pythonSyntaxError, relativeImportBeyondTop];

export interface SmokeCheckOptions {
  repo: Repository;
  config: Config;
  /** Only files of these packages (dotted names or directories); default smoke.packages, else all. */
  packages?: readonly string[];
  /** Scan cache; none when omitted. */
  cache?: ScanCache;
  /** Threads for a cold scan (1 = this thread only); default one per core. */
  jobs?: number;
}

export interface SmokeStats {
  /** Python files analysed (.py, .pyi, .pyi.in). */
  files: number;
  /** Files whose scan came from the cache. */
  cached: number;
  /** Import records analysed. */
  imports: number;
  byCategory: Record<Category, number>;
  /** Modules, packages and namespaces the repository provides. */
  modules: number;
}

export interface SmokeCheckResult {
  findings: Finding[];
  ignored: Finding[];
  stats: SmokeStats;
  project: PythonProject;
}

const CAP: { bit: number; severity: Severity }[] = [
  { bit: GUARDED, severity: 'info' },
  { bit: IN_TYPE_CHECKING, severity: 'medium' },
];

/**
 * The static import check of M01: every import of every Python file, resolved against the
 * repository without a build. This is the entry point `groundwork audit` calls.
 */
export async function checkImports(opts: SmokeCheckOptions): Promise<SmokeCheckResult> {
  const { repo, config } = opts;
  const project = await loadProject({ repo, config, packages: opts.packages, cache: opts.cache, jobs: opts.jobs });
  const want = (meta: RuleMeta) => config.rule(meta.id).enabled;
  const byCategory: Record<Category, number> = { internal: 0, stdlib: 0, 'third-party': 0, unknown: 0, unresolved: 0 };
  const drafts = new Map<string, { meta: RuleMeta; draft: FindingDraft; at: Position }[]>();
  const findings: Finding[] = [];
  let imports = 0;
  for (const path of project.analysed) {
    const scan = project.scans.get(path);
    if (!scan) {
      if (want(invalidInput)) findings.push(findingAt(invalidInput, path, { line: 1 }, `${path}: ${project.unreadable.get(path)}`));
      continue;
    }
    const list: { meta: RuleMeta; draft: FindingDraft; at: Position }[] = [];
    if (scan.problems.length && want(pythonSyntaxError) && !path.endsWith('.pyi.in')) {
      const p = scan.problems[0]!;
      const more = scan.problems.length > 1 ? ` (and ${scan.problems.length - 1} more problem${scan.problems.length > 2 ? 's' : ''})` : '';
      list.push({ meta: pythonSyntaxError, at: p, draft: { ruleId: pythonSyntaxError.id, message: `not valid Python 3: ${p.message}${more}; imports were read on a best-effort basis`, span: { start: 0, end: 0 } } });
    }
    for (const record of scan.imports) {
      imports++;
      const resolution = project.resolver.resolve(path, record);
      byCategory[resolution.category]++;
      for (const problem of resolution.problems) {
        const item = describe(problem, record, project);
        if (want(item.meta)) list.push({ ...item, draft: { ...item.draft, severity: contextual(item.meta.defaultSeverity, record.context), confidence: record.context & CONDITIONAL || (problem.kind === 'broken-module' && problem.namespaceOnly) ? 'medium' : item.meta.defaultConfidence } });
      }
    }
    if (list.length || scan.hasDirectives) drafts.set(path, list);
  }
  const ignored: Finding[] = [];
  const ran = new Set(SMOKE_RULES.filter(want).map((r) => r.id));
  for (const [path, list] of drafts) {
    // The same decoding as the scan (a PEP 263 cookie may name latin-1), so offsets agree.
    const text = readSourceText(repo, path);
    if (!text.ok) continue;
    const read = { file: sourceFile(path, text.text) };
    const lines = read.file.lines;
    const own = list.map(({ meta, draft, at }) => {
      const start = lines.lineStart(at.line) + at.column - 1;
      return finalize({ ...draft, span: { start, end: start + (at.endColumn - at.column) } }, meta, path, lines, config);
    });
    const s = applyDirectives(own, findDirectives(read.file.text, lines), new Set(), ran);
    findings.push(...s.findings);
    ignored.push(...s.ignored);
    for (const { directive, problem } of s.directiveProblems) {
      const meta = problem === 'no-reason' ? ignoreWithoutReason : unusedIgnore;
      if (!want(meta)) continue;
      const what = directive.kind === 'ignore' ? `ignore[${directive.rules.join(', ')}]` : 'allow-failure';
      const message = problem === 'no-reason' ? `\`groundwork: ${what}\` gives no reason` : `\`groundwork: ${what}\` suppresses nothing on this line or the next`;
      findings.push(findingAt(meta, path, { line: directive.line, column: directive.column, endColumn: directive.endColumn }, message, { sourceLine: lines.lineText(directive.line) }));
    }
  }
  let modules = 0;
  for (const _ of project.index.all()) modules++;
  return {
    findings: sortFindings(findings),
    ignored: sortFindings(ignored),
    stats: { files: project.analysed.length, cached: project.cache.hits, imports, byCategory, modules },
    project,
  };
}

/** The rule's severity, capped by where the import sits: guarded → info, TYPE_CHECKING → medium. */
function contextual(base: Severity, context: number): Severity {
  let s = base;
  for (const { bit, severity } of CAP) if (context & bit && severityRank(severity) < severityRank(s)) s = severity;
  return s;
}

function where(context: number): string {
  return contextLabel(context & (GUARDED | IN_TYPE_CHECKING | IN_FUNCTION | CONDITIONAL));
}

function describe(problem: ImportProblem, record: ImportRecord, project: PythonProject): { meta: RuleMeta; draft: FindingDraft; at: Position } {
  const span = { start: 0, end: 0 };
  const ctx = where(record.context);
  if (problem.kind === 'beyond-top') {
    const dots = '.'.repeat(record.level);
    const written = record.kind === 'from' ? `from ${dots}${record.module} import ${record.names.map((n) => n.name).join(', ')}` : `${dots}${record.module}`;
    const message = problem.package
      ? `relative import \`${written}\` goes above the top-level package \`${problem.package}\` (${ctx})`
      : `relative import \`${written}\` in a file that is not in a package (${ctx}); Python raises "attempted relative import with no known parent package"`;
    return { meta: relativeImportBeyondTop, at: record.at, draft: { ruleId: relativeImportBeyondTop.id, message, span } };
  }
  if (problem.kind === 'missing-name') {
    const known = project.resolver.namesOf(problem.module);
    const hint = suggest(problem.name.name, [...(known.open ? [] : known.names), ...project.index.children(problem.module)]);
    if (problem.stub) {
      const message = `\`${problem.name.name}\` is not in the stub of compiled module \`${problem.module}\` (${problem.stub})${hint} (${ctx})`;
      return { meta: missingStubName, at: problem.name, draft: { ruleId: missingStubName.id, message, span } };
    }
    const message = `\`${problem.module}\` has no \`${problem.name.name}\`: neither a name it defines nor a submodule${hint} (${ctx})`;
    return { meta: missingInternalName, at: problem.name, draft: { ruleId: missingInternalName.id, message, span } };
  }
  const leaf = problem.missing.slice(problem.missing.lastIndexOf('.') + 1);
  const hint = problem.parent ? suggest(leaf, project.index.children(problem.parent)) : '';
  const reason = problem.parentIsModule ? `\`${problem.parent}\` is a module, not a package` : problem.parent ? `no module \`${leaf}\` in \`${problem.parent}\`` : `no module \`${leaf}\``;
  const message = `\`${problem.module}\` cannot be imported: ${reason}${hint} (${ctx})`;
  return { meta: brokenInternalImport, at: record.at, draft: { ruleId: brokenInternalImport.id, message, span } };
}
