import { emptyClaims, LEDGER_FORMAT, type Ledger, type Milestone, type Sketch, type Verification } from './ledger.js';
import { idsIn, mentions, splitByParentheses } from './markdown-ids.js';
import { parseSummaryRow } from './seed-table.js';

/** A line of the document that the importer could not turn into ledger data. */
export interface ImportProblem {
  line: number;
  message: string;
  /** The line's text, for reporters. */
  text: string;
  severity: 'info' | 'low' | 'medium';
}

export interface ImportResult {
  ledger: Ledger;
  problems: ImportProblem[];
}

export interface ImportOptions {
  /** Path recorded as the ledger's source (as the user gave it). */
  source?: string;
  /** Milestones with a recipe get `verify` through it when the document's verification is prose. */
  hasRecipe?: (id: string) => boolean;
}

const FIELD = /^\*\*([A-Za-z ]+)\*\*:\s*(.*)$/;
const SECTION = /^###\s+(?:Action\s+(\d+):\s*)?(M\d{2,4})\s*[-–:]\s*(.+?)\s*$/;
const KNOWN_FIELDS = new Set(['title', 'priority', 'effort', 'blockers', 'problem', 'solution', 'deliverables', 'verification', 'rollback', 'next']);
const MANUAL_HINT = /branch protection|required check|admin/i;
const RUNNABLE = /^(python3?|pytest|grep|bash|sh|make|npm|npx|node|pre-commit|\.\/|git|cargo|go)\b/;

/**
 * Reads the seed's markdown format: `### Action N: MXX - Title` sections with `**Field**:` lines,
 * the summary table, "Total Effort", "Parallelizable", "Start with", the day-by-day sequence and
 * every id mentioned anywhere. What it cannot place is reported with its line.
 */
export function importSeed(markdown: string, opts: ImportOptions = {}): ImportResult {
  const lines = markdown.split(/\r?\n/);
  const ledger: Ledger = { format: LEDGER_FORMAT, title: 'Refactoring program', source: opts.source, milestones: [], claims: emptyClaims() };
  const problems: ImportProblem[] = [];
  const problem = (i: number, message: string, severity: ImportProblem['severity'] = 'info') =>
    problems.push({ line: i + 1, message, text: lines[i] ?? '', severity });
  const seen = new Set<string>();
  let current: Milestone | undefined;
  let field = '';
  let fence: { start: number; body: string[] } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const n = i + 1;
    if (line.startsWith('```')) {
      if (fence) {
        if (current) addSketch(current, fence.start, fence.body);
        fence = undefined;
      } else fence = { start: n + 1, body: [] };
      continue;
    }
    if (fence) {
      fence.body.push(raw);
      continue;
    }
    recordReferences(ledger, line, n, seen);
    if (/^#\s/.test(line) && ledger.title === 'Refactoring program') ledger.title = line.replace(/^#\s+/, '');
    const baseline = /^\*\*Baseline Commit:\*\*\s*`?([0-9a-f]{6,40})`?/i.exec(line);
    if (baseline) ledger.baseline = baseline[1];
    const start = /\*\*Start with (M\d{2,4})\*\*/i.exec(line);
    if (start) ledger.claims.start.push({ id: start[1]!, line: n });
    claimsOf(ledger, line, n);
    if (/^##\s/.test(line) || (/^###\s/.test(line) && !SECTION.test(line))) {
      current = undefined;
      field = '';
    }
    const section = SECTION.exec(line);
    if (section) {
      current = newMilestone(section[2]!, section[3]!, section[1], n);
      if (ledger.milestones.some((m) => m.id === current!.id)) problem(i, `${current.id} is defined twice; the second definition is ignored`, 'medium');
      else ledger.milestones.push(current);
      continue;
    }
    if (line.startsWith('|')) {
      const row = parseSummaryRow(line);
      if (row) {
        const m = ledger.milestones.find((x) => x.id === row.id);
        if (!m) problem(i, `summary table row ${row.id} has no action section`, 'medium');
        else {
          m.table = { priority: row.priority, effort: row.effort, blockers: row.blockers, line: n };
          if (row.action && row.action !== m.title) {
            m.aliases = unique([m.title, ...m.aliases]);
            m.title = row.action;
            m.aliases = m.aliases.filter((a) => a !== m.title);
          }
        }
      }
      continue;
    }
    if (!current) continue;
    const f = FIELD.exec(line);
    if (f) {
      field = f[1]!.trim().toLowerCase();
      current.lines[field] = n;
      if (!KNOWN_FIELDS.has(field)) problem(i, `${current.id}: unknown field '${f[1]}' is not imported`);
      else applyField(current, field, f[2]!.trim(), (msg, sev) => problem(i, `${current!.id}: ${msg}`, sev), opts);
      continue;
    }
    if (field === 'deliverables' && /^[-*]\s+(\[[ xX]\]\s*)?/.test(line)) {
      addDeliverable(current, line.replace(/^[-*]\s+(\[[ xX]\]\s*)?/, ''), (msg) => problem(i, `${current!.id}: ${msg}`));
    }
  }
  const hasTable = lines.some((l) => l.trim().startsWith('| ID'));
  for (const m of ledger.milestones) {
    if (!m.table && hasTable) problem(m.lines.section! - 1, `${m.id} is missing from the summary table`, 'low');
    if (m.effort === undefined) problem(m.lines.section! - 1, `${m.id} has no effort estimate`, 'low');
  }
  return { ledger, problems };
}

