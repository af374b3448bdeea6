// `groundwork audit` on real repositories, with each capability's share of the time.
// Usage: node bench/audit.mjs [DIR…]   (default: the pytorch folder and the largest folder of ../shared/corpus)
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, requireCorpus, ROOT, table, timeCommand } from './lib.mjs';

function sizeOf(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? sizeOf(join(dir, e.name)) : 1;
  return n;
}

let targets = process.argv.slice(2);
if (targets.length === 0) {
  requireCorpus();
  const repos = readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isDirectory() && n !== 'actionlint-realworld');
  const largest = repos.map((n) => ({ n, files: sizeOf(join(CORPUS, n)) })).sort((a, b) => b.files - a.files)[0].n;
  targets = [...new Set(['pytorch+pytorch', largest])].map((n) => join(CORPUS, n));
}

for (const target of targets) {
  // The corpus is read-only and the pack is written elsewhere; copy so git sees a plain tree.
  const work = mkdtempSync(join(tmpdir(), 'gw-bench-audit-'));
  const repo = join(work, 'repo');
  cpSync(target, repo, { recursive: true });
  try {
    const out = join(work, 'pack');
    const r = timeCommand('node', [join(ROOT, 'bin', 'groundwork.js'), 'audit', repo, '--out', out, '--quiet'], { runs: 3 });
    const pack = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
    const total = pack.capabilities.reduce((n, c) => n + c.ms, 0);
    console.log(
      `\n${target}: ${sizeOf(repo)} files, ${pack.findings.length} findings, wall ${r.ms.toFixed(0)} ms (median of 3, start-up included; target < 2000 ms)`,
    );
    console.log(
      table([
        ['capability', 'ms', 'share', 'findings'],
        ...pack.capabilities.map((c) => [c.title, c.ms, `${((c.ms / Math.max(total, 1)) * 100).toFixed(0)}%`, c.findings]),
      ]),
    );
    console.log('(capabilities run one after the other; the rest of the wall time is start-up and writing the pack)');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
