import type { Config } from '../config/config.js';
import { applyDirectives, finalize, findingAt, sortFindings } from '../core/engine.js';
import { findDirectives } from '../core/ignores.js';
import type { Finding, FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
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
import { describeProblem } from './describe.js';
import { ReadBuffer, readSourceText } from './read-source.js';
import { loadProject, type PythonProject } from './project.js';
import type { ImportRecord, Position } from './records.js';
import type { Category, ImportProblem } from './resolve.js';
import { findingConfidence, findingSeverity } from './severity.js';
import { testInputs } from './test-inputs.js';
import { writtenNames } from './written-names.js';

/** The rules this check can report. */
export const SMOKE_RULES: readonly RuleMeta[] = [brokenInternalImport, missingInternalName, missingStubName, pythonSyntaxError, relativeImportBeyondTop];

/** Every rule a finding of this check can carry: these and the input and directive rules. */
export const SMOKE_REPORTED_RULES: readonly RuleMeta[] = [...SMOKE_RULES, ignoreWithoutReason, invalidInput, unusedIgnore];

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
  /** Python files of the repository that hold modules (analysed or not). */
  modules: number;
  /** Python files left out as data, not code, by kind. */
  excluded: { inputFolders: number; testInputs: number; unparsable: number };
}

export interface SmokeCheckResult {
  findings: Finding[];
  ignored: Finding[];
  stats: SmokeStats;
  project: PythonProject;
}

interface Draft {
  meta: RuleMeta;
  draft: FindingDraft;
  at: Position;
}

interface Found {
  record: ImportRecord;
  problem: ImportProblem;
}

/**
 * The static import check of M01: every import of every Python file, resolved against the
 * repository without a build. This is the entry point `groundwork audit` calls.
 */
export async function checkImports(opts: SmokeCheckOptions): Promise<SmokeCheckResult> {
  const { repo, config } = opts;
  const project = await loadProject({ repo, config, packages: opts.packages, cache: opts.cache, jobs: opts.jobs });
  const want = (meta: RuleMeta) => config.rule(meta.id).enabled;
  const byCategory: Record<Category, number> = { internal: 0, stdlib: 0, 'third-party': 0, unknown: 0, unresolved: 0 };
  const found = new Map<string, Found[]>();
  const imports = new Map<string, string[]>();
  const analysed = new Set(project.analysed);
  let importCount = 0;
  // Every scanned file is resolved, for what-imports-what; only the analysed ones are reported.
  for (const [path, scan] of project.scans) {
    const targets: string[] = [];
    const list: Found[] = [];
    for (const record of scan.imports) {
      const resolution = project.resolver.resolve(path, record);
      if (resolution.file) targets.push(resolution.file);
      if (!analysed.has(path)) continue;
      importCount++;
      byCategory[resolution.category]++;
      for (const problem of resolution.problems) list.push({ record, problem });
    }
    imports.set(path, targets);
    if (list.length) found.set(path, list);
  }
  const { tests } = project.layout;
  const broken = new Set([...project.scans].filter(([p, s]) => s.problems.length && !p.endsWith('.pyi.in')).map(([p]) => p));
  const isPackageDir = (d: string) => project.index.get(d)?.isPackage === true;
  const excluded = testInputs([...project.scans.keys(), ...project.unreadable.keys()], {
    isPackageDir,
    isCollectedTest: (p) => tests.isCollected(p),
    imports,
    broken,
  });
  dropBuilt(project, found);
  dropWrittenElsewhere(project, found);
  dropDefinedInNativeSource(repo, project, found);
  const findings: Finding[] = [];
  const drafts = new Map<string, Draft[]>();
  let testInputCount = 0;
  let unparsableCount = 0;
  for (const path of project.analysed) {
    if (excluded.inputs.has(path)) {
      testInputCount++;
      continue;
    }
    if (excluded.unparsable.has(path)) {
      unparsableCount++;
      continue;
    }
    const scan = project.scans.get(path);
    if (!scan) {
      if (want(invalidInput)) findings.push(findingAt(invalidInput, path, { line: 1 }, `${path}: ${project.unreadable.get(path)}`));
      continue;
    }
    const list: Draft[] = [];
    if (broken.has(path) && want(pythonSyntaxError)) {
      const p = scan.problems[0]!;
      const more = scan.problems.length > 1 ? ` (and ${scan.problems.length - 1} more problem${scan.problems.length > 2 ? 's' : ''})` : '';
      list.push({
        meta: pythonSyntaxError,
        at: p,
        draft: {
          ruleId: pythonSyntaxError.id,
          message: `not valid Python 3: ${p.message}${more}; imports were read on a best-effort basis`,
          span: { start: 0, end: 0 },
        },
      });
    }
    for (const { record, problem } of found.get(path) ?? []) {
      const item = describeProblem(problem, record);
      if (!want(item.meta)) continue;
      list.push({
        ...item,
        draft: {
          ...item.draft,
          severity: findingSeverity(item.meta.defaultSeverity, record.context, problem),
          confidence: findingConfidence(item.meta.defaultConfidence, record.context, problem),
        },
      });
    }
    if (list.length || scan.hasDirectives) drafts.set(path, list);
  }
  const ignored = finish(repo, config, drafts, findings, want);
  return {
    findings: sortFindings(findings),
    ignored: sortFindings(ignored),
    stats: {
      files: project.analysed.length - testInputCount - unparsableCount,
      cached: project.cache.hits,
      imports: importCount,
      byCategory,
      modules: project.scans.size + project.inputFolderFiles,
      excluded: { inputFolders: project.inputFolderFiles, testInputs: testInputCount, unparsable: unparsableCount },
    },
    project,
  };
}

