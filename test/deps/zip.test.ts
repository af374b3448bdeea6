// The OSV dump reader's zip archives (issue 14): made by the real zip tool; members are checked against
// their CRC-32, and a compression method the reader cannot inflate is an error, never a silent skip.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { zipEntries } from '../../src/deps/zip.js';
import { tempDir } from '../helpers/tmp-repo.js';

const skip = spawnSync('zip', ['-v']).status === 0 ? false : 'the zip tool is not installed';
const RECORD = JSON.stringify({ id: 'OSV-2025-0001', affected: [{ ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] }] });

function zipped(args: string[]): Buffer {
  const t = tempDir('gw-zip-');
  try {
    writeFileSync(join(t.dir, 'r.json'), RECORD.repeat(20));
    execFileSync('zip', ['-q', ...args, join(t.dir, 'a.zip'), 'r.json'], { cwd: t.dir });
    return readFileSync(join(t.dir, 'a.zip'));
  } finally {
    t.cleanup();
  }
}

describe('zip reader', { skip }, () => {
  it('reads stored and deflated members', () => {
    for (const args of [['-0'], ['-9']]) {
      const [entry] = [...zipEntries(zipped(args), 'a.zip')];
      assert.equal(entry!.data.toString('utf8'), RECORD.repeat(20), args.join(' '));
    }
  });

  it('throws on a damaged member (CRC-32) and on an unknown compression method', () => {
    const stored = zipped(['-0']);
    const at = stored.indexOf('OSV-2025-0001');
    stored[at] = 'X'.charCodeAt(0);
    assert.throws(() => [...zipEntries(stored, 'all.zip')], /all\.zip: r\.json fails its CRC-32 check/);
    const bzip2 = zipped(['-Z', 'bzip2']);
    assert.throws(() => [...zipEntries(bzip2, 'all.zip')], /all\.zip: r\.json uses compression method 12/);
  });
});
