// The program engine as whole commands: plan import / check / schedule / status on the seed and on
// synthetic plans in the seed's format (1,000 and 5,000 milestones), and check-precommit on the
// corpus's real configurations. Usage: node bench/plan.mjs [--runs N]   (build first: npm run build)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, ROOT, table, timeCommand } from './lib.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const gw = join(ROOT, 'bin', 'groundwork.js');
const seed = join(ROOT, 'test', 'fixtures', 'program', 'top-10-next-actions.md');

/** A plan of n milestones in the seed's format: each blocked by up to two earlier ones, some soft. */
function synthetic(n) {
  let x = 42;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const id = (i) => `M${String(i + 1).padStart(4, '0')}`;
  const out = ['# Synthetic program', '', '1. **Start with M0001**', ''];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const effort = 1 + Math.floor(rand() * 16);
    total += effort;
    const hard = i > 0 ? [...new Set([id(Math.floor(rand() * i)), id(Math.floor(rand() * i))])].filter(() => rand() < 0.6) : [];
    const soft = i > 0 && rand() < 0.1 ? ` (or after ${id(Math.floor(rand() * i))})` : '';
    out.push(
      `### Action ${i + 1}: ${id(i)} - Step ${i + 1}`,
      '',
      `**Priority**: P${Math.floor(rand() * 3)}`,
      '',
      `**Effort**: ${effort} hours`,
      '',
      `**Blockers**: ${hard.length ? hard.join(', ') : 'None'}${soft}`,
      '',
      '**Deliverables**:',
      `- [ ] \`docs/step-${i + 1}.md\``,
      '',
      `**Verification**: \`test -f docs/step-${i + 1}.md\``,
      '',
    );
  }
  out.push(`**Total Effort**: ${total} hours`, '');
  return out.join('\n');
}

function repoWith(doc) {
  const dir = mkdtempSync(join(tmpdir(), 'gw-bench-plan-'));
  execFileSync('git', ['init', '-q', dir]);
  writeFileSync(join(dir, 'plan.md'), doc);
  return dir;
}

const rows = [['command', 'milestones', 'median ms', 'result']];
const cases = [
  ['seed', readFileSync(seed, 'utf8')],
  ['synthetic', synthetic(1000)],
  ['synthetic', synthetic(5000)],
];
for (const [name, doc] of cases) {
  const dir = repoWith(doc);
  try {
    const n = (doc.match(/^### Action/gm) ?? []).length;
    const imp = timeCommand('node', [gw, 'plan', 'import', 'plan.md', '-q'], { runs, cwd: dir });
    rows.push([`plan import (${name})`, n, imp.ms.toFixed(0), 'ledger written']);
    const chk = timeCommand('node', [gw, 'plan', 'check', '--format', 'json'], { runs, cwd: dir });
    rows.push([`plan check (${name})`, n, chk.ms.toFixed(0), `${JSON.parse(chk.stdout).findings.length} findings`]);
    for (const people of [2, 8]) {
      const s = timeCommand('node', [gw, 'plan', 'schedule', '--people', String(people), '--format', 'json'], { runs, cwd: dir });
      const j = JSON.parse(s.stdout);
      rows.push([
        `plan schedule --people ${people} (${name})`,
        n,
        s.ms.toFixed(0),
        `makespan ${j.makespan} h, lower bound ${j.lowerBound} h (${((j.makespan / j.lowerBound - 1) * 100).toFixed(1)}% above)`,
      ]);
    }
    if (name === 'seed') {
      const st = timeCommand('node', [gw, 'plan', 'status', '--format', 'json'], { runs, cwd: dir });
      rows.push(['plan status (seed, every verification run)', n, st.ms.toFixed(0), `${JSON.parse(st.stdout).milestones.length} milestones computed`]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (existsSync(CORPUS)) {
  const configs = readdirSync(CORPUS)
    .map((d) => join(CORPUS, d, '.pre-commit-config.yaml'))
    .filter(existsSync);
  const r = timeCommand('node', [gw, 'check-precommit', ...configs, '--format', 'json'], { runs });
  rows.push(['check-precommit (corpus configurations)', configs.length, r.ms.toFixed(0), `${JSON.parse(r.stdout).findings.length} findings`]);
}
console.log(table(rows));
