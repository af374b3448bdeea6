import { parse } from 'yaml';
import { InputError } from '../core/errors.js';
import { isPlainObject } from '../config/schema.js';

/** What a person has settled for one component; it wins over anything detected. */
export interface Override {
  licence?: string;
  version?: string;
  name?: string;
  url?: string;
  /** Why: shown in the SBOM evidence. */
  reason?: string;
}

/** Default location of the committed overrides file (configurable with `sbom.overrides`). */
export const DEFAULT_OVERRIDES = '.groundwork/sbom-overrides.yml';

/**
 * Parses the overrides file: a mapping from component path (or name) to licence/version/name/url.
 *
 *   third_party/eigen: { licence: MPL-2.0, reason: "README says MPL-2.0; COPYING.* are for parts" }
 */
export function parseOverrides(text: string, file: string): Map<string, Override> {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (e) {
    throw new InputError(`${file}: invalid YAML: ${(e as Error).message.split('\n')[0]}`, file);
  }
  if (!isPlainObject(raw)) throw new InputError(`${file}: expected a mapping of component path to settings`, file);
  const out = new Map<string, Override>();
  for (const [key, value] of Object.entries(raw)) {
    if (!isPlainObject(value)) throw new InputError(`${file}: ${key}: expected a mapping (licence, version, name, url, reason)`, file);
    for (const k of Object.keys(value))
      if (!['licence', 'license', 'version', 'name', 'url', 'reason'].includes(k)) throw new InputError(`${file}: ${key}.${k}: unknown key`, file);
    const str = (k: string) => (value[k] === undefined ? undefined : String(value[k]));
    out.set(key, { licence: str('licence') ?? str('license'), version: str('version'), name: str('name'), url: str('url'), reason: str('reason') });
  }
  return out;
}
