import type { Config } from '../config/config.js';
import { parseAge } from './age.js';
import { DEFAULT_MAX_AGE_DAYS } from './audit.js';

export interface DepsSettings {
  maxAgeDays: number;
  osvDb?: string;
  includePrerelease: boolean;
}

/** The `deps:` section of groundwork.yml, with command-line values winning. */
export function depsSettings(config: Config, cli: { maxAge?: string; osvDb?: string; includePrerelease?: boolean } = {}): DepsSettings {
  const s = config.section<{ maxAge: string; osvDb: string; includePrerelease: boolean }>('deps');
  const age = cli.maxAge ?? s.maxAge;
  return {
    maxAgeDays: age ? parseAge(age, 'max age') : DEFAULT_MAX_AGE_DAYS,
    osvDb: cli.osvDb ?? s.osvDb,
    includePrerelease: cli.includePrerelease || s.includePrerelease || false,
  };
}
