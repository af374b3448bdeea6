/**
 * The JSON Schema of findings.json (format version 1): what `merge` and `audit --since` read from
 * files that another run, another version or a person wrote. Only the fields groundwork reads are
 * constrained; others may be added without a format change.
 */
const count = { type: 'integer', minimum: 0 } as const;
const position = { type: 'integer', minimum: 1 } as const;
const text = { type: 'string' } as const;
const optionalText = { type: ['string', 'null'] } as const;

const finding = {
  type: 'object',
  required: ['ruleId', 'severity', 'confidence', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'capability', 'fingerprint'],
  properties: {
    ruleId: text,
    severity: { enum: ['info', 'low', 'medium', 'high'] },
    confidence: { enum: ['low', 'medium', 'high'] },
    message: text,
    file: text,
    line: position,
    column: position,
    endLine: position,
    endColumn: count,
    fixable: { type: 'boolean' },
    capability: text,
    fingerprint: text,
    sourceLine: text,
  },
} as const;

const capability = {
  type: 'object',
  required: ['id', 'title', 'area', 'status', 'ms', 'findings'],
  properties: {
    id: text,
    title: text,
    area: { enum: ['ci-reliability', 'ci-security', 'supply-chain', 'test-infrastructure', 'governance'] },
    status: { enum: ['ok', 'skipped', 'failed'] },
    note: optionalText,
    ms: { type: 'number', minimum: 0 },
    findings: count,
  },
} as const;

const component = {
  type: 'object',
  required: ['name', 'path', 'kind'],
  properties: {
    name: text,
    path: text,
    kind: text,
    version: optionalText,
    versionConfidence: optionalText,
    commit: optionalText,
    date: optionalText,
    ageDays: { type: ['number', 'null'] },
    licence: optionalText,
    licenceConfidence: optionalText,
    upstream: optionalText,
  },
} as const;

export const FINDINGS_SCHEMA = {
  $id: 'https://github.com/groundwork-dev/groundwork/findings.schema.json',
  type: 'object',
  required: ['tool', 'version', 'formatVersion', 'repository', 'capabilities', 'findings', 'components'],
  properties: {
    tool: { const: 'groundwork' },
    version: text,
    formatVersion: { const: 1 },
    repository: { type: 'object', required: ['name', 'date'], properties: { name: text, commit: optionalText, date: text } },
    capabilities: { type: 'array', items: capability },
    findings: { type: 'array', items: finding },
    components: { type: 'array', items: component },
    pins: {
      type: 'object',
      required: ['pinned', 'unpinned', 'allowed', 'local', 'external'],
      properties: { pinned: count, unpinned: count, allowed: count, local: count, external: count },
    },
    milestones: {
      type: 'array',
      items: { type: 'object', required: ['id', 'title', 'status'], properties: { id: text, title: text, status: text, detail: optionalText } },
    },
  },
} as const;
