import type { AuditCapability } from '../capability.js';
import { dependabotCapability } from './dependabot.js';
import { pinsCapability } from './pins.js';
import { planCapability } from './plan.js';
import { precommitCapability } from './precommit.js';
import { ratchetCapability } from './ratchet.js';
import { sbomCapability } from './sbom.js';
import { smokeCapability } from './smoke.js';
import { workflowsCapability } from './workflows.js';

/** Every capability `groundwork audit` runs, in report order. */
export const AUDIT_CAPABILITIES: readonly AuditCapability[] = [
  workflowsCapability,
  pinsCapability,
  dependabotCapability,
  sbomCapability,
  smokeCapability,
  precommitCapability,
  planCapability,
  ratchetCapability,
];