/** Keeps the problems `keep` accepts, and the files that still have one. */
function keepFound(found: Map<string, Found[]>, keep: (problem: ImportProblem) => boolean): void {
  for (const [path, list] of found) {
    const kept = list.filter(({ problem }) => keep(problem));
    if (kept.length) found.set(path, kept);
    else found.delete(path);
  }
}

/** Missing modules whose files git ignores: the build writes them (`version.py`, `*_pb2.py`). */
function dropBuilt(project: PythonProject, found: Map<string, Found[]>): void {
  const { gitignore } = project.layout;
  if (!gitignore.size) return;
  keepFound(found, (problem) => {
    if (problem.kind !== 'broken-module') return true;
    const leaf = problem.missing.slice(problem.missing.lastIndexOf('.') + 1);
    return !problem.dirs.some((d) => {
      const at = d ? `${d}/${leaf}` : leaf;
      return gitignore.ignores(`${at}.py`) || gitignore.ignores(at, true);
    });
  });
}

/**
 * Missing names that other code writes into the module at run time: `mod.Name = …`,
 * `setattr(mod, "Name", …)`, or any name (`setattr(mod, name, …)`, `vars(mod).update(…)`), as the
 * scans recorded them, with `mod` read through the writing file's own imports.
 */
function dropWrittenElsewhere(project: PythonProject, found: Map<string, Found[]>): void {
  if (![...found.values()].some((list) => list.some(({ problem }) => problem.kind === 'missing-name' && !problem.stub))) return;
  const writes = writtenNames(project.scans, (path, record) => project.resolver.absolute(path, record));
  keepFound(
    found,
    (problem) => problem.kind !== 'missing-name' || (!writes.written.has(`${problem.module}\0${problem.name.name}`) && !writes.openModules.has(problem.module)),
  );
}

/** C, C++, Cython and Rust sources: where a compiled module's names are defined. */
const NATIVE_SOURCE = /\.(c|cc|cpp|cxx|h|hh|hpp|cu|pyx|pxd|pxi|rs)$/;

/**
 * Names missing from a compiled module's stub that its own native sources (beside the stub or
 * below its folder) spell as a string: `PyModule_AddObject(m, "c_helpers", …)`, `m.def("name", …)`.
 * The stub is incomplete there, and the import works.
 */
function dropDefinedInNativeSource(repo: Repository, project: PythonProject, found: Map<string, Found[]>): void {
  const byStub = new Map<string, Set<string>>();
  for (const { problem } of [...found.values()].flat())
    if (problem.kind === 'missing-name' && problem.stub) byStub.set(problem.stub, (byStub.get(problem.stub) ?? new Set()).add(problem.name.name));
  if (!byStub.size) return;
  const defined = new Set<string>();
  for (const [stub, names] of byStub) {
    const dir = stub.slice(0, Math.max(0, stub.lastIndexOf('/')));
    const sources = project.files.filter((f) => NATIVE_SOURCE.test(f.path) && (!dir || f.path.startsWith(`${dir}/`))).slice(0, 2000);
    for (const f of sources) {
      const r = repo.read(f.path);
      if (!r.ok) continue;
      for (const n of names) if (r.file.text.includes(`"${n}"`)) defined.add(`${stub}\0${n}`);
    }
  }
  keepFound(found, (problem) => problem.kind !== 'missing-name' || !problem.stub || !defined.has(`${problem.stub}\0${problem.name.name}`));
}

/** Positions the drafts in their files, applies `# groundwork:` directives and reports the directives' own problems. */
function finish(repo: Repository, config: Config, drafts: Map<string, Draft[]>, findings: Finding[], want: (meta: RuleMeta) => boolean): Finding[] {
  const ignored: Finding[] = [];
  const ran = new Set(SMOKE_RULES.filter(want).map((r) => r.id));
  // One buffer for all the files read here, not a fresh megabyte each.
  const buffer = new ReadBuffer();
  for (const [path, list] of drafts) {
    // The same decoding as the scan (a PEP 263 cookie may name latin-1), so offsets agree.
    const text = readSourceText(repo, path, false, buffer);
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
      const message =
        problem === 'no-reason' ? `\`groundwork: ${what}\` gives no reason` : `\`groundwork: ${what}\` suppresses nothing on this line or the next`;
      findings.push(
        findingAt(meta, path, { line: directive.line, column: directive.column, endColumn: directive.endColumn }, message, {
          sourceLine: lines.lineText(directive.line),
        }),
      );
    }
  }
  return ignored;
}
