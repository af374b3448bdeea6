// `fix` against its floor on one generated workflow at growing sizes (issue 16: fix on 20,000 steps
// took minutes because edits were applied one slice of the whole file at a time and every failure
// searched every other step). The floor is `check --format json` of the same file: fix must check
// it, apply one edit a step, check again and print the diff, so a linear fix stays a small multiple
// of the check at every size.
// Usage: node bench/fix-scale.mjs [--runs N] [--bin path/to/groundwork.js]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT, table, timeCommand } from './lib.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(arg('--runs', '3'));
const bin = arg('--bin', join(ROOT, 'bin', 'groundwork.js'));

const rows = [['steps', 'check json ms', 'fix --dry-run ms', 'fix / check', 'fix µs per step']];
console.log(`load average at start: ${loadavg()[0].toFixed(1)}; ${bin}`);
for (const steps of [2_500, 5_000, 10_000, 20_000]) {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-fix-'));
  try {
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    // One test step a line, piped into tee: each a medium finding whose fix adds `shell: bash`.
    const body = Array.from({ length: steps }, (_, i) => `      - run: pytest tests/test_${i}.py | tee log${i}.txt\n`).join('');
    writeFileSync(join(dir, '.github', 'workflows', 'big.yml'), `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${body}`);
    const check = timeCommand('node', [bin, 'check', dir, '--format', 'json'], { runs });
    const fix = timeCommand('node', [bin, 'fix', dir, '--dry-run'], { runs });
    const fixes = (fix.stdout.match(/^\+\s+shell: bash$/gm) ?? []).length;
    if (fixes !== steps) throw new Error(`expected ${steps} fixes in the diff, saw ${fixes}`);
    rows.push([steps.toLocaleString('en'), check.ms.toFixed(0), fix.ms.toFixed(0), (fix.ms / check.ms).toFixed(2), ((fix.ms * 1000) / steps).toFixed(0)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(table(rows));
console.log('\nLinear: the µs per step stays flat as the file grows (a quadratic fix doubles it with every doubling).');
