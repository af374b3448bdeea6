import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePwsh } from '../../src/sources/pwsh-script.js';

describe('parsePwsh', () => {
  it('reads statements and blocks', () => {
    const st = parsePwsh('Write-Host a\nif ($x) { cmake --build b } else { exit 1 }\n');
    assert.deepEqual(
      st.map((s) => s.head),
      ['Write-Host a', 'if ($x) {…} else {…}'],
    );
    assert.deepEqual(
      st[1]!.blocks.map((b) => b.statements.map((s) => s.head)),
      [['cmake --build b'], ['exit 1']],
    );
  });

  // microsoft/msquic: `${{ matrix.vec.xdp && '-UseXdp' }}` unmasked left a `}` that closed nothing, and
  // the reader stood still on it, filling memory until the process died.
  it('moves past a brace that closes nothing', () => {
    const st = parsePwsh("scripts/test.ps1 -Config x ${{ matrix.vec.xdp && '-UseXdp' }} -Log y\n}\nWrite-Host done");
    assert.ok(st.length >= 2 && st.length <= 4, `statements: ${JSON.stringify(st.map((s) => s.head))}`);
    assert.equal(st.at(-1)!.head, 'Write-Host done');
  });
});
