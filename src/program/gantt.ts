import type { Schedule } from './schedule.js';

const ROW = 28;
const LEFT = 90;
const TOP = 40;
const WIDTH = 760;
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** A Gantt chart of a schedule: one lane per person, one bar per milestone, critical path outlined. */
export function ganttSvg(schedule: Schedule, title: string): string {
  const span = Math.max(1, schedule.makespan);
  const scale = (WIDTH - LEFT - 20) / span;
  const height = TOP + schedule.people * ROW + 50;
  const critical = new Set(schedule.criticalPath.ids);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="18" font-size="13" font-weight="bold">${esc(title)}: ${schedule.people} ${schedule.people === 1 ? 'person' : 'people'}, ${fmt(schedule.makespan)} h (lower bound ${fmt(schedule.lowerBound)} h)</text>`,
  ];
  for (let p = 1; p <= schedule.people; p++) {
    const y = TOP + (p - 1) * ROW;
    out.push(`<text x="8" y="${y + ROW / 2 + 4}">person ${p}</text>`);
    out.push(`<line x1="${LEFT}" y1="${y + ROW}" x2="${WIDTH - 20}" y2="${y + ROW}" stroke="#eeeeee"/>`);
  }
  // Grid and axis first, so the bars are drawn over the lines.
  const axisY = TOP + schedule.people * ROW + 14;
  const step = niceStep(span);
  for (let h = 0; h <= span + 1e-9; h += step) {
    const x = LEFT + h * scale;
    out.push(`<line x1="${x.toFixed(1)}" y1="${TOP}" x2="${x.toFixed(1)}" y2="${axisY - 10}" stroke="#dddddd"/>`);
    out.push(`<text x="${x.toFixed(1)}" y="${axisY}" text-anchor="middle">${fmt(h)}h</text>`);
  }
  schedule.tasks.forEach((t, i) => {
    const x = LEFT + t.start * scale;
    const y = TOP + (t.person - 1) * ROW + 3;
    const w = Math.max(1, (t.end - t.start) * scale);
    const stroke = critical.has(t.id) ? ' stroke="#000000" stroke-width="2"' : '';
    out.push(
      `<g><title>${esc(`${t.id} ${t.title}: ${fmt(t.start)}–${fmt(t.end)} h`)}</title><rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 6}" rx="3" fill="${COLOURS[i % COLOURS.length]}"${stroke}/>`,
    );
    out.push(`<text x="${(x + 4).toFixed(1)}" y="${y + ROW / 2 + 1}" fill="#ffffff">${esc(t.id)}</text></g>`);
  });
  out.push(
    `<text x="${LEFT}" y="${axisY + 18}" fill="#555555">critical path (outlined): ${esc(schedule.criticalPath.ids.join(' → '))}, ${fmt(schedule.criticalPath.hours)} h</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function niceStep(span: number): number {
  for (const s of [1, 2, 4, 5, 8, 10, 20, 40, 50, 100, 200]) if (span / s <= 12) return s;
  return Math.ceil(span / 12);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
