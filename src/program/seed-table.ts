import { idsIn } from './markdown-ids.js';

export interface SummaryRow {
  id: string;
  action?: string;
  priority?: string;
  effort?: number;
  blockers: string[];
}

/** `| **M01** | Import Smoke Test | P0 | 4h | None | ... |`; header and rule rows give undefined. */
export function parseSummaryRow(line: string): SummaryRow | undefined {
  const cells = line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim().replace(/\*\*/g, ''));
  const id = /^M\d{2,4}$/.exec(cells[0] ?? '')?.[0];
  if (!id) return undefined;
  const effort = /(\d+(?:\.\d+)?)\s*h/.exec(cells[3] ?? '');
  return {
    id,
    action: cells[1] || undefined,
    priority: /\bP\d\b/.exec(cells[2] ?? '')?.[0],
    effort: effort ? Number(effort[1]) : undefined,
    blockers: /^none\b/i.test(cells[4] ?? '') ? [] : idsIn(cells[4] ?? ''),
  };
}
