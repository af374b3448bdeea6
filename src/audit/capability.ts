import type { Config } from '../config/config.js';
import type { Repository } from '../services/repository.js';
import type { ModelCache } from '../workflows/model-cache.js';
import type { AuditData, CapabilityOutcome } from './types.js';

/** What every capability adapter gets. */
export interface AuditContext {
  repo: Repository;
  config: Config;
  /** Worker threads for the capabilities that use them. */
  jobs?: number;
  /** The audit runs offline: capabilities that need the network are skipped with a note. */
  offline: true;
  /** The user's environment, for verification commands the plan status runs. */
  env?: Record<string, string | undefined>;
  /** Workflows parsed once for every capability that reads them. */
  models?: ModelCache;
}

/** An adapter from one capability's engine to the audit: its findings plus what it adds to the data. */
export interface AuditCapability {
  id: string;
  title: string;
  area: CapabilityOutcome['area'];
  /** Runs after the others, with their outcomes in `data.capabilities` (the ratchet). */
  after?: boolean;
  run(ctx: AuditContext, data: AuditData): Promise<Omit<CapabilityOutcome, 'id' | 'title' | 'area' | 'ms'>>;
}
