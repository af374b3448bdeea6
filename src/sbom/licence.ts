import type { Confidence } from '../core/finding.js';
import { identifyLicenceText, isDualStatement, join, spdxTags } from './licence-match.js';
import { normaliseExpression } from './licence-expression.js';
import type { LicenceInfo } from './model.js';
import { isLicenceFile } from './roots.js';
import type { FolderReader } from './version-probes.js';

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/**
 * The licence of one component from its own files: REUSE `LICENSES/<id>.txt` names, SPDX tags and
 * text matches of top-level licence files, and the `license` field of package.json/Cargo.toml.
 * Several files with different answers are combined with AND and marked for review.
 */
export function componentLicence(folder: FolderReader, prefix: string, singleFile = false): LicenceInfo {
  const at = (rel: string) => (prefix ? (singleFile ? prefix : `${prefix}/${rel}`) : rel);
  if (singleFile)
    return headerLicence(folder, at) ?? { confidence: 'low', files: [], method: 'none', review: 'a single copied file with no licence in its header comment' };
  const reuse = folder.files.filter((f) => /^LICENSES\/[^/]+\.txt$/.test(f)).map((f) => f.slice(9, -4));
  if (reuse.length)
    return { expression: join(reuse, false), confidence: 'high', files: folder.files.filter((f) => f.startsWith('LICENSES/')).map(at), method: 'reuse' };

  const top = folder.files.filter((f) => !f.includes('/') && isLicenceFile(f));
  // one level down (`license/COPYING.txt`, `libqhull_r/COPYING.txt`), not in tests or docs
  const below = top.length
    ? []
    : folder.files.filter(
        (f) =>
          f.split('/').length === 2 && isLicenceFile(f.split('/')[1]!) && !/^(?:tests?|docs?|examples?|samples?|third[-_]?party|vendor|external)\//i.test(f),
      );
  const licenceFiles = [...top, ...below].sort(byPreference);
  const results: { file: string; expression: string; confidence: Confidence; method: string; score?: number; review?: string }[] = [];
  const unidentified: string[] = [];
  for (const f of licenceFiles) {
    const text = folder.read(f);
    if (text === undefined) continue;
    const m = identifyLicenceText(text);
    if (m.expression) results.push({ file: f, expression: m.expression, confidence: m.confidence, method: m.method, score: m.score, review: m.review });
    else if (!/^(notice|patents|copyright)/i.test(f)) unidentified.push(`${f} (${m.review})`); // notices carry no grant of their own
  }
  const declared = manifestLicence(folder);
  if (results.length === 0 && !declared) {
    const fromHeaders = headerLicence(folder, at);
    if (fromHeaders) return fromHeaders;
  }
  if (results.length === 0 && declared)
    return {
      expression: declared.expression,
      confidence: 'medium',
      files: [at(declared.file)],
      method: 'manifest',
      review: unidentified.length ? `licence file not recognised: ${unidentified.join('; ')}` : undefined,
    };
  if (results.length === 0) {
    return {
      confidence: 'low',
      files: licenceFiles.map(at),
      method: 'none',
      review: licenceFiles.length ? `licence file not recognised: ${unidentified.join('; ')}` : 'no licence file',
    };
  }
  const ids = [...new Set(results.map((r) => r.expression))];
  const weakest = results.reduce((w, r) => (RANK[r.confidence] < RANK[w.confidence] ? r : w));
  // LICENSE-MIT next to LICENSE-APACHE is a choice only when the project says so (README, a licence file)
  const statements = [...folder.files.filter((f) => !f.includes('/') && /^readme/i.test(f)), ...licenceFiles].map((f) => folder.read(f) ?? '');
  const dual = ids.length > 1 && statements.some((t) => isDualStatement(t, ids.length));
  if (dual) {
    return {
      expression: join(ids, true),
      confidence: weakest.confidence === 'high' ? 'high' : 'medium',
      files: results.map((r) => at(r.file)),
      method: results[0]!.method,
      review: `a choice of licences, as the project states (${results.map((r) => `${r.file} → ${r.expression}`).join(', ')})`,
    };
  }
  const review = [
    ids.length > 1 ? `several licence files: ${results.map((r) => `${r.file} → ${r.expression}`).join(', ')}` : undefined,
    ...results.map((r) => r.review && `${r.file}: ${r.review}`),
    unidentified.length ? `not recognised: ${unidentified.join('; ')}` : undefined,
  ].filter(Boolean);
  return {
    expression: ids.length === 1 ? ids[0] : join(ids, false),
    confidence: ids.length > 1 ? 'low' : weakest.confidence,
    files: results.map((r) => at(r.file)),
    method: results[0]!.method,
    score: results.find((r) => r.score !== undefined)?.score,
    review: review.length ? review.join('; ') : undefined,
  };
}

