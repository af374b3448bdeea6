import { severityRank, type Finding, type Fix, type Severity } from '../core/finding.js';
import { applyFixes, type Validator } from '../core/apply-edits.js';
import { parseYaml } from '../sources/yaml-source.js';
import { sourceFile } from '../sources/source-file.js';
import { unintendedChange } from './model-kept.js';
import { checkWorkflows, type CheckOptions, type CheckResult } from './check.js';

export interface FixOptions extends CheckOptions {
  /** Findings below this severity are never changed (default medium). */
  minSeverity?: Severity;
  /** Compute the changes without writing. */
  dryRun?: boolean;
}

export interface FileChange {
  path: string;
  before: string;
  after: string;
  /** The findings whose fixes were applied, each with its `fix`. */
  applied: Finding[];
}

export interface FixResult {
  changes: FileChange[];
  rejected: { path: string; fix: Fix; reason: string }[];
  /** The check after all fixes. */
  after: CheckResult;
}

const MAX_PASSES = 5;

/** A fixed text must parse, and mean what the original meant wherever no edit touched it. */
function stillParses(path: string, original: string): Validator {
  const before = parseYaml(sourceFile(path, original));
  return (text, edits) => {
    const after = parseYaml(sourceFile(path, text));
    if (after.problems.length) return after.problems[0]!.message;
    return before.problems.length ? undefined : unintendedChange(before.doc, original, after.doc, edits);
  };
}

/**
 * Applies the safe fixes of high and medium findings, re-checking between passes so fixes that
 * overlap are applied one after the other. Every result must still parse, or its fix is dropped.
 * Files are written atomically at the end, unless `dryRun`.
 */
export async function fixWorkflows(opts: FixOptions): Promise<FixResult> {
  const min = opts.minSeverity ?? 'medium';
  const originals = new Map<string, string>();
  const applied = new Map<string, Finding[]>();
  const rejected: FixResult['rejected'] = [];
  const rejectedTitles = new Set<string>();
  // Fix passes read from the in-memory overlay, which workers cannot see.
  const check = () => checkWorkflows({ ...opts, parallel: false });
  let result = await check();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixable = result.findings.filter(
      (f): f is Finding & { fix: Fix } =>
        Boolean(f.fix) && f.fix!.safety === 'safe' && severityRank(f.severity) >= severityRank(min) && !rejectedTitles.has(`${f.file}\0${f.fix!.title}`),
    );
    if (fixable.length === 0) break;
    const byFile = new Map<string, Fix[]>();
    const findingOf = new Map<Fix, Finding>();
    for (const f of fixable) {
      const list = byFile.get(f.file);
      if (list) list.push(f.fix);
      else byFile.set(f.file, [f.fix]);
      findingOf.set(f.fix, f);
    }
    let progressed = false;
    for (const [path, fixes] of byFile) {
      const read = opts.repo.read(path);
      if (!read.ok) continue;
      const text = read.file.text;
      const out = applyFixes(text, fixes, stillParses(path, text));
      for (const r of out.rejected) {
        rejected.push({ path, ...r });
        rejectedTitles.add(`${path}\0${r.fix.title}`);
      }
      if (out.applied.length === 0) continue;
      if (!originals.has(path)) originals.set(path, text);
      applied.set(path, [...(applied.get(path) ?? []), ...out.applied.map((fix) => findingOf.get(fix)!)]);
      opts.repo.setOverlay(path, out.text);
      progressed = true;
    }
    if (!progressed) break;
    result = await check();
  }
  const changes: FileChange[] = [];
  for (const [path, before] of originals) {
    const read = opts.repo.read(path);
    const after = read.ok ? read.file.text : before;
    if (after === before) continue;
    changes.push({ path, before, after, applied: applied.get(path) ?? [] });
  }
  if (!opts.dryRun) for (const c of changes) opts.repo.writeAtomic(c.path, c.after);
  return { changes: changes.sort((a, b) => (a.path < b.path ? -1 : 1)), rejected, after: result };
}
