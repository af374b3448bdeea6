/**
 * pyproject.toml parsed once per text: the layout, the dependencies and pytest's configuration all
 * read the same files. Texts that do not parse give undefined.
 */
import { parse } from 'smol-toml';

export type Table = Record<string, unknown>;

const parsed = new Map<string, Table | undefined>();

export function parseToml(text: string): Table | undefined {
  if (parsed.has(text)) return parsed.get(text);
  let doc: Table | undefined;
  try {
    doc = parse(text) as Table;
  } catch {
    doc = undefined;
  }
  // A run reads a few hundred of them at most; a long-lived process keeps only the recent ones.
  if (parsed.size >= 512) parsed.clear();
  parsed.set(text, doc);
  return doc;
}

export function table(v: unknown): Table | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Table) : undefined;
}

/** The value at a path of keys, or undefined. */
export function at(t: Table | undefined, ...keys: string[]): unknown {
  let v: unknown = t;
  for (const k of keys) v = table(v)?.[k];
  return v;
}

export function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
