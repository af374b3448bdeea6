// Issue 16: a real SIGINT while `audit` writes its pack leaves no `.audit.new-*` staging folder.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoWith, ROOT } from '../helpers/tmp-repo.js';

const BIN = join(ROOT, 'bin', 'groundwork.js');

/** A workflow with many findings, so the pack (report.html above all) takes a while to write. */
function bigWorkflow(steps: number): string {
  const body = Array.from({ length: steps }, (_, i) => `      - name: Run tests ${i}\n        run: pytest tests/part_${i} || true\n`).join('');
  return `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${body}`;
}

describe('signals', () => {
  it('SIGINT while the pack is being written: no staging or old folder is left', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': bigWorkflow(3000) });
    try {
      const parent = join(t.dir, 'docs/refactor');
      const leftovers = () => (existsSync(parent) ? readdirSync(parent).filter((n) => n.startsWith('.audit.')) : []);
      let caught = 0;
      for (let attempt = 0; attempt < 5 && caught < 1; attempt++) {
        const child = spawn(process.execPath, [BIN, 'audit', t.dir, '--quiet'], { stdio: 'ignore' });
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
        // Watch for the staging folder in a tight loop and interrupt the moment it appears.
        // Yielding between polls lets the child's exit be noticed.
        const deadline = Date.now() + 60_000;
        let seen = false;
        while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
          if (leftovers().some((n) => n.startsWith('.audit.new-'))) {
            child.kill('SIGINT');
            seen = true;
            break;
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
        const code = await exited;
        if (seen) caught++;
        assert.deepEqual(leftovers(), [], `attempt ${attempt}: exit ${code}, left behind`);
      }
      assert.ok(caught > 0, 'the interrupt landed while the pack was being written at least once');
    } finally {
      t.cleanup();
    }
  });
});
