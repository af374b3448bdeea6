import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo, SEED_COPY } from './helpers.js';

const PYTEST_STYLE = 'def test_torch_import():\n    import torch\n    assert torch.__version__\n';

describe('plan status and plan render on a repository', () => {
  let repo: ReturnType<typeof gitRepo>;
  before(async () => {
    repo = gitRepo({
      'README.md': '# demo\n',
      'pkg/__init__.py': '',
      'pkg/mod.py': 'x = 1\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n',
    });
    const imported = await runCli(['plan', 'import', SEED_COPY], repo.dir);
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(() => repo.cleanup());

  const status = async (...extra: string[]) => {
    const r = await runCli(['plan', 'status', '--format', 'json', ...extra], repo.dir);
    return {
      ...r,
      json: JSON.parse(r.stdout) as {
        milestones: { id: string; status: string; reason: string; baseline?: { passed: boolean } }[];
        findings: { ruleId: string; message: string }[];
      },
    };
  };
  const of = (s: Awaited<ReturnType<typeof status>>, id: string) => s.json.milestones.find((m) => m.id === id)!;

  it("before any work: nothing done; M01 and M06 show the recipe's verification instead of the seed's flawed command, with the reason; the seed's flaws are the seed's, exit 0", async () => {
    const s = await status();
    assert.equal(s.code, 0);
    assert.deepEqual(
      s.json.milestones.filter((m) => m.status === 'done').map((m) => m.id),
      [],
    );
    assert.equal(of(s, 'M01').status, 'not-done');
    assert.match(of(s, 'M01').reason, /the ledger's `python test\/test_import_smoke\.py` cannot fail, so groundwork verify M01 stands in/);
    assert.equal(of(s, 'M06').status, 'not-done');
    assert.match(of(s, 'M06').reason, /the ledger's `grep -r "@main" \.github\/workflows\/` inverts its exit code, so groundwork verify M06 stands in/);
    assert.match(
      of(s, 'M13').reason,
      /`pre-commit install && pre-commit run --all-files` not run \(needs --run-verifications\); groundwork verify M13 stands in/,
    );
    // Reported once by `plan check`; the status names their number without counting them.
    assert.deepEqual(s.json.findings, []);
    const text = await runCli(['plan', 'status'], repo.dir);
    assert.match(text.stdout, /has 2 flaw\(s\) of its own, not counted against this repository: `groundwork plan check` lists them/);
  });

  it('where some deliverables exist, those milestones are done and the rest not; the vacuous one is not counted', async () => {
    assert.equal((await runCli(['apply', 'M13'], repo.dir)).code, 0);
    mkdirSync(join(repo.dir, 'test'), { recursive: true });
    writeFileSync(join(repo.dir, 'test/test_import_smoke.py'), PYTEST_STYLE);
    const s = await status();
    assert.equal(of(s, 'M13').status, 'done', of(s, 'M13').reason);
    // python FILE on a pytest module exits 0 without torch: the recipe's verification (the file and the static import check) decides instead.
    assert.equal(of(s, 'M01').status, 'done', of(s, 'M01').reason);
    assert.match(of(s, 'M01').reason, /stands in/);
    for (const id of ['M02', 'M03', 'M04', 'M05', 'M08']) assert.equal(of(s, id).status, 'not-done', id);
    // No vendored code and no torch/distributed here: imported as not applicable, not counted.
    for (const id of ['M09', 'M11']) assert.equal(of(s, id).status, 'not-applicable', id);
    const text = await runCli(['plan', 'status'], repo.dir);
    assert.match(text.stdout, /2 of 8 milestones done \(8 of 46 hours\)/);
    assert.match(text.stdout, /Not applicable here, not counted: M09, M11\./);
  });

  it('verify MXX and plan status agree on every milestone of the seed (one code path)', async () => {
    const s = await status();
    for (const m of s.json.milestones) {
      const v = await runCli(['verify', m.id, repo.dir, '--format', 'json'], repo.dir);
      const json = JSON.parse(v.stdout) as { status: string; reason: string; passed: boolean };
      assert.equal(json.status, m.status, `${m.id}: verify says ${json.reason}; plan status says ${m.reason}`);
      assert.equal(json.reason, m.reason, m.id);
      assert.equal(v.code, ['done', 'attested', 'needs-attestation', 'not-applicable'].includes(m.status) ? 0 : 1, m.id);
    }
  });

  it('plan render writes REFACTOR.md (M02) with computed status; regenerating is idempotent and keeps hand-written text', async () => {
    assert.equal((await runCli(['verify', 'M02'], repo.dir)).code, 1);
    assert.equal((await runCli(['plan', 'render'], repo.dir)).code, 0);
    const first = readFileSync(join(repo.dir, 'REFACTOR.md'), 'utf8');
    assert.match(first, /\[docs\/refactor\/audit\/README\.md\]\(docs\/refactor\/audit\/README\.md\)/);
    assert.match(first, /^\| M13 \| Pre-Commit Config \| P2 \| 4h \| – \| ✅ done \|/m);
    assert.match(first, /^\| M02 \| Populate REFACTOR\.md \| P0 \| 2h \| M01 \| ✅ done \|/m);
    assert.match(first, /^\| M05 \| Add actionlint \| P1 \| 4h \| M04 \(soft\) \| ⬜ not done \|/m);
    assert.equal((await runCli(['verify', 'M02'], repo.dir)).code, 0);
    await runCli(['plan', 'render'], repo.dir);
    assert.equal(readFileSync(join(repo.dir, 'REFACTOR.md'), 'utf8'), first);
    const edited = first.replace(
      '<!-- groundwork:keep decisions -->\n',
      '<!-- groundwork:keep decisions -->\n| 2026-02-09 | Keep M05 after M04 | fewer conflicts | M05 |\n',
    );
    writeFileSync(join(repo.dir, 'REFACTOR.md'), edited);
    await runCli(['plan', 'render'], repo.dir);
    assert.equal(readFileSync(join(repo.dir, 'REFACTOR.md'), 'utf8'), edited);
  });

  it('--baseline: a verification that already passed at the baseline is flagged; one that failed there counts', async () => {
    const base = repo.commit('work so far');
    const ledgerPath = join(repo.dir, 'refactor/plan.yml');
    const ledger = readFileSync(ledgerPath, 'utf8');
    const extra = [
      '  - id: M90',
      '    title: Always green',
      '    effort: 1',
      '    deliverables: [README.md]',
      '    verification: { kind: command, run: "test -f README.md", expect: 0 }',
      '  - id: M91',
      '    title: Red then green',
      '    effort: 1',
      '    deliverables: [NEW.md]',
      '    verification: { kind: command, run: "test -f NEW.md", expect: 0 }',
    ].join('\n');
    writeFileSync(ledgerPath, ledger.replace('\nclaims:', `\n${extra}\nclaims:`));
    writeFileSync(join(repo.dir, 'NEW.md'), 'new\n');
    repo.commit('new');
    const s = await status('--baseline', base, '--run-verifications');
    assert.equal(of(s, 'M90').status, 'flagged');
    assert.equal(of(s, 'M90').baseline?.passed, true);
    assert.equal(of(s, 'M91').status, 'done');
    assert.equal(of(s, 'M91').baseline?.passed, false);
    assert.ok(s.json.findings.some((f) => f.ruleId === 'plan-verification-not-red' && f.message.startsWith('M90')));
    assert.equal(git(repo.dir, 'worktree', 'list').trim().split('\n').length, 1, 'the temporary worktree is removed');
    assert.equal((await runCli(['plan', 'status', '--baseline', 'no-such-rev'], repo.dir)).code, 2);
  });

  it('a manual step needs an attestation, then shows as attested, not computed; the attestation survives a re-import', async () => {
    assert.equal((await runCli(['apply', 'M05'], repo.dir)).code, 0);
    assert.equal(of(await status(), 'M05').status, 'needs-attestation');
    const ledgerPath = join(repo.dir, 'refactor/plan.yml');
    const text = readFileSync(ledgerPath, 'utf8').replace(
      '  - id: M05\n',
      '  - id: M05\n    attestation: { status: done, by: alice, at: "2026-02-10", why: "actionlint is a required check" }\n',
    );
    writeFileSync(ledgerPath, text);
    assert.equal(of(await status(), 'M05').status, 'attested');
    await runCli(['plan', 'import', SEED_COPY], repo.dir);
    assert.match(readFileSync(ledgerPath, 'utf8'), /by: alice/);
    assert.equal(of(await status(), 'M05').status, 'attested');
  });
});
