// What an empty step output does to a later `if:`, evaluated with GitHub's expression library: the
// difference between a gate a failed producer quietly closes and a branch the workflow takes on
// purpose when the value is empty.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEffect } from '../../src/workflows/hidden/empty-decides.js';

const X = 'steps.decide.outputs.run';

describe('emptyEffect', () => {
  const cases: [string, ReturnType<typeof emptyEffect>][] = [
    // An empty value closes these: the work runs only on a non-empty one.
    [`${X} != ''`, 'skips'],
    [`${X} == 'true'`, 'skips'],
    [`\${{ ${X} }}`, 'skips'],
    [`contains(${X}, 'docs')`, 'skips'],
    [`github.event_name == 'push' || ${X} == 'true'`, 'skips'],
    [`success() && ${X}`, 'skips'],
    // An empty value opens these: the workflow's own "nothing found" branch.
    [`\${{ !${X} }}`, 'runs'],
    [`${X} != 'true'`, 'runs'],
    [`${X} == ''`, 'runs'],
    // The output does not decide on the normal path.
    [`failure() && ${X}`, 'neither'],
    [`matrix.os == 'linux'`, 'neither'],
    [`always() || ${X} == 'true'`, 'neither'],
    // Depends on another unknown: `(x == 'a') == (matrix.y == 'b')`.
    [`(${X} == 'a') == (matrix.y == 'b')`, 'both'],
    // String literals are not references: a quoted path is text.
    [`'${X}' == 'x'`, 'neither'],
  ];
  for (const [cond, want] of cases) it(`${want}: ${cond}`, () => assert.equal(emptyEffect(cond, X), want));

  it('fromJSON of an empty value fails the step loudly, so it never skips quietly', () => {
    assert.equal(emptyEffect(`fromJSON(${X}).enabled`, X), 'neither');
  });

  it('leaves what it cannot evaluate (hashFiles) to the caller', () => {
    assert.equal(emptyEffect(`hashFiles('**/lock') != '' && ${X}`, X), undefined);
  });
});
