import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { gitRepo, SEED_COPY } from './helpers.js';

describe('plan command line', () => {
  let repo: ReturnType<typeof gitRepo>;
  before(() => {
    // A workflow, so that M05 applies here and its verification has something to fail.
    repo = gitRepo({
      'README.md': '# x\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n',
    });
  });
  after(() => repo.cleanup());

  it('usage and input errors exit 2', async () => {
    assert.equal((await runCli(['plan'], repo.dir)).code, 2);
    assert.equal((await runCli(['plan', 'frobnicate'], repo.dir)).code, 2);
    assert.equal((await runCli(['plan', 'import'], repo.dir)).code, 2);
    assert.equal((await runCli(['plan', 'import', 'missing.md'], repo.dir)).code, 2);
    const noLedger = await runCli(['plan', 'check'], repo.dir);
    assert.equal(noLedger.code, 2);
    assert.match(noLedger.stderr, /plan import/);
  });

  it('import --dry-run prints the ledger and writes nothing; --ledger moves it', async () => {
    const dry = await runCli(['plan', 'import', SEED_COPY, '--dry-run'], repo.dir);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^format: 1$/m);
    assert.ok(!existsSync(join(repo.dir, 'refactor/plan.yml')));
    assert.equal((await runCli(['plan', 'import', SEED_COPY, '--ledger', 'program/ledger.yml', '-q'], repo.dir)).code, 0);
    assert.ok(existsSync(join(repo.dir, 'program/ledger.yml')));
  });

  it('check: findings name lines of the source document, in every format; exit 1 on the seed', async () => {
    const sarif = await runCli(['plan', 'check', '--ledger', 'program/ledger.yml', '--format', 'sarif'], repo.dir);
    assert.equal(sarif.code, 1);
    const results = JSON.parse(sarif.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    const seedLines = readFileSync(SEED_COPY, 'utf8').split('\n');
    const inverted = results.find((r) => r.ruleId === 'plan-verification-inverted')!;
    assert.match(seedLines[inverted.locations[0]!.physicalLocation.region.startLine - 1]!, /grep -r "@main"/);
    assert.match(inverted.locations[0]!.physicalLocation.artifactLocation.uri, /top-10-next-actions\.md$/);
    const md = await runCli(['plan', 'check', SEED_COPY, '--format', 'markdown'], repo.dir);
    assert.match(md.stdout, /plan-undefined-milestone/);
  });

  it('apply and verify accept an alias the ledger knows', async () => {
    await runCli(['plan', 'import', SEED_COPY, '-q'], repo.dir);
    const r = await runCli(['verify', 'Add actionlint', repo.dir], repo.dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^M05 actionlint in CI: fails/);
    assert.equal((await runCli(['verify', 'Action 99', repo.dir], repo.dir)).code, 2);
  });

  it('schedule: --people validated, json output, SVG written', async () => {
    assert.equal((await runCli(['plan', 'schedule', '--ledger', 'program/ledger.yml', '--people', '0'], repo.dir)).code, 2);
    const r = await runCli(['plan', 'schedule', '--ledger', 'program/ledger.yml', '--people', '3', '--format', 'json', '--svg', 'gantt.svg', '-q'], repo.dir);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.people, 3);
    assert.ok(s.makespan >= s.lowerBound);
    assert.match(readFileSync(join(repo.dir, 'gantt.svg'), 'utf8'), /^<svg /);
  });
});

describe('a program in a folder of the work tree', () => {
  it('is found from inside the folder, and --baseline runs at the same folder of the baseline', async () => {
    const repo = gitRepo({ 'sub/README.md': '# sub\n', 'other/x.txt': 'x\n' });
    try {
      const sub = join(repo.dir, 'sub');
      const ledger = [
        'format: 1',
        'title: Sub',
        'milestones:',
        '  - id: M91',
        '    title: New file',
        '    effort: 1',
        '    deliverables: [NEW.md]',
        '    verification: { kind: command, run: "test -f NEW.md", expect: 0 }',
        '  - id: M92',
        '    title: Was already there',
        '    effort: 1',
        '    deliverables: [README.md]',
        '    verification: { kind: command, run: "test -f README.md", expect: 0 }',
        'claims: { parallel: [], references: [], sequence: [], start: [] }',
        '',
      ].join('\n');
      mkdirSync(join(sub, 'refactor'), { recursive: true });
      writeFileSync(join(sub, 'refactor/plan.yml'), ledger);
      const base = repo.commit('ledger');
      writeFileSync(join(sub, 'NEW.md'), 'new\n');
      repo.commit('new');
      const r = await runCli(['plan', 'status', '--baseline', base, '--run-verifications', '--format', 'json'], join(sub, 'refactor'));
      assert.equal(r.code, 1, r.stderr);
      const [m91, m92] = JSON.parse(r.stdout).milestones;
      assert.equal(m91.status, 'done', m91.reason);
      assert.equal(m91.baseline.passed, false);
      // README.md exists in sub/ at the baseline too: run at the right folder, it passed there.
      assert.equal(m92.status, 'flagged', m92.reason);
      assert.equal(m92.baseline.passed, true);
    } finally {
      repo.cleanup();
    }
  });
});
