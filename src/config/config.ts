import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../core/errors.js';
import type { FailOn, Severity } from '../core/finding.js';
import { isPlainObject, suggest, validate } from './schema.js';
import { configSchema } from './sections.js';
import { isInside, realTarget } from '../services/real-path.js';
import { readRegularText } from '../services/regular-file.js';
import { yamlToJs } from './yaml-to-js.js';

/** Whether anything (a dangling link too) is at the path. */
function lexists(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

export const CONFIG_PATHS = ['groundwork.yml', '.github/groundwork.yml'] as const;

/** Whether loadConfig will read a file (one named, or one at a default path): only then are rule ids checked. */
export function configFileAhead(root: string, explicit?: string): boolean {
  return explicit !== undefined || CONFIG_PATHS.some((p) => lexists(join(root, p)));
}

export interface RuleConfig {
  enabled: boolean;
  severity?: Severity;
}

/** The validated configuration of one repository; defaults when there is no file. */
export class Config {
  private readonly ignored: (path: string) => boolean;

  constructor(
    readonly raw: Record<string, unknown> = {},
    /** Repository-relative path of the file it came from. */
    readonly path?: string,
  ) {
    const patterns = (raw.ignore as string[] | undefined) ?? [];
    this.ignored = patterns.length ? picomatch(patterns, { dot: true }) : () => false;
  }

  rule(id: string): RuleConfig {
    const v = (this.raw.rules as Record<string, unknown> | undefined)?.[id];
    if (v === undefined || v === 'on' || v === true) return { enabled: true };
    if (v === 'off' || v === false) return { enabled: false };
    if (typeof v === 'string') return { enabled: true, severity: v as Severity };
    const m = v as { enabled?: boolean; severity?: Severity };
    return { enabled: m.enabled ?? true, severity: m.severity };
  }

  /** Whether the file turns a rule on by name (opt-in rules such as `workflow-schema` run only then). */
  explicitlyEnabled(id: string): boolean {
    const v = (this.raw.rules as Record<string, unknown> | undefined)?.[id];
    return v !== undefined && this.rule(id).enabled;
  }

  isIgnoredPath(path: string): boolean {
    return this.ignored(path);
  }

  section<T>(name: string): Partial<T> {
    return (this.raw[name] as Partial<T> | undefined) ?? {};
  }

  get failOn(): FailOn | undefined {
    return this.raw.failOn as FailOn | undefined;
  }
}

/**
 * Loads `groundwork.yml` (or `.github/groundwork.yml`) from the repository root, validating every
 * key; `knownRules` catches misspelt rule ids. Errors name the file and the line.
 */
export function loadConfig(root: string, knownRules: readonly string[], explicit?: string): Config {
  const present = (p: string) => lexists(join(root, p));
  const candidates = explicit ? [explicit] : CONFIG_PATHS.filter(present);
  if (candidates.length === 0) return new Config();
  const rel = candidates[0]!;
  const inRepo = !explicit || (!explicit.startsWith('/') && present(explicit));
  const abs = inRepo ? join(root, rel) : explicit!;
  if (!lexists(abs)) throw new InputError(`${rel}: configuration file not found`);
  // The repository's own configuration is read from inside it only: a committed link could point anywhere.
  if (inRepo && !isInside(realpathSync(root), realTarget(abs))) throw new InputError(`${rel}: symbolic link points outside the repository; not followed`, rel);
  const text = readRegularText(abs, rel);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new InputError(`${rel}:${line}: invalid YAML: ${e.message.split('\n')[0]}`, rel, line);
  }
  const raw = yamlToJs(doc, rel) ?? {};
  if (!isPlainObject(raw)) throw new InputError(`${rel}:1: the configuration must be a mapping`, rel, 1);
  const errors = validate(raw, configSchema);
  for (const id of Object.keys((raw.rules as Record<string, unknown>) ?? {})) {
    if (!knownRules.includes(id)) errors.push({ path: `rules.${id}`, message: `unknown rule '${id}'${suggest(id, knownRules)}` });
  }
  if (errors.length) {
    const lines = errors.map((e) => {
      const node = doc.getIn(
        e.path.split('.').map((p) => p.replace(/\[(\d+)\]$/, '')),
        true,
      ) as { range?: [number, number] } | undefined;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
      return `${rel}:${line}: ${e.path}: ${e.message}`;
    });
    throw new InputError(`invalid configuration:\n  ${lines.join('\n  ')}`, rel);
  }
  return new Config(raw, rel);
}
