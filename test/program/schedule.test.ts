import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ganttSvg } from '../../src/program/gantt.js';
import { edgesOf } from '../../src/program/graph.js';
import { emptyClaims, type Ledger } from '../../src/program/ledger.js';
import { schedulePlan, type Schedule } from '../../src/program/schedule.js';
import { importSeed } from '../../src/program/seed-import.js';
import { seedText } from './helpers.js';

/** Every property a list schedule must have, checked independently of how it was built. */
function assertValid(ledger: Ledger, s: Schedule, mode: 'hard' | 'hard+soft'): void {
  assert.deepEqual(s.tasks.map((t) => t.id).sort(), ledger.milestones.map((m) => m.id).sort());
  const at = new Map(s.tasks.map((t) => [t.id, t]));
  for (const t of s.tasks) assert.equal(t.end - t.start, ledger.milestones.find((m) => m.id === t.id)!.effort ?? 0);
  for (const e of edgesOf(ledger, mode)) assert.ok(at.get(e.to)!.start >= at.get(e.from)!.end, `${e.to} starts before ${e.from} ends`);
  for (let p = 1; p <= s.people; p++) {
    const lane = s.tasks.filter((t) => t.person === p).sort((a, b) => a.start - b.start);
    for (let i = 1; i < lane.length; i++) assert.ok(lane[i]!.start >= lane[i - 1]!.end, `person ${p} overlaps`);
  }
  assert.ok(s.makespan >= s.lowerBound);
  assert.equal(s.makespan, Math.max(...s.tasks.map((t) => t.end)));
}

describe('plan schedule', () => {
  const { ledger } = importSeed(seedText());

  it('critical path of the seed: M03 → M04 → M05 (18 h) with the soft blocker, M11 (16 h) without', () => {
    const soft = schedulePlan(ledger, { people: 2 });
    assert.deepEqual(soft.criticalPath, { ids: ['M03', 'M04', 'M05'], hours: 18 });
    assert.deepEqual(schedulePlan(ledger, { people: 2, edgeMode: 'hard' }).criticalPath, { ids: ['M11'], hours: 16 });
  });

  for (const people of [1, 2, 3, 4, 6]) {
    it(`${people} people: valid, pinned M01 starts at 0, no worse than the longest-chain list schedule`, () => {
      for (const mode of ['hard', 'hard+soft'] as const) {
        const s = schedulePlan(ledger, { people, edgeMode: mode });
        assertValid(ledger, s, mode);
        assert.equal(s.tasks.find((t) => t.id === 'M01')!.start, 0);
        assert.ok(s.makespan <= s.unpinnedMakespan, 'honouring the pin made it worse');
      }
    });
  }

  it('2 people: 36 h, which equals the lower bound (70 h of even efforts cannot split 35/35)', () => {
    const s = schedulePlan(ledger, { people: 2 });
    assert.equal(s.lowerBound, 36);
    assert.equal(s.makespan, 36);
  });

  it('random plans: always valid and never below the lower bound', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const n = 2 + Math.floor(rand() * 12);
      const ids = Array.from({ length: n }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
      const l: Ledger = {
        format: 1,
        title: 'r',
        claims: { ...emptyClaims(), start: rand() < 0.5 ? [{ id: ids[n - 1]!, line: 1 }] : [] },
        milestones: ids.map((id, i) => ({
          id,
          title: id,
          aliases: [],
          effort: 1 + Math.floor(rand() * 9),
          blockers: ids.slice(0, i).filter(() => rand() < 0.25),
          soft: ids.slice(0, i).filter(() => rand() < 0.1),
          deliverables: [],
          manual: [],
          next: [],
          lines: {},
        })),
      };
      const people = 1 + Math.floor(rand() * 4);
      const s = schedulePlan(l, { people });
      assertValid(l, s, 'hard+soft');
      if (people === 1)
        assert.equal(
          s.makespan,
          l.milestones.reduce((a, m) => a + (m.effort ?? 0), 0),
        );
    }
  });

  it('draws a Gantt chart: one bar per milestone, the critical path outlined', () => {
    const s = schedulePlan(ledger, { people: 2 });
    const svg = ganttSvg(s, 'Seed & <plan>');
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.equal((svg.match(/<rect x=/g) ?? []).length, s.tasks.length);
    assert.equal((svg.match(/stroke="#000000"/g) ?? []).length, 3);
    assert.ok(svg.includes('Seed &amp; &lt;plan&gt;'));
    assert.equal((svg.match(/<g>/g) ?? []).length, (svg.match(/<\/g>/g) ?? []).length);
  });
});
