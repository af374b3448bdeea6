// Measures the silent-failure check against the hand labels of the shared corpus
// (../shared/corpus/labels/, LABELLING.md there): runs `groundwork check --format json` on each
// labelled repository, scores it with the corpus's own scorer (score.mjs), and prints precision and
// recall per repository and in total (summed over repositories). A measurement, not a test: it
// always exits 0. `--show` also lists each miss and each false claim.
// usage: npm run eval [-- --show]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '..', 'shared', 'corpus');
const labelsDir = join(corpus, 'labels');
const show = process.argv.includes('--show');

if (!existsSync(join(labelsDir, 'score.mjs'))) {
  console.log(`eval: no corpus labels at ${labelsDir} (the shared folder is absent); nothing to measure`);
  process.exit(0);
}

const tmp = mkdtempSync(join(tmpdir(), 'gw-eval-'));
const rows = [];
try {
  for (const file of readdirSync(labelsDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const repo = file.replace(/\.jsonl$/, '');
    const dir = join(corpus, repo);
    if (!existsSync(dir)) continue;
    const check = spawnSync(process.execPath, [join(root, 'bin', 'groundwork.js'), 'check', dir, '--format', 'json', '--quiet'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (check.status !== 0 && check.status !== 1) {
      console.log(`${repo}: check failed (exit ${check.status}): ${check.stderr.trim()}`);
      continue;
    }
    const findings = join(tmp, `${repo}.json`);
    // The scorer skips rule ids matching /syntax|schema|parse|config|ignore/ (input errors, config
    // findings, `ignore-without-reason`), which also drops `and-list-failure-ignored`, a silent-failure
    // claim like any other: it is scored under a name the filter lets through.
    const out = JSON.parse(check.stdout);
    for (const f of out.findings ?? []) if (f.ruleId === 'and-list-failure-ignored') f.ruleId = 'and-list-failure';
    writeFileSync(findings, JSON.stringify(out));
    const score = spawnSync(process.execPath, [join(labelsDir, 'score.mjs'), join(labelsDir, file), findings, ...(show ? ['--show'] : [])], {
      encoding: 'utf8',
    });
    const lines = score.stdout.trim().split('\n');
    const result = JSON.parse(lines.pop());
    rows.push({ repo, ...result, details: lines });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const pct = (x) => x.toFixed(3);
const header = ['repository', 'labels', 'hides', 'claims', 'tp', 'fp', 'found', 'precision', 'recall'];
const table = rows.map((r) => [r.repo, r.labels, r.hides, r.claims, r.tp, r.fp, r.found, r.claims ? pct(r.precision) : '—', r.hides ? pct(r.recall) : '—']);
const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
const tp = sum('tp');
const fp = sum('fp');
const hides = sum('hides');
const found = sum('found');
table.push(['total', sum('labels'), hides, sum('claims'), tp, fp, found, tp + fp ? pct(tp / (tp + fp)) : '—', hides ? pct(found / hides) : '—']);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
console.log(line(header));
for (const row of table) console.log(line(row));
if (show) for (const r of rows) for (const d of r.details) console.log(`${r.repo}: ${d}`);
