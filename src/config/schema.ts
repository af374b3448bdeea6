/**
 * A small typed validator for the config file: every unknown key and every wrong type becomes an
 * error naming its path, so a typo (`exlude:`) is never silently accepted.
 */
export type Schema =
  | { kind: 'string'; enum?: readonly string[] }
  | { kind: 'number'; min?: number }
  | { kind: 'boolean' }
  | { kind: 'array'; of: Schema }
  | { kind: 'object'; keys: Record<string, Schema>; required?: readonly string[] }
  | { kind: 'record'; of: Schema }
  | { kind: 'union'; of: readonly Schema[]; label: string }
  | { kind: 'any' };

export const str = (values?: readonly string[]): Schema => ({ kind: 'string', enum: values });
/** A finite number (never NaN or .inf: a ledger's `effort: .nan` would never schedule), at least `min`. */
export const num = (min?: number): Schema => ({ kind: 'number', min });
export const bool = (): Schema => ({ kind: 'boolean' });
export const arr = (of: Schema): Schema => ({ kind: 'array', of });
export const obj = (keys: Record<string, Schema>, required?: readonly string[]): Schema => ({ kind: 'object', keys, required });
export const record = (of: Schema): Schema => ({ kind: 'record', of });
export const union = (label: string, ...of: Schema[]): Schema => ({ kind: 'union', of, label });
export const any = (): Schema => ({ kind: 'any' });

export interface SchemaError {
  /** Dotted path such as `rules.pipe-without-pipefail.severity`. */
  path: string;
  message: string;
}

function describe(s: Schema): string {
  switch (s.kind) {
    case 'string':
      return s.enum ? `one of ${s.enum.join(', ')}` : 'a string';
    case 'union':
      return s.label;
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    default:
      return `a ${s.kind}`;
  }
}

export function validate(value: unknown, schema: Schema, path = ''): SchemaError[] {
  const at = path || '(top level)';
  switch (schema.kind) {
    case 'any':
      return [];
    case 'string':
      if (typeof value !== 'string') return [{ path: at, message: `expected ${describe(schema)}` }];
      if (schema.enum && !schema.enum.includes(value)) return [{ path: at, message: `'${value}' is not ${describe(schema)}` }];
      return [];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return [{ path: at, message: `expected a number${typeof value === 'number' ? ` (got ${value})` : ''}` }];
      return schema.min !== undefined && value < schema.min ? [{ path: at, message: `expected a number of at least ${schema.min} (got ${value})` }] : [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [{ path: at, message: 'expected true or false' }];
    case 'array':
      if (!Array.isArray(value)) return [{ path: at, message: 'expected a list' }];
      return value.flatMap((v, i) => validate(v, schema.of, `${path}[${i}]`));
    case 'record':
      if (!isPlainObject(value)) return [{ path: at, message: 'expected a mapping' }];
      return Object.entries(value).flatMap(([k, v]) => validate(v, schema.of, path ? `${path}.${k}` : k));
    case 'object': {
      if (!isPlainObject(value)) return [{ path: at, message: 'expected a mapping' }];
      const errors: SchemaError[] = [];
      for (const [k, v] of Object.entries(value)) {
        // Own keys only: `__proto__` or `constructor` in a file must not find Object.prototype's members.
        const sub = Object.hasOwn(schema.keys, k) ? schema.keys[k] : undefined;
        const p = path ? `${path}.${k}` : k;
        if (!sub) errors.push({ path: p, message: `unknown key '${k}'${suggest(k, Object.keys(schema.keys))}` });
        else errors.push(...validate(v, sub, p));
      }
      for (const r of schema.required ?? []) {
        if (!(r in value)) errors.push({ path: at, message: `missing required key '${r}'` });
      }
      return errors;
    }
    case 'union': {
      for (const option of schema.of) if (validate(value, option, path).length === 0) return [];
      // A mapping given where one form is a mapping: its own errors name the key and line at fault.
      const mappings = schema.of.filter((o) => o.kind === 'object' || o.kind === 'record');
      if (isPlainObject(value) && mappings.length === 1) return validate(value, mappings[0]!, path);
      return [{ path: at, message: `expected ${schema.label}` }];
    }
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** ` (did you mean 'exclude'?)` for a near miss. */
export function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
