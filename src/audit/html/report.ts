import { severityRank, type Finding } from '../../core/finding.js';
import type { Comparison } from '../findings-file.js';
import { scoreAreas } from '../score.js';
import { AREAS, type AuditData } from '../types.js';
import { SCRIPT, SCRIPT_HASH, STYLES } from './assets.js';
import { barChart, donutChart, type Bar } from './charts.js';
import { html, trustedHtml, type Html } from './html.js';

const SEV_COLOUR: Record<string, string> = { high: 'var(--high)', medium: 'var(--medium)', low: 'var(--low)', info: 'var(--info)' };

function countBy<T>(items: readonly T[], key: (t: T) => string): Bar[] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
}

function scoreCards(data: AuditData): Html {
  const cards = scoreAreas(
    data.capabilities,
    AREAS.map((a) => a.id),
  ).map((s) => {
    const a = AREAS.find((x) => x.id === s.area)!;
    const score =
      s.score === undefined
        ? html`<span class="score">–</span><span class="grade">not run</span>`
        : html`<span class="score">${s.score}</span><span class="grade">${s.grade}</span>`;
    return html`<div class="card grade-${s.grade === '–' ? 'none' : s.grade}" data-area="${a.id}"><h3>${a.title}</h3><div>${score}</div><p>${s.findings} findings, ${s.high} high</p><p>${a.about}</p></div>`;
  });
  return html`<section class="cards" aria-label="Score card per area">${cards}</section>`;
}

const AGE_BUCKETS: readonly [number, string][] = [
  [182, 'under 6 months'],
  [365, '6–12 months'],
  [730, '1–2 years'],
  [1825, '2–5 years'],
  [Infinity, 'over 5 years'],
];

function ageBucket(days?: number): string {
  if (days === undefined) return 'unknown (no history)';
  return AGE_BUCKETS.find(([limit]) => days < limit)![1];
}

function charts(data: AuditData, all: Finding[]): Html {
  const byRule = countBy(all, (f) => f.ruleId).map((b) => ({ ...b, colour: SEV_COLOUR[all.find((f) => f.ruleId === b.label)!.severity] }));
  const wf = all.filter((f) => f.file.startsWith('.github/'));
  const byWorkflow = countBy(wf, (f) => f.file.replace(/^\.github\/(workflows\/)?/, ''));
  const p = data.pins;
  const pins = p
    ? donutChart(
        'Pinned vs unpinned external references',
        [
          { label: 'pinned to a commit', value: p.pinned, colour: 'var(--ok)' },
          { label: 'unpinned', value: p.unpinned, colour: 'var(--high)' },
          { label: 'allowed by policy', value: p.allowed, colour: 'var(--info)' },
        ],
        `${p.external}`,
      )
    : undefined;
  const order = [...AGE_BUCKETS.map(([, l]) => l), 'unknown (no history)'];
  const byAge = countBy(data.components, (c) => ageBucket(c.ageDays)).sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label));
  const byLicence = countBy(data.components, (c) => c.licence ?? 'unidentified');
  const milestones = data.milestones ? countBy(data.milestones, (m) => m.status) : [];
  // The Gantt chart is SVG that groundwork drew itself, escaping every text it took from the ledger.
  const gantt = data.ganttSvg
    ? html`<h2>Schedule</h2><figure class="chart gantt"><figcaption>Gantt chart of the plan</figcaption>${trustedHtml(data.ganttSvg)}</figure>`
    : undefined;
  return html`<section class="charts" aria-label="Charts">
${barChart('Findings by rule', byRule, { empty: 'No findings.' })}
${barChart('Findings by workflow or action', byWorkflow, { empty: 'No workflow findings.' })}
${pins}
${barChart('Vendored components by age of the pinned commit', byAge, { empty: 'No vendored components found.' })}
${barChart('Vendored components by licence', byLicence, { empty: 'No vendored components found.' })}
${data.milestones ? barChart('Milestones by status', milestones, { empty: 'No milestones.' }) : undefined}
</section>${gantt}`;
}

function options(name: string, plural: string, values: string[]): Html {
  return html`<select name="${name}" aria-label="${name}"><option value="">all ${plural}</option>${[...new Set(values)].sort().map((v) => html`<option>${v}</option>`)}</select>`;
}