function newMilestone(id: string, heading: string, action: string | undefined, line: number): Milestone {
  return {
    id,
    title: heading,
    aliases: action ? [`Action ${action}`] : [],
    blockers: [],
    soft: [],
    deliverables: [],
    manual: [],
    next: [],
    lines: { section: line },
  };
}

function applyField(m: Milestone, field: string, value: string, problem: (msg: string, sev?: ImportProblem['severity']) => void, opts: ImportOptions): void {
  switch (field) {
    case 'title':
      if (value && value !== m.title) m.aliases = unique([...m.aliases, value]);
      return;
    case 'priority': {
      const p = /\bP\d\b/.exec(value);
      if (p) m.priority = p[0];
      else problem(`priority '${value}' is not P0…P9`, 'low');
      return;
    }
    case 'effort': {
      const e = /(\d+(?:\.\d+)?)\s*(h|hours?)\b/i.exec(value);
      if (e) m.effort = Number(e[1]);
      else problem(`effort '${value}' is not a number of hours`, 'low');
      return;
    }
    case 'blockers': {
      const { outside, inside } = splitByParentheses(value);
      m.blockers = /^none\b/i.test(outside.trim()) ? [] : idsIn(outside);
      m.soft = idsIn(inside).filter((id) => !m.blockers.includes(id));
      return;
    }
    case 'verification':
      m.verification = verificationOf(value, m.id, opts);
      if (m.verification.kind !== 'command')
        problem(
          `verification is prose, not a command: ${m.verification.kind === 'recipe' ? "checked by the milestone's recipe (groundwork verify)" : 'needs an attestation'}`,
        );
      return;
    case 'rollback':
      m.rollback = value;
      return;
    case 'next': {
      const after = value.split(/→|->/).slice(1).join(' ');
      m.next = idsIn(splitByParentheses(after).outside);
      return;
    }
  }
}

function verificationOf(text: string, id: string, opts: ImportOptions): Verification {
  const commands = [...text.matchAll(/`([^`]+)`/g)].map((c) => c[1]!.trim());
  const runFile = /^Run\s+`([^`]+\.py)`/i.exec(text);
  if (runFile) return { kind: 'command', run: `python ${runFile[1]}`, expect: 0, stated: text };
  const runnable = commands.filter((c) => RUNNABLE.test(c));
  if (runnable.length > 0 && (text.startsWith('`') || /^Run\s+`/i.test(text))) return { kind: 'command', run: runnable.join(' && '), expect: 0, stated: text };
  return opts.hasRecipe?.(id) ? { kind: 'recipe', stated: text } : { kind: 'manual', stated: text };
}

function addDeliverable(m: Milestone, item: string, problem: (msg: string) => void): void {
  if (MANUAL_HINT.test(item)) {
    m.manual.push(item);
    return;
  }
  const paths = [...item.matchAll(/`([^`\s]+)`/g)].map((p) => p[1]!).filter(looksLikePath);
  if (/^update\b/i.test(item) || paths.length === 0) {
    problem(`deliverable '${item}' names no new file; left to the milestone's verification`);
    return;
  }
  m.deliverables = unique([...m.deliverables, ...paths]);
}

function looksLikePath(s: string): boolean {
  return !s.includes('(') && /^[\w.\-/]+$/.test(s) && (s.includes('/') || /\.\w{1,5}$/.test(s));
}

/** A fenced block whose first line is `# path/to/file.py` is what the document proposes for that file. */
function addSketch(m: Milestone, line: number, body: string[]): void {
  const head = /^\s*(?:#|\/\/)\s*([\w./-]+\.\w+)\s*$/.exec(body[0] ?? '');
  if (!head) return;
  const sketch: Sketch = { path: head[1]!, line, text: body.join('\n') };
  m.sketches = [...(m.sketches ?? []), sketch];
}

function recordReferences(ledger: Ledger, line: string, n: number, seen: Set<string>): void {
  for (const mention of mentions(line)) {
    for (const id of mention.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      ledger.claims.references.push({ id, line: n });
    }
  }
}

function claimsOf(ledger: Ledger, line: string, n: number): void {
  const total = /^\*\*Total Effort\*\*:\s*(\d+(?:\.\d+)?)\s*h/i.exec(line);
  if (total) ledger.claims.totalHours = { value: Number(total[1]), line: n };
  // Only the clause that says "parallel" counts: "After M02 → Start Phase 1 (M03-M10 in parallel)".
  for (const clause of line.split(/→|->|\(|\)|\s[-–]\s/)) {
    if (!/parallel|independent/i.test(clause)) continue;
    const ids = idsIn(clause);
    if (ids.length >= 2) ledger.claims.parallel.push({ ids, line: n, text: clause.trim() });
  }
  const day = /\*\*Days?\s+(\d+)(?:\s*[-–]\s*(\d+))?\*\*:\s*(.*)$/i.exec(line);
  if (day) {
    const ids = idsIn(day[3]!);
    if (ids.length) ledger.claims.sequence.push({ ids, from: Number(day[1]), to: Number(day[2] ?? day[1]), line: n });
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
