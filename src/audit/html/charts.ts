import { html, type Html } from './html.js';

export interface Bar {
  label: string;
  value: number;
  /** CSS colour or class-driven colour variable. */
  colour?: string;
}

/** A horizontal bar chart as inline SVG with a title and an accessible description. */
export function barChart(title: string, bars: readonly Bar[], opts: { width?: number; max?: number; empty?: string } = {}): Html {
  const width = opts.width ?? 520;
  const shown = bars.slice(0, opts.max ?? 12);
  if (shown.length === 0) return html`<figure class="chart"><figcaption>${title}</figcaption><p class="empty">${opts.empty ?? 'Nothing to show.'}</p></figure>`;
  const labelWidth = Math.min(230, Math.max(...shown.map((b) => b.label.length)) * 7 + 10);
  const barArea = width - labelWidth - 50;
  const top = Math.max(...shown.map((b) => b.value), 1);
  const rowH = 22;
  const height = shown.length * rowH + 8;
  const rows = shown.map((b, i) => {
    const y = i * rowH + 4;
    const w = Math.max(2, Math.round((b.value / top) * barArea));
    const label = b.label.length > 32 ? `${b.label.slice(0, 31)}…` : b.label;
    return html`<g class="bar"><title>${b.label}: ${b.value}</title><text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${label}</text><rect x="${labelWidth}" y="${y}" width="${w}" height="${rowH - 6}" rx="3" fill="${b.colour ?? 'var(--accent)'}"/><text x="${labelWidth + w + 6}" y="${y + 14}" class="value">${b.value}</text></g>`;
  });
  const more = bars.length > shown.length ? html`<p class="more">and ${bars.length - shown.length} more</p>` : '';
  return html`<figure class="chart"><figcaption>${title}</figcaption><svg role="img" aria-label="${title}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${rows}</svg>${more}</figure>`;
}

/** A donut chart of parts of a whole, with a legend. */
export function donutChart(title: string, parts: readonly Bar[], centre: string): Html {
  const total = parts.reduce((n, p) => n + p.value, 0);
  if (total === 0) return html`<figure class="chart"><figcaption>${title}</figcaption><p class="empty">Nothing to show.</p></figure>`;
  const r = 60;
  const c = 2 * Math.PI * r;
  let offset = 0;
  const arcs = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const len = (p.value / total) * c;
      const arc = html`<circle class="arc" r="${r}" cx="80" cy="80" fill="none" stroke="${p.colour ?? 'var(--accent)'}" stroke-width="26" stroke-dasharray="${len.toFixed(2)} ${(c - len).toFixed(2)}" stroke-dashoffset="${(-offset).toFixed(2)}" transform="rotate(-90 80 80)"><title>${p.label}: ${p.value}</title></circle>`;
      offset += len;
      return arc;
    });
  const legend = parts.map((p) => html`<li><span class="swatch" style="background:${p.colour ?? 'var(--accent)'}"></span>${p.label}: <b>${p.value}</b></li>`);
  return html`<figure class="chart donut"><figcaption>${title}</figcaption><svg role="img" aria-label="${title}" viewBox="0 0 160 160" width="160" height="160">${arcs}<text x="80" y="86" text-anchor="middle" class="centre">${centre}</text></svg><ul class="legend">${legend}</ul></figure>`;
}
