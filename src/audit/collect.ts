import type { Config } from '../config/config.js';
import type { Finding } from '../core/finding.js';
import type { Repository } from '../services/repository.js';
import { checkWorkflows } from '../workflows/check.js';

/**
 * Every offline capability's findings for one repository: what `ratchet` counts and what `audit`
 * reports. Capabilities are added here as they land; none of them may use the network.
 */
export async function collectAllFindings(repo: Repository, config: Config): Promise<Finding[]> {
  const findings: Finding[] = [];
  findings.push(...(await checkWorkflows({ repo, config })).findings);
  return findings;
}
