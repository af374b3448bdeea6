// Text output against JSON output on one generated workflow just under the 5 MiB read limit with
// 81,000 findings (issue 16: the text reporter grouped findings quadratically, minutes where JSON
// took seconds). Both formats run the same check; the difference is the rendering.
// Usage: node bench/text-output.mjs [--runs N] [--bin path/to/groundwork.js]
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, table, timeCommand } from './lib.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(arg('--runs', '3'));
const bin = arg('--bin', join(ROOT, 'bin', 'groundwork.js'));
const STEPS = 81_000;

const dir = mkdtempSync(join(tmpdir(), 'gw-bench-text-'));
try {
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  // One masked exit status per step: 81,000 findings, each with its source line; a comment pads
  // each line to 64 bytes, so the file is just under the 5 MiB that groundwork reads.
  const steps = Array.from({ length: STEPS }, (_, i) => `      - run: t${i} || true  # `.padEnd(63, 'x') + '\n').join('');
  const file = join(dir, '.github', 'workflows', 'big.yml');
  writeFileSync(file, `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`);
  const size = statSync(file).size;
  const rows = [['format', 'median ms', 'findings', 'output bytes']];
  let json;
  for (const format of ['json', 'text', 'github']) {
    const r = timeCommand('node', [bin, 'check', dir, '--format', format, '--fail-on', 'high'], { runs });
    if (format === 'json') json = r;
    rows.push([format, r.ms.toFixed(0), format === 'json' ? JSON.parse(r.stdout).findings.length : '', r.stdout.length]);
  }
  console.log(`workflow: ${(size / 1048576).toFixed(2)} MiB, ${STEPS.toLocaleString('en')} steps; ${bin}`);
  console.log(table(rows));
  const text = Number(rows[2][1]);
  console.log(`\ntext takes ${(text / json.ms).toFixed(2)}× the JSON run (target: within 1.5×, i.e. linear like JSON).`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
