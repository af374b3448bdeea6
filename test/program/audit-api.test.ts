import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectAllFindings } from '../../src/audit/collect.js';
import { Config } from '../../src/config/config.js';
import { precommitFindings, programSchedule, programStatus, ratchetCheck } from '../../src/program/audit-api.js';
import { Repository } from '../../src/services/repository.js';
import { runCli } from '../helpers/cli.js';
import { gitRepo, SEED_COPY } from './helpers.js';

describe('library entry points for groundwork audit', () => {
  let repo: ReturnType<typeof gitRepo>;
  before(() => {
    repo = gitRepo({
      '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: main\n    hooks:\n      - id: check-yaml\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make || true\n',
    });
  });
  after(() => repo.cleanup());

  it('programStatus is undefined without a ledger, then gives statuses, progress and findings', async () => {
    const r = Repository.open(repo.dir);
    assert.equal(await programStatus(r, new Config()), undefined);
    assert.equal((await runCli(['plan', 'import', SEED_COPY, '-q'], repo.dir)).code, 0);
    const s = (await programStatus(Repository.open(repo.dir), new Config()))!;
    assert.equal(s.statuses.length, 10);
    // No Python source, no vendored code, no torch/distributed: M01, M09 and M11 do not apply and are not counted.
    assert.deepEqual(
      s.statuses.filter((x) => x.status === 'not-applicable').map((x) => x.id),
      ['M01', 'M09', 'M11'],
    );
    assert.equal(s.progress.total, 7);
    assert.deepEqual(
      s.statuses.filter((x) => x.status === 'flagged').map((x) => x.id),
      ['M06'],
    );
    // The seed's flaws are the seed's: reported apart, never as the repository's findings.
    assert.deepEqual(s.findings, []);
    const rules = new Set(s.sourceFlaws.map((f) => f.ruleId));
    for (const id of ['plan-undefined-milestone', 'plan-verification-cannot-fail', 'plan-verification-inverted', 'plan-parallel-conflict'])
      assert.ok(rules.has(id), id);
    assert.equal(s.sourceFlaws.filter((f) => f.ruleId === 'plan-verification-inverted').length, 1, 'the lint and the status do not report the same flaw twice');
    const { schedule, svg } = programSchedule(s.ledger, 2);
    assert.equal(schedule.makespan, 22, "M01, M09 and M11 take no one's time");
    assert.match(svg, /^<svg /);
  });

  it('precommitFindings and ratchetCheck', async () => {
    const r = Repository.open(repo.dir);
    assert.deepEqual(
      precommitFindings(r).map((f) => f.ruleId),
      ['precommit-mutable-rev'],
    );
    const findings = await collectAllFindings(r, new Config());
    assert.ok(findings.length > 0, 'the workflow masks `make` with || true');
    assert.equal(ratchetCheck(r, new Config(), findings).present, false);
    assert.equal((await runCli(['ratchet', repo.dir, '--update', '-q'], repo.dir)).code, 0);
    const clean = ratchetCheck(Repository.open(repo.dir), new Config(), findings);
    assert.equal(clean.present, true);
    assert.deepEqual(clean.findings, []);
    assert.equal(
      ratchetCheck(Repository.open(repo.dir), new Config(), []).falls.reduce((n, c) => n + c.before - c.now, 0),
      findings.length,
    );
  });
});
