// The --dry-run diff of large files (src/cli/patch.ts): the same patch jsdiff writes where lines are
// distinct, and always a patch that applies, built without diffing the whole file at once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, createTwoFilesPatch } from 'diff';
import { unifiedPatch } from '../../src/cli/patch.js';

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A large text and a copy with fix-like edits: lines deleted, inserted, changed; final newline maybe dropped. */
function edited(r: () => number, distinct: boolean): [string, string] {
  const a = Array.from({ length: 2000 + Math.floor(r() * 800) }, (_, i) => (distinct ? `line ${i}\n` : r() < 0.2 ? '\n' : `line ${Math.floor(r() * 30)}\n`));
  const b = [...a];
  for (let e = Math.floor(r() * 40); e > 0; e--) {
    const i = Math.floor(r() * (b.length + 1));
    const k = r();
    if (k < 0.3) b.splice(i, 1);
    else if (k < 0.6) b.splice(i, 0, `new ${e}\n`);
    else if (i < b.length) b[i] = `changed ${e}\n`;
  }
  const drop = (s: string) => (r() < 0.3 ? s.replace(/\n$/, '') : s);
  return [drop(a.join('')), drop(b.join(''))];
}

describe('unified patch of large files', () => {
  it('equals jsdiff where lines are distinct, and always applies', () => {
    const r = random(16);
    for (let n = 0; n < 150; n++) {
      const distinct = n % 2 === 0;
      const [a, b] = edited(r, distinct);
      for (const context of [0, 1, 3]) {
        const ours = unifiedPatch('a/f', 'b/f', a, b, context);
        assert.equal(applyPatch(a, ours), b, `case ${n}, context ${context}: the patch applies`);
        if (distinct) assert.equal(ours, createTwoFilesPatch('a/f', 'b/f', a, b, '', '', { context }).replace(/^=+\n/, ''), `case ${n}, context ${context}`);
      }
    }
  });

  it('every other line changed (fix on thousands of steps) is diffed region by region', () => {
    const before = Array.from({ length: 1000 }, (_, i) => `      - name: Run tests ${i}\n        run: pytest t${i} || true\n`).join('');
    const after = before.replace(/ \|\| true\n/g, '\n');
    const ours = unifiedPatch('a/ci.yml', 'b/ci.yml', before, after, 3);
    assert.equal(applyPatch(before, ours), after);
    assert.equal(ours, createTwoFilesPatch('a/ci.yml', 'b/ci.yml', before, after, '', '', { context: 3 }).replace(/^=+\n/, ''));
  });
});
