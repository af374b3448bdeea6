// Plan tailoring (issue 15): the seed is fitted to the repository it is imported into — a small
// C++ library with a Python binding package, not PyTorch-shaped.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseLedger } from '../../src/program/ledger-file.js';
import { programStatus } from '../../src/program/audit-api.js';
import { Config } from '../../src/config/config.js';
import { Repository } from '../../src/services/repository.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp-repo.js';
import { git, gitRepo, SEED_COPY } from './helpers.js';

const WORKFLOW = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cmake -B build && cmake --build build\n';

function widget() {
  const repo = gitRepo({
    'CMakeLists.txt': 'project(widget CXX)\nadd_library(widget src/widget.cc)\n',
    'src/widget.cc': 'int widget() { return 1; }\n',
    'python/widget/__init__.py': 'from .core import size\n',
    'python/widget/core.py': 'def size():\n    return 1\n',
    '.github/workflows/build.yml': WORKFLOW,
  });
  git(repo.dir, 'remote', 'add', 'origin', 'https://example.com/acme/widget.git');
  return repo;
}

const ledgerOf = (dir: string) => parseLedger(readFileSync(join(dir, 'refactor/plan.yml'), 'utf8'), 'refactor/plan.yml');
const byId = (dir: string) => new Map(ledgerOf(dir).milestones.map((m) => [m.id, m]));

describe('plan import fits the seed to the repository', () => {
  let repo: ReturnType<typeof widget>;
  before(() => {
    repo = widget();
  });
  after(() => repo.cleanup());

  it('names the repository in the title, takes HEAD as the baseline, and marks milestones whose target is missing as not applicable', async () => {
    const r = await runCli(['plan', 'import', SEED_COPY], repo.dir);
    assert.equal(r.code, 0, r.stderr);
    const ledger = ledgerOf(repo.dir);
    assert.equal(ledger.title, 'widget: refactoring program');
    assert.equal(ledger.baseline, git(repo.dir, 'rev-parse', '--short', 'HEAD').trim());
    assert.notEqual(ledger.baseline, 'c5f1d40', "the seed's commit is PyTorch's, not this repository's");
    const m = byId(repo.dir);
    assert.match(m.get('M11')!.notApplicable!, /no distributed module: torch\/distributed\/distributed_c10d\.py does not exist/);
    assert.match(m.get('M09')!.notApplicable!, /no vendored third-party component/);
    for (const id of ['M01', 'M02', 'M03', 'M05', 'M13']) assert.equal(m.get(id)!.notApplicable, undefined, id);
    assert.match(r.stderr, /not applicable: M11 Protocol Version Check: no distributed module/);
    assert.match(r.stderr, /the document has 15 flaw\(s\) of its own/);
  });

  it('--only keeps the named milestones, --skip leaves some out; both keep the rest in the ledger as not applicable; unknown ids exit 2', async () => {
    assert.equal((await runCli(['plan', 'import', SEED_COPY, '--only', 'm05,M13', '-q'], repo.dir)).code, 0);
    let m = byId(repo.dir);
    assert.equal(m.size, 10, 'the seed still defines every milestone its text mentions');
    assert.deepEqual(
      [...m.values()].filter((x) => x.notApplicable === undefined).map((x) => x.id),
      ['M05', 'M13'],
    );
    assert.equal(m.get('M01')!.notApplicable, 'left out at import (--only M05,M13)');
    assert.equal((await runCli(['plan', 'import', SEED_COPY, '--skip', 'M13', '--skip', 'M06', '-q'], repo.dir)).code, 0);
    m = byId(repo.dir);
    assert.equal(m.get('M13')!.notApplicable, 'left out at import (--skip)');
    assert.equal(m.get('M06')!.notApplicable, 'left out at import (--skip)');
    assert.equal(m.get('M05')!.notApplicable, undefined);
    const bad = await runCli(['plan', 'import', SEED_COPY, '--only', 'M42'], repo.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--only names M42, which the document does not define/);
  });

  it('status, schedule and render leave not-applicable milestones out of the counts, and verify says they do not apply', async () => {
    await runCli(['plan', 'import', SEED_COPY, '-q'], repo.dir);
    const status = await runCli(['plan', 'status'], repo.dir);
    assert.match(status.stdout, /^M11\s+not-applicable\s+16h\s+0\/2\s+not applicable: no distributed module/m);
    assert.match(status.stdout, /0 of 8 milestones done \(0 of 46 hours\)/);
    const schedule = JSON.parse((await runCli(['plan', 'schedule', '--people', '1', '--format', 'json'], repo.dir)).stdout) as {
      totalHours: number;
      tasks: { id: string }[];
    };
    assert.equal(schedule.totalHours, 46);
    assert.ok(!schedule.tasks.some((t) => t.id === 'M11' || t.id === 'M09'));
    const verify = await runCli(['verify', 'M11', repo.dir], repo.dir);
    assert.equal(verify.code, 0);
    assert.match(verify.stdout, /^M11 .*: does not apply \(not-applicable: not applicable: no distributed module/);
  });

  it("the seed's flaws are reported by plan check, not counted against the repository by the audit", async () => {
    await runCli(['plan', 'import', SEED_COPY, '-q'], repo.dir);
    const check = await runCli(['plan', 'check', '--format', 'json'], repo.dir);
    assert.equal(check.code, 1);
    assert.equal(JSON.parse(check.stdout).findings.length, 15);
    const s = (await programStatus(Repository.open(repo.dir), new Config()))!;
    assert.deepEqual(s.findings, []);
    assert.ok(s.sourceFlaws.length >= 15);
    const pack = tempDir();
    try {
      const audit = await runCli(['audit', repo.dir, '--out', pack.dir, '--quiet', '--fail-on', 'never'], repo.dir);
      assert.equal(audit.code, 0, audit.stderr);
      const findings = JSON.parse(readFileSync(join(pack.dir, 'findings.json'), 'utf8')) as { findings: { ruleId: string }[] };
      assert.ok(!findings.findings.some((f) => f.ruleId.startsWith('plan-')), 'no plan-* finding in the audit');
      assert.match(readFileSync(join(pack.dir, 'README.md'), 'utf8'), /flaw\(s\) of its own, not counted against this repository/);
    } finally {
      pack.cleanup();
    }
  });
});

describe('status never shows a milestone done on an empty deliverable', () => {
  it('an empty smoke test, or a generated one of no module, is not done', async () => {
    const repo = widget();
    try {
      await runCli(['plan', 'import', SEED_COPY, '-q'], repo.dir);
      const m01 = async () =>
        (
          JSON.parse((await runCli(['plan', 'status', '--format', 'json'], repo.dir)).stdout) as {
            milestones: { id: string; status: string; reason: string }[];
          }
        ).milestones.find((m) => m.id === 'M01')!;
      mkdirSync(join(repo.dir, 'test'), { recursive: true });
      writeFileSync(join(repo.dir, 'test/test_import_smoke.py'), '\n');
      let s = await m01();
      assert.equal(s.status, 'not-done');
      assert.match(s.reason, /missing test\/test_import_smoke\.py \(empty\)/);
      writeFileSync(join(repo.dir, 'test/test_import_smoke.py'), '# Generated by `groundwork smoke --write-test` (M01)\nimport unittest\nMODULES = (\n)\n');
      s = await m01();
      assert.equal(s.status, 'not-done');
      assert.match(s.reason, /imports at least one module \(0 module\(s\)\)/);
      assert.equal((await runCli(['apply', 'M01'], repo.dir)).code, 0);
      s = await m01();
      assert.equal(s.status, 'done', s.reason);
    } finally {
      repo.cleanup();
    }
  });
});
