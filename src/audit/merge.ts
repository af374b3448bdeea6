import { helpText } from '../core/engine.js';
import type { Confidence, Finding, Severity } from '../core/finding.js';
import { ALL_RULES } from '../rules/index.js';
import { VERSION } from '../version.js';
import type { FindingsFile, StoredFinding } from './findings-file.js';
import { FINDINGS_FORMAT_VERSION, type Area, type AuditData, type CapabilityOutcome } from './types.js';

function toFinding(s: StoredFinding, prefix: string): Finding {
  const meta = ALL_RULES.find((r) => r.id === s.ruleId);
  return {
    ruleId: s.ruleId,
    severity: s.severity as Severity,
    confidence: s.confidence as Confidence,
    message: s.message,
    help: meta ? helpText(meta) : '',
    file: `${prefix}/${s.file}`,
    span: { start: 0, end: 0 },
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    sourceLine: s.sourceLine,
  };
}

/**
 * Combines the findings.json of several repositories (one CI job each) into the data of one pack:
 * paths are prefixed with the repository's name, capabilities are summed, tables concatenated.
 */
export function mergePacks(packs: readonly { name: string; file: FindingsFile }[], date: string): AuditData {
  const caps = new Map<string, CapabilityOutcome>();
  const data: AuditData = {
    meta: { tool: 'groundwork', version: VERSION, formatVersion: FINDINGS_FORMAT_VERSION, root: '', name: `${packs.length} repositories`, date },
    capabilities: [],
    components: [],
    artefacts: {},
    workflowFiles: [],
  };
  const pins = { pinned: 0, unpinned: 0, allowed: 0, local: 0, external: 0 };
  let anyPins = false;
  for (const { name, file } of packs) {
    for (const c of file.capabilities) {
      const cap = caps.get(c.id) ?? { id: c.id, title: c.title, area: c.area as Area, status: 'ok', findings: [], ms: 0, note: '' };
      cap.ms += c.ms;
      if (c.status !== 'ok') cap.note = `${cap.note ? `${cap.note}; ` : ''}${name}: ${c.status}`;
      caps.set(c.id, cap);
    }
    for (const f of file.findings) caps.get(f.capability)?.findings.push(toFinding(f, name));
    data.components.push(...(file.components ?? []).map((c) => ({ ...c, path: `${name}/${c.path}` })));
    if (file.pins) {
      anyPins = true;
      for (const k of Object.keys(pins) as (keyof typeof pins)[]) pins[k] += file.pins[k];
    }
    for (const m of file.milestones ?? []) (data.milestones ??= []).push({ ...m, id: `${name}:${m.id}` });
  }
  data.capabilities = [...caps.values()].map((c) => ({ ...c, note: c.note || `${packs.length} repositories` }));
  if (anyPins) data.pins = pins;
  return data;
}
