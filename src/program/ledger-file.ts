import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { arr, num, obj, str, union, validate, type Schema } from '../config/schema.js';
import { InputError } from '../core/errors.js';
import { yamlToJs } from '../config/yaml-to-js.js';
import { emptyClaims, LEDGER_FORMAT, type Ledger, type Milestone } from './ledger.js';

const lines: Schema = { kind: 'record', of: num() };
const verification = union(
  'a mapping {kind: command, run, expect} | {kind: recipe} | {kind: manual, stated}',
  obj({ kind: str(['command']), run: str(), expect: num(), stated: str() }, ['kind', 'run', 'expect']),
  obj({ kind: str(['recipe']), stated: str() }, ['kind']),
  obj({ kind: str(['manual']), stated: str() }, ['kind', 'stated']),
);
const milestone = obj(
  {
    id: str(),
    title: str(),
    aliases: arr(str()),
    priority: str(),
    effort: num(0),
    blockers: arr(str()),
    soft: arr(str()),
    deliverables: arr(str()),
    manual: arr(str()),
    verification,
    rollback: str(),
    next: arr(str()),
    attestation: obj({ status: str(['done']), by: str(), at: str(), why: str() }, ['status', 'by', 'at', 'why']),
    notApplicable: str(),
    sketches: arr(obj({ path: str(), line: num(), text: str() }, ['path', 'line', 'text'])),
    lines,
    table: obj({ priority: str(), effort: num(0), blockers: arr(str()), line: num() }, ['blockers', 'line']),
  },
  ['id', 'title'],
);
const idLine = obj({ id: str(), line: num() }, ['id', 'line']);
const ledgerSchema: Schema = obj(
  {
    format: num(),
    title: str(),
    source: str(),
    baseline: str(),
    milestones: arr(milestone),
    claims: obj({
      totalHours: obj({ value: num(), line: num() }, ['value', 'line']),
      parallel: arr(obj({ ids: arr(str()), line: num(), text: str() }, ['ids', 'line', 'text'])),
      references: arr(idLine),
      sequence: arr(obj({ ids: arr(str()), from: num(), to: num(), line: num() }, ['ids', 'from', 'to', 'line'])),
      start: arr(idLine),
    }),
  },
  ['format', 'milestones'],
);

/** Parses and validates a ledger; errors name the file and line, as the config loader's do. */
export function parseLedger(text: string, path: string): Ledger {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new InputError(`${path}:${counter.linePos(e.pos[0]).line}: invalid YAML: ${e.message.split('\n')[0]}`, path);
  }
  const raw = yamlToJs(doc, path) as Record<string, unknown> | null;
  const errors = validate(raw ?? {}, ledgerSchema);
  if (errors.length) throw new InputError(`${path}: invalid ledger:\n  ${errors.map((e) => `${e.path}: ${e.message}`).join('\n  ')}`, path);
  const format = raw!.format as number;
  if (format > LEDGER_FORMAT) {
    throw new InputError(
      `${path}: ledger format ${format} was written by a newer groundwork; this one reads format ${LEDGER_FORMAT}. Upgrade groundwork.`,
      path,
    );
  }
  const milestones = ((raw!.milestones as Partial<Milestone>[]) ?? []).map(normaliseMilestone);
  const claims = { ...emptyClaims(), ...((raw!.claims as object) ?? {}) };
  return {
    format,
    title: (raw!.title as string) ?? 'Refactoring program',
    source: raw!.source as string | undefined,
    baseline: raw!.baseline as string | undefined,
    milestones,
    claims,
  };
}

function normaliseMilestone(m: Partial<Milestone>): Milestone {
  return {
    aliases: [],
    blockers: [],
    soft: [],
    deliverables: [],
    manual: [],
    next: [],
    lines: {},
    ...m,
  } as Milestone;
}

/** Stable YAML: fixed key order, empty lists dropped, so a re-import produces no diff. */
export function serializeLedger(ledger: Ledger): string {
  const milestones = ledger.milestones.map((m) => prune(Object.fromEntries(MILESTONE_KEYS.map((k) => [k, m[k]]))));
  const body = {
    ...prune({ format: ledger.format, title: ledger.title, source: ledger.source, baseline: ledger.baseline }),
    milestones,
    claims: ledger.claims,
  };
  const doc = new Document(body, { aliasDuplicateObjects: false });
  // Lists of ids read best on one line: `blockers: [M01]`.
  visit(doc, {
    Seq: (_, node) => void (isSeq(node) && node.items.every((i) => isScalar(i) && String(i.value).length < 60) && (node.flow = true)),
    Map: (_, node) =>
      void (isMap(node) && node.items.length > 0 && node.items.every((p) => isScalar(p.value) && typeof p.value.value === 'number') && (node.flow = true)),
  });
  const header =
    '# The refactoring program: milestones, blockers, deliverables, verification.\n# Read by `groundwork plan check|schedule|status|render`; edit freely, it is the source of truth.\n';
  return header + doc.toString({ lineWidth: 0 });
}

const MILESTONE_KEYS: (keyof Milestone)[] = [
  'id',
  'title',
  'aliases',
  'priority',
  'effort',
  'blockers',
  'soft',
  'deliverables',
  'manual',
  'verification',
  'rollback',
  'next',
  'attestation',
  'notApplicable',
  'sketches',
  'table',
  'lines',
];

function prune<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as T;
}