function manifestLicence(folder: FolderReader): { expression: string; file: string } | undefined {
  if (folder.files.includes('package.json')) {
    try {
      const v = (JSON.parse(folder.read('package.json') ?? '{}') as { license?: unknown }).license;
      if (typeof v === 'string' && v) return { expression: v, file: 'package.json' };
    } catch {
      /* not JSON: no declaration */
    }
  }
  for (const f of ['Cargo.toml', 'pyproject.toml']) {
    const m = folder.files.includes(f) ? /^license\s*=\s*"([^"]+)"/m.exec(folder.read(f) ?? '') : null;
    if (m) return { expression: m[1]!, file: f };
  }
  const readme = folder.files.find((f) => /^readme/i.test(f));
  const tag = readme ? spdxTags(folder.read(readme) ?? '')[0] : undefined;
  return tag && readme ? { expression: tag, file: readme } : undefined;
}

/**
 * The licence in the header comments of a component's few source files (a single copied header, a
 * folder of two files without a LICENSE): every file that states one must agree.
 */
function headerLicence(folder: FolderReader, at: (rel: string) => string): LicenceInfo | undefined {
  const sources = folder.files.filter((f) => /\.(?:h|hh|hpp|hxx|inl|c|cc|cpp|cxx|py|js|go|rs)$/i.test(f));
  if (sources.length === 0 || sources.length > 8) return undefined;
  const found: { file: string; expression: string; confidence: Confidence }[] = [];
  for (const f of sources) {
    const text = folder.read(f);
    if (text === undefined) continue;
    const head = text.split('\n').slice(0, 120).join('\n');
    const comment = head.replace(/^\s*(?:\/\/+|#+|\*+|\/\*+|\*\/)\s?/gm, '');
    const m = identifyLicenceText(comment);
    if (m.expression)
      found.push({
        file: f,
        expression: normaliseExpression(m.expression) ?? m.expression,
        confidence: m.confidence === 'high' && m.method === 'spdx-tag' ? 'high' : 'medium',
      });
  }
  if (found.length === 0) return undefined;
  const ids = [...new Set(found.map((x) => x.expression))];
  if (ids.length > 1)
    return {
      expression: join(ids, false),
      confidence: 'low',
      files: found.map((x) => at(x.file)),
      method: 'file-header',
      review: `file headers disagree: ${found.map((x) => `${x.file} → ${x.expression}`).join(', ')}`,
    };
  return {
    expression: ids[0],
    confidence: found.every((x) => x.confidence === 'high') ? 'high' : 'medium',
    files: found.map((x) => at(x.file)),
    method: 'file-header',
    review: found.every((x) => x.confidence === 'high') ? undefined : 'read from the licence notice in the file header',
  };
}

/** LICENSE before COPYING before NOTICE: the first is usually the main grant. */
function byPreference(a: string, b: string): number {
  const rank = (f: string) => (/^licen/i.test(f) ? 0 : /^copying/i.test(f) ? 1 : /^unlicen/i.test(f) ? 2 : 3);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
