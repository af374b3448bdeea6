// The edit applier every fix goes through: overlapping fixes wait for a later pass, a fix that breaks
// the file is dropped alone, and many edits in one file give the same text as applying them one by one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, applyTextEdits } from '../../src/core/apply-edits.js';
import type { Fix, TextEdit } from '../../src/core/finding.js';

const fix = (title: string, ...edits: TextEdit[]): Fix => ({ title, safety: 'safe', edits });
const edit = (start: number, end: number, text: string): TextEdit => ({ start, end, text });

/** The obvious reference: apply from the end, one slice per edit. */
function sliceByEnd(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('applyTextEdits', () => {
  it('gives the reference result for edits in any order, inserts and deletions included', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz'.repeat(40);
    // A deterministic scatter of disjoint edits: every seventh character replaced, deleted or preceded.
    const edits: TextEdit[] = [];
    for (let i = 3; i < text.length; i += 7) edits.push(i % 3 === 0 ? edit(i, i + 1, 'XY') : i % 3 === 1 ? edit(i, i + 2, '') : edit(i, i, '>'));
    const shuffled = edits
      .map((e, i) => ({ e, k: (i * 7919) % edits.length }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.e);
    assert.equal(applyTextEdits(text, shuffled), sliceByEnd(text, edits));
  });

  it('keeps the text as it is with no edits', () => {
    assert.equal(applyTextEdits('a\r\nb', []), 'a\r\nb');
  });
});

describe('applyFixes', () => {
  it('defers a fix overlapping an applied one and applies the rest', () => {
    const out = applyFixes('0123456789', [fix('a', edit(2, 5, 'A')), fix('b', edit(4, 6, 'B')), fix('c', edit(8, 9, 'C'))]);
    assert.equal(out.text, '01A56789'.replace('8', 'C'));
    assert.deepEqual(
      out.applied.map((f) => f.title),
      ['a', 'c'],
    );
    assert.deepEqual(
      out.deferred.map((f) => f.title),
      ['b'],
    );
  });

  it('treats two inserts at one point as overlapping (their order would decide the text)', () => {
    const out = applyFixes('ab', [fix('x', edit(1, 1, 'X')), fix('y', edit(1, 1, 'Y'))]);
    assert.equal(out.text, 'aXb');
    assert.deepEqual(
      out.deferred.map((f) => f.title),
      ['y'],
    );
  });

  it('lets an edit end where another starts', () => {
    const out = applyFixes('abcd', [fix('l', edit(0, 2, 'L')), fix('r', edit(2, 4, 'R')), fix('i', edit(4, 4, '!'))]);
    assert.equal(out.text, 'LR!');
    assert.equal(out.deferred.length, 0);
  });

  it('checks every edit of a multi-edit fix against edits taken before it, not only its first', () => {
    const out = applyFixes('0123456789', [fix('wide', edit(0, 1, 'W'), edit(6, 7, 'W')), fix('inner', edit(3, 4, 'I')), fix('late', edit(6, 8, 'L'))]);
    assert.deepEqual(
      out.applied.map((f) => f.title),
      ['wide', 'inner'],
    );
    assert.deepEqual(
      out.deferred.map((f) => f.title),
      ['late'],
    );
    assert.equal(out.text, 'W12I45W789');
  });

  it('drops only the fix whose result does not validate', () => {
    const validate = (t: string) => (t.includes('!') ? 'a bang is not allowed' : undefined);
    const out = applyFixes('one two three', [fix('ok', edit(0, 3, 'ONE')), fix('bad', edit(4, 7, 'tw!')), fix('ok2', edit(8, 13, 'THREE'))], validate);
    assert.equal(out.text, 'ONE two THREE');
    assert.deepEqual(
      out.rejected.map((r) => [r.fix.title, r.reason]),
      [['bad', 'a bang is not allowed']],
    );
  });

  it('applies a thousand disjoint one-line fixes like the reference', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `      - run: step ${i} | tee log`);
    const text = lines.join('\n') + '\n';
    const fixes: Fix[] = [];
    let at = 0;
    for (const l of lines) {
      fixes.push(fix(`f${at}`, edit(at + l.length, at + l.length, '\n        shell: bash')));
      at += l.length + 1;
    }
    const out = applyFixes(text, fixes.reverse());
    assert.equal(out.applied.length, 1000);
    assert.equal(
      out.text,
      sliceByEnd(
        text,
        fixes.flatMap((f) => f.edits),
      ),
    );
  });
});
