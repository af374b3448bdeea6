import type { Finding, Severity } from '../core/finding.js';
import type { Area, CapabilityOutcome } from './types.js';

const PENALTY: Record<Severity, number> = { high: 8, medium: 3, low: 1, info: 0 };

export interface AreaScore {
  area: Area;
  /** 0–100; undefined when no capability of the area ran. */
  score?: number;
  grade: string;
  findings: number;
  high: number;
}

/**
 * A score card per area: 100 minus a penalty per finding (high 8, medium 3, low 1), with the
 * penalty's weight halved for low-confidence findings, floored at 0. Simple on purpose, so a
 * reader can recompute it; the counts sit beside it.
 */
export function scoreAreas(capabilities: readonly CapabilityOutcome[], areas: readonly Area[]): AreaScore[] {
  return areas.map((area) => {
    const ran = capabilities.filter((c) => c.area === area && c.status === 'ok');
    const findings: Finding[] = ran.flatMap((c) => c.findings);
    if (ran.length === 0) return { area, grade: '–', findings: 0, high: 0 };
    const penalty = findings.reduce((n, f) => n + PENALTY[f.severity] * (f.confidence === 'low' ? 0.5 : 1), 0);
    const score = Math.max(0, Math.round(100 - penalty));
    const grade = score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 40 ? 'D' : 'F';
    return { area, score, grade, findings: findings.length, high: findings.filter((f) => f.severity === 'high').length };
  });
}
