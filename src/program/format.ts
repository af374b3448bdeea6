import type { Schedule } from './schedule.js';
import { progress, type MilestoneStatus } from './status.js';

/** Plain-text tables for `plan status` and `plan schedule`: aligned columns, no colour needed. */
export function table(rows: string[][], right: number[] = []): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (right.includes(c) ? cell.padStart(widths[c]!) : c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function statusText(statuses: MilestoneStatus[], baseline?: string): string {
  const rows = [['ID', 'Status', 'Effort', 'Deliverables', baseline ? `At ${baseline}` : '', 'Why'].filter((_h, i) => i !== 4 || baseline)];
  for (const s of statuses) {
    const have = s.deliverables.filter((d) => d.exists).length;
    const row = [s.id, s.status, s.effort === undefined ? '–' : `${s.effort}h`, `${have}/${s.deliverables.length}`];
    if (baseline) row.push(s.baseline ? (s.baseline.passed ? 'passes' : 'fails') : '–');
    row.push(s.reason);
    rows.push(row);
  }
  const p = progress(statuses);
  const flagged = statuses.filter((s) => s.status === 'flagged').map((s) => s.id);
  const attest = statuses.filter((s) => s.status === 'needs-attestation').map((s) => s.id);
  const lines = [table(rows, [2]), '', `${p.done} of ${p.total} milestones done (${p.hoursDone} of ${p.hoursTotal} hours).`];
  if (flagged.length) lines.push(`Flagged, not counted: ${flagged.join(', ')} (their verification cannot prove the work; see the findings).`);
  if (attest.length) lines.push(`Need an attestation in the ledger: ${attest.join(', ')}.`);
  const notApplicable = statuses.filter((s) => s.status === 'not-applicable').map((s) => s.id);
  if (notApplicable.length) lines.push(`Not applicable here, not counted: ${notApplicable.join(', ')}.`);
  const notRun = statuses.filter((s) => s.status === 'not-run').map((s) => s.id);
  if (notRun.length) lines.push(`Not verified: ${notRun.join(', ')} (a check runs the repository's code or needs the network: --run-verifications, --online).`);
  return `${lines.join('\n')}\n`;
}

export function scheduleText(s: Schedule): string {
  const optimal = s.makespan === s.lowerBound ? ' (optimal: equals the lower bound)' : '';
  const lines = [
    `Schedule for ${s.people} ${s.people === 1 ? 'person' : 'people'} (blockers: ${s.edgeMode === 'hard' ? 'hard only' : 'hard and soft'}): makespan ${s.makespan} h, lower bound ${s.lowerBound} h${optimal}`,
    `Critical path: ${s.criticalPath.ids.join(' → ') || '–'} (${s.criticalPath.hours} h); total effort ${s.totalHours} h, ${Number((s.totalHours / s.people).toFixed(1))} h per person`,
  ];
  if (s.pinned.length)
    lines.push(
      `Pinned start: ${s.pinned.join(', ')}${s.unpinnedMakespan !== s.makespan ? ` (costs ${s.makespan - s.unpinnedMakespan} h against ${s.unpinnedMakespan} h unpinned)` : ' (costs nothing)'}`,
    );
  if (s.unscheduled.length) lines.push(`Not scheduled (cycle or missing blocker): ${s.unscheduled.join(', ')}`);
  const rows = [['Person', 'Milestone', 'Start', 'End']];
  for (const t of [...s.tasks].sort((a, b) => a.person - b.person || a.start - b.start))
    rows.push([String(t.person), `${t.id} ${t.title}`, `${t.start}h`, `${t.end}h`]);
  lines.push('', table(rows, [2, 3]));
  return `${lines.join('\n')}\n`;
}
