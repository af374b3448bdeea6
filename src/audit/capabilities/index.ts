import type { AuditCapability } from '../capability.js';
import { dependabotCapability } from './dependabot.js';
import { pinsCapability } from './pins.js';
import { sbomCapability } from './sbom.js';
import { workflowsCapability } from './workflows.js';

/** Every capability `groundwork audit` runs, in report order. */
export const AUDIT_CAPABILITIES: readonly AuditCapability[] = [workflowsCapability, pinsCapability, dependabotCapability, sbomCapability];
