import type { Config } from '../config/config.js';
import type { SbomOptions } from './inventory.js';

/** The `sbom:` section of groundwork.yml as inventory options. */
export function sbomOptionsFrom(config: Config): SbomOptions {
  const s = config.section<{ roots: string[]; overrides: string; exclude: string[] }>('sbom');
  return { roots: s.roots, exclude: s.exclude, overrides: s.overrides };
}
