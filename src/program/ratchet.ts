import { createHash } from 'node:crypto';
import { findingAt } from '../core/engine.js';
import { InputError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import { ratchetRegression } from '../rules/ratchet-regression.js';
import { ratchetStaleBaseline } from '../rules/ratchet-stale-baseline.js';

export const RATCHET_FORMAT = 1;
export const DEFAULT_RATCHET_PATH = 'refactor/ratchet.json';

/** Counts per rule, per file, per hash of the finding's line content. */
export interface RatchetBaseline {
  format: number;
  generatedBy: string;
  total: number;
  rules: Record<string, { total: number; files: Record<string, { total: number; lines: Record<string, number> }> }>;
}

/**
 * What a finding is matched by: its rule, its file and the content of its line (trimmed), never the
 * line number, so edits elsewhere in the file do not churn the baseline.
 */
export function lineHash(f: Finding): string {
  const content = (f.sourceLine ?? f.message).trim();
  return createHash('sha256').update(content).digest('hex').slice(0, 12);
}

export function buildBaseline(findings: Finding[], generatedBy: string): RatchetBaseline {
  // (Maps without a prototype: a file or rule named `constructor` is an entry like any other.)
  const b: RatchetBaseline = { format: RATCHET_FORMAT, generatedBy, total: 0, rules: Object.create(null) };
  for (const f of findings) {
    const rule = (b.rules[f.ruleId] ??= { total: 0, files: Object.create(null) });
    const file = (rule.files[f.file] ??= { total: 0, lines: Object.create(null) });
    const h = lineHash(f);
    file.lines[h] = (file.lines[h] ?? 0) + 1;
    file.total++;
    rule.total++;
    b.total++;
  }
  return b;
}

/** Sorted keys, one entry per line: merges and reviews see only the counts that changed. */
export function serializeBaseline(b: RatchetBaseline): string {
  const sortKeys = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
        )
      : v;
  return `${JSON.stringify({ format: b.format, generatedBy: b.generatedBy, total: b.total, rules: sortKeys(b.rules) }, null, 2)}\n`;
}

export function parseBaseline(text: string, path: string): RatchetBaseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${(e as Error).message}); regenerate it with 'groundwork ratchet --update'`, path);
  }
  const b = raw as Partial<RatchetBaseline>;
  if (typeof b?.format !== 'number' || typeof b.rules !== 'object' || b.rules === null) {
    throw new InputError(`${path}: not a groundwork ratchet baseline (no 'format' number and 'rules' mapping)`, path);
  }
  if (b.format > RATCHET_FORMAT) {
    throw new InputError(
      `${path}: written in ratchet format ${b.format} (by ${b.generatedBy ?? 'a newer groundwork'}); this groundwork reads format ${RATCHET_FORMAT} only. Upgrade groundwork instead of regenerating the baseline, or the ratchet would loosen.`,
      path,
    );
  }
  return b as RatchetBaseline;
}

export interface RatchetChange {
  rule: string;
  file: string;
  hash: string;
  before: number;
  now: number;
  /** A current finding with that key, to point at (for rises). */
  example?: Finding;
}

export function compareRatchet(baseline: RatchetBaseline, findings: Finding[]): { rises: RatchetChange[]; falls: RatchetChange[] } {
  const current = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = JSON.stringify([f.ruleId, f.file, lineHash(f)]);
    current.set(key, [...(current.get(key) ?? []), f]);
  }
  const before = new Map<string, number>();
  for (const [rule, r] of Object.entries(baseline.rules)) {
    for (const [file, fl] of Object.entries(r.files)) for (const [hash, n] of Object.entries(fl.lines)) before.set(JSON.stringify([rule, file, hash]), n);
  }
  const rises: RatchetChange[] = [];
  const falls: RatchetChange[] = [];
  for (const key of new Set([...before.keys(), ...current.keys()])) {
    const [rule, file, hash] = JSON.parse(key) as [string, string, string];
    const was = before.get(key) ?? 0;
    const now = current.get(key) ?? [];
    if (now.length > was) rises.push({ rule, file, hash, before: was, now: now.length, example: now[now.length - 1] });
    else if (now.length < was) falls.push({ rule, file, hash, before: was, now: now.length });
  }
  const order = (a: RatchetChange, b: RatchetChange) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
  return { rises: rises.sort(order), falls: falls.sort(order) };
}

/** Rises are regressions at the new finding; falls are reported against the baseline file. */
export function ratchetFindings(diff: { rises: RatchetChange[]; falls: RatchetChange[] }, baselinePath: string): Finding[] {
  const out: Finding[] = [];
  for (const r of diff.rises) {
    const f = r.example!;
    const msg = `${r.rule} in ${r.file}: ${r.now} finding(s) on this line content, the baseline allows ${r.before}: ${f.message}`;
    out.push(findingAt(ratchetRegression, f.file, { line: f.line, column: f.column }, msg, { sourceLine: f.sourceLine }));
  }
  const byRuleFile = new Map<string, RatchetChange[]>();
  for (const fall of diff.falls) byRuleFile.set(`${fall.rule}\0${fall.file}`, [...(byRuleFile.get(`${fall.rule}\0${fall.file}`) ?? []), fall]);
  for (const changes of byRuleFile.values()) {
    const { rule, file } = changes[0]!;
    const was = changes.reduce((n, c) => n + c.before, 0);
    const now = changes.reduce((n, c) => n + c.now, 0);
    out.push(
      findingAt(
        ratchetStaleBaseline,
        baselinePath,
        { line: 1 },
        `${rule} in ${file} fell from ${was} to ${now} (matched by line content) but ${baselinePath} still allows ${was}: run 'groundwork ratchet --update' and commit it`,
      ),
    );
  }
  return out;
}