function findingsTable(data: AuditData): Html {
  const rows = data.capabilities.flatMap((c) => c.findings.map((f) => ({ f, cap: c.id })));
  rows.sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || (a.f.file < b.f.file ? -1 : 1) || a.f.line - b.f.line);
  const body = rows.map(
    ({ f, cap }) =>
      html`<tr data-severity="${f.severity}" data-capability="${cap}"><td data-key="${severityRank(f.severity)}"><span class="sev sev-${f.severity}">${f.severity}</span></td><td>${f.confidence}</td><td><code>${f.ruleId}</code></td><td>${cap}</td><td data-key="${f.file}:${String(f.line).padStart(6, '0')}"><code>${f.file}:${f.line}:${f.column}</code></td><td>${f.message}${f.sourceLine ? html`<pre>${f.sourceLine.trim()}</pre>` : undefined}</td></tr>\n`,
  );
  return html`<h2 id="findings">Findings (${rows.length})</h2>
<div class="filters" data-filter-for="findings-table"><input type="search" placeholder="Filter findings…" aria-label="Filter findings">${options(
    'severity',
    'severities',
    rows.map((r) => r.f.severity),
  )}${options(
    'capability',
    'capabilities',
    rows.map((r) => r.cap),
  )}<span class="count"></span></div>
<div class="table-wrap"><table id="findings-table" class="sortable"><thead><tr><th data-sort="number">Severity</th><th data-sort="text">Confidence</th><th data-sort="text">Rule</th><th data-sort="text">Capability</th><th data-sort="text">Location</th><th>Finding and source line</th></tr></thead><tbody>
${body}
</tbody></table></div>`;
}

function sbomTable(data: AuditData): Html {
  if (data.components.length === 0) return html`<h2 id="sbom">Vendored components</h2><p class="empty">No vendored components found.</p>`;
  const body = data.components.map(
    (c) =>
      html`<tr><td>${c.name}</td><td><code>${c.path}</code></td><td>${c.kind}</td><td>${c.version ?? ''}${c.versionConfidence ? html` <small>(${c.versionConfidence})</small>` : undefined}</td><td><code>${c.commit?.slice(0, 12) ?? ''}</code></td><td>${c.date?.slice(0, 10) ?? ''}</td><td>${c.licence ?? 'unidentified'}${c.licenceConfidence ? html` <small>(${c.licenceConfidence})</small>` : undefined}</td><td>${c.upstream ?? ''}</td></tr>\n`,
  );
  return html`<h2 id="sbom">Vendored components (${data.components.length})</h2>
<div class="filters" data-filter-for="sbom-table"><input type="search" placeholder="Filter components…" aria-label="Filter components"><span class="count"></span></div>
<div class="table-wrap"><table id="sbom-table" class="sortable"><thead><tr><th data-sort="text">Name</th><th data-sort="text">Path</th><th data-sort="text">Kind</th><th data-sort="text">Version</th><th>Commit</th><th data-sort="text">Date</th><th data-sort="text">Licence</th><th data-sort="text">Upstream</th></tr></thead><tbody>
${body}
</tbody></table></div>`;
}

function capabilityTable(data: AuditData): Html {
  const rows = data.capabilities.map(
    (c) =>
      html`<tr><td>${c.title}</td><td>${c.status}</td><td>${c.findings.length}</td><td data-key="${c.ms}">${Math.round(c.ms)} ms</td><td>${c.note ?? ''}</td></tr>`,
  );
  const milestones = data.milestones?.length
    ? html`<h2>Milestones</h2><table><thead><tr><th>Milestone</th><th>Title</th><th>Status</th><th>Detail</th></tr></thead><tbody>${data.milestones.map((m) => html`<tr><td>${m.id}</td><td>${m.title}</td><td>${m.status}</td><td>${m.detail ?? ''}</td></tr>`)}</tbody></table>`
    : undefined;
  return html`<h2>Capabilities</h2><table><thead><tr><th>Capability</th><th>Status</th><th>Findings</th><th>Time</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table>${milestones}`;
}

/**
 * report.html: one self-contained file (inline CSS, JS and SVG; no network), readable without
 * JavaScript. Every value is escaped by the `html` template; the one inline script is allowed by its
 * SHA-256 in the Content-Security-Policy, so no injected script could run even if markup got in.
 */
export function renderReport(data: AuditData, comparison?: { since: string; result: Comparison }): string {
  const all = data.capabilities.flatMap((c) => c.findings);
  const count = (s: string) => all.filter((f) => f.severity === s).length;
  const since = comparison
    ? html`<p><b>Since ${comparison.since}:</b> ${comparison.result.fixed.length} fixed, ${comparison.result.introduced.length} new, ${comparison.result.unchanged} unchanged.</p>`
    : undefined;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; img-src data:">
<title>groundwork audit: ${data.meta.name}</title><style>${trustedHtml(STYLES)}</style></head>
<body><header><h1>groundwork audit: ${data.meta.name}</h1>
<div class="meta">commit <code>${data.meta.commit?.slice(0, 12) ?? 'n/a'}</code> · ${data.meta.date} · groundwork ${data.meta.version} · <b>${all.length}</b> findings (${count('high')} high, ${count('medium')} medium, ${count('low')} low, ${count('info')} info)</div>
${since}${scoreCards(data)}</header>
<main>
<h2>Overview</h2>
${charts(data, all)}
${findingsTable(data)}
${sbomTable(data)}
${capabilityTable(data)}
</main>
<footer>Generated by groundwork ${data.meta.version}. Rules are documented in docs/rules/ of groundwork.</footer>
<script>${trustedHtml(SCRIPT)}</script>
</body></html>
`.text;
}
