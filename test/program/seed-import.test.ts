import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseLedger, serializeLedger } from '../../src/program/ledger-file.js';
import { importSeed } from '../../src/program/seed-import.js';
import { lineOf, seedText, SHARED_SEED, sharedSeedAbsent } from './helpers.js';

describe('plan import: the seed', () => {
  const text = seedText();
  const { ledger, problems } = importSeed(text, { source: 'seed.md', hasRecipe: () => true });
  const byId = (id: string) => ledger.milestones.find((m) => m.id === id)!;

  it('yields the 10 defined milestones, in order', () => {
    assert.deepEqual(
      ledger.milestones.map((m) => m.id),
      ['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M08', 'M09', 'M11', 'M13'],
    );
  });

  it('reads the hard blockers and keeps "or after M04" as a soft one', () => {
    const blockers = Object.fromEntries(ledger.milestones.map((m) => [m.id, m.blockers]));
    assert.deepEqual(blockers, { M01: [], M02: ['M01'], M03: [], M04: ['M03'], M05: [], M06: [], M08: [], M09: ['M08'], M11: [], M13: [] });
    assert.deepEqual(
      ledger.milestones.filter((m) => m.soft.length).map((m) => [m.id, m.soft]),
      [['M05', ['M04']]],
    );
  });

  it('reads effort, priority, aliases, deliverables, rollback and next', () => {
    assert.equal(
      ledger.milestones.reduce((s, m) => s + (m.effort ?? 0), 0),
      70,
    );
    assert.equal(byId('M11').priority, 'P2'); // "P2 (but high impact)"
    assert.ok(byId('M05').aliases.includes('Action 5'));
    assert.deepEqual(byId('M08').deliverables, ['docs/refactor/SBOM.json', 'docs/refactor/THIRD_PARTY_VERSIONS.md']);
    assert.deepEqual(byId('M05').manual, ['Update branch protection: Add `actionlint` to required checks']);
    assert.equal(byId('M04').rollback, '`git revert` workflow changes');
    assert.deepEqual(byId('M01').next, ['M02']);
    assert.equal(ledger.baseline, 'c5f1d40');
  });

  it('keeps command verifications with their expected exit code and prose ones for the recipe', () => {
    assert.deepEqual(byId('M06').verification, {
      kind: 'command',
      run: 'grep -r "@main" .github/workflows/',
      expect: 0,
      stated: byId('M06').verification!.stated,
    });
    assert.equal(byId('M11').verification?.kind, 'command');
    assert.equal(byId('M02').verification?.kind, 'recipe');
    const noRecipes = importSeed(text, {}).ledger.milestones.find((m) => m.id === 'M02')!;
    assert.equal(noRecipes.verification?.kind, 'manual');
  });

  it('records the claims the lint checks: total, parallel sets, sequence, pinned start, references', () => {
    assert.deepEqual(ledger.claims.totalHours, { value: 70, line: lineOf(text, '**Total Effort**') });
    assert.deepEqual(ledger.claims.start, [{ id: 'M01', line: lineOf(text, '**Start with M01**') }]);
    const parallelizable = ledger.claims.parallel.find((c) => c.line === lineOf(text, '**Parallelizable**'))!;
    assert.deepEqual(parallelizable.ids, ['M03', 'M05', 'M06', 'M08', 'M11', 'M13']);
    assert.ok(ledger.claims.sequence.some((s) => s.ids.join() === 'M03,M05' && s.from === 3 && s.to === 4));
    assert.equal(ledger.claims.references.find((r) => r.id === 'M17')!.line, lineOf(text, 'M15-M19'));
  });

  it('keeps the code the document shows for a file (used to judge the M01 verification)', () => {
    assert.deepEqual(
      byId('M01').sketches?.map((s) => [s.path, s.line]),
      [['test/test_import_smoke.py', lineOf(text, '# test/test_import_smoke.py')]],
    );
  });

  it('reports what it cannot place, by line', () => {
    const ci = problems.find((p) => p.text.includes('Update CI: Add smoke test job'))!;
    assert.equal(ci.line, lineOf(text, 'Update CI: Add smoke test job'));
    assert.ok(problems.every((p) => text.split('\n')[p.line - 1] === p.text));
  });

  it('serialises to a ledger that reads back identically', () => {
    const yaml = serializeLedger(ledger);
    assert.deepEqual(parseLedger(yaml, 'plan.yml'), parseLedger(serializeLedger(parseLedger(yaml, 'plan.yml')), 'plan.yml'));
    assert.equal(serializeLedger(parseLedger(yaml, 'plan.yml')), yaml);
  });

  it('the shared seed imports like the committed copy', { skip: sharedSeedAbsent() }, () => {
    const shared = importSeed(readFileSync(SHARED_SEED, 'utf8'), { source: 'seed.md', hasRecipe: () => true });
    assert.equal(shared.ledger.milestones.length, 10);
    assert.deepEqual(
      shared.ledger.milestones.map((m) => [m.id, m.blockers, m.soft]),
      ledger.milestones.map((m) => [m.id, m.blockers, m.soft]),
    );
  });
});

describe('plan import: flaws of other documents', () => {
  const doc = [
    '# Small plan',
    '### Action 1: M01 - First',
    '**Effort**: two days',
    '**Blockers**: M02',
    '**Owner**: someone',
    '### Action 2: M02 - Second',
    '**Effort**: 3 hours',
    '**Blockers**: M01',
    '### Action 3: M02 - Again',
    '| ID | Action | Priority | Effort | Blockers | Deliverables |',
    '|----|--------|---------|--------|----------|--------------|',
    '| **M09** | Ghost | P1 | 1h | None | x |',
  ].join('\n');
  const { ledger, problems } = importSeed(doc);

  it('reports an unknown field, an effort that is not hours, a duplicate and a table row without section, each by line', () => {
    const at = (needle: string) => problems.filter((p) => p.line === lineOf(doc, needle)).map((p) => p.message);
    assert.match(at('**Owner**')[0]!, /unknown field 'Owner'/);
    assert.match(at('two days')[0]!, /not a number of hours/);
    assert.match(at('M02 - Again')[0]!, /defined twice/);
    assert.match(at('Ghost')[0]!, /no action section/);
    assert.equal(ledger.milestones.length, 2);
  });

  it('refuses a ledger written by a newer format, naming both', () => {
    assert.throws(() => parseLedger('format: 9\nmilestones: []\n', 'refactor/plan.yml'), /format 9 .*reads format 1/);
  });
});
