import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPlan } from '../../src/program/plan-check.js';
import { importSeed } from '../../src/program/seed-import.js';
import { lineOf, seedText } from './helpers.js';

function lint(text: string, read: (p: string) => string | undefined = () => undefined) {
  const { ledger } = importSeed(text, { source: 'doc.md', hasRecipe: () => true });
  return checkPlan({ ledger, file: 'doc.md', sourceLines: text.split('\n'), read });
}

describe('plan check on the seed', () => {
  const text = seedText();
  const findings = lint(text);
  const of = (rule: string) => findings.filter((f) => f.ruleId === rule);

  it('reports every referenced but undefined milestone, ranges kept together, at the line it first appears', () => {
    const undefinedIds = of('plan-undefined-milestone').map((f) => [/^(M\d+(?:–M\d+)?)/.exec(f.message)![1], f.line]);
    assert.deepEqual(undefinedIds, [
      ['M07', lineOf(text, 'M03-M10 are mostly independent')],
      ['M10', lineOf(text, 'M03-M10 are mostly independent')],
      ['M00', lineOf(text, 'M00, M01, M02 completed')],
      ['M12', lineOf(text, 'After M11 → M12')],
      ['M14', lineOf(text, 'After M13 → M14')],
      ['M15–M19', lineOf(text, '**M15-M19**')],
      ['M23–M30', lineOf(text, '**M23-M30**')],
    ]);
  });

  it('finds no cycle and no total mismatch (70 h is right)', () => {
    assert.equal(of('plan-cycle').length, 0);
    assert.equal(of('plan-total-mismatch').length, 0);
  });

  it('says the stated parallel set contradicts the soft blocker M04 → M05', () => {
    const f = of('plan-parallel-conflict').find((x) => x.line === lineOf(text, '**Parallelizable**'))!;
    assert.match(f.message, /M05 waits for M03 \(M04 after M03, M05 after M04 \(soft\)\)/);
    const range = of('plan-parallel-conflict').find((x) => x.line === lineOf(text, 'M03-M10 are mostly independent'))!;
    assert.match(range.message, /M09 waits for M08/);
    assert.match(range.message, /undefined M07, M10/);
  });

  it('finds the soft blocker hidden in prose, at the Blockers line of M05', () => {
    assert.deepEqual(
      of('plan-soft-blocker').map((f) => f.line),
      [lineOf(text, 'None (can start immediately, or after M04)')],
    );
  });

  it('flags M01 as unable to fail and M06 as inverted', () => {
    const cannot = of('plan-verification-cannot-fail');
    assert.ok(cannot.some((f) => f.message.startsWith('M01:') && f.line === lineOf(text, '# test/test_import_smoke.py')));
    const inverted = of('plan-verification-inverted');
    assert.deepEqual(
      inverted.map((f) => [f.message.slice(0, 4), f.line]),
      [['M06:', lineOf(text, 'grep -r "@main"')]],
    );
    assert.match(inverted[0]!.message, /@v4/);
  });

  it('finds the week plan running M05 before M04', () => {
    assert.deepEqual(
      of('plan-sequence-conflict').map((f) => f.line),
      [lineOf(text, '**Day 3-4**')],
    );
  });

  it('judges M01 by the real file once it exists: a __main__ block makes it able to fail', () => {
    const withMain = lint(text, (p) =>
      p === 'test/test_import_smoke.py' ? 'def test_a():\n    import torch\n\nif __name__ == "__main__":\n    test_a()\n' : undefined,
    );
    assert.ok(!withMain.some((f) => f.ruleId === 'plan-verification-cannot-fail' && f.message.startsWith('M01')));
  });
});

describe('plan check on a broken plan', () => {
  const doc = [
    '# Broken',
    '### Action 1: M01 - A',
    '**Effort**: 2 hours',
    '**Blockers**: M03',
    '**Verification**: `make test || true`',
    '### Action 2: M02 - B',
    '**Effort**: 3 hours',
    '**Blockers**: M01',
    '### Action 3: M03 - C',
    '**Effort**: 4 hours',
    '**Blockers**: M02',
    '| ID | Action | Priority | Effort | Blockers | Deliverables |',
    '|----|--------|---------|--------|----------|--------------|',
    '| **M01** | A | P0 | 5h | M03 | x |',
    '**Total Effort**: 8 hours',
  ].join('\n');
  const findings = lint(doc);
  const rules = (r: string) => findings.filter((f) => f.ruleId === r);

  it('reports the cycle with its path', () => {
    assert.equal(rules('plan-cycle').length, 1);
    assert.match(rules('plan-cycle')[0]!.message, /M01 → M02 → M03 → M01|M03 → M01 → M02 → M03/);
  });

  it('reports the wrong total, the table that disagrees and the command that cannot fail', () => {
    assert.match(rules('plan-total-mismatch')[0]!.message, /stated total is 8 hours but the 3 milestones add up to 9 hours/);
    assert.equal(rules('plan-total-mismatch')[0]!.line, lineOf(doc, 'Total Effort'));
    assert.match(rules('plan-table-mismatch')[0]!.message, /table says 5h, the section 2 hours/);
    assert.match(rules('plan-verification-cannot-fail')[0]!.message, /forcing exit status 0/);
  });
});
