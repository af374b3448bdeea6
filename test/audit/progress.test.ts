import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/io.js';
import { progressReporter } from '../../src/cli/progress.js';

function io(tty: boolean): { io: CliIO; err: () => string } {
  let err = '';
  return { io: { cwd: '/', env: {}, stdout: () => {}, stderr: (s) => void (err += s), stdoutIsTTY: tty, stderrIsTTY: tty }, err: () => err };
}

const outcome = { id: 'workflows', title: 'Workflow audit', area: 'ci-reliability' as const, status: 'ok' as const, findings: [], ms: 12 };

describe('audit progress', () => {
  it('on a terminal: a live line per capability, redrawn in place', () => {
    const t = io(true);
    const p = progressReporter(t.io, false);
    p.onProgress({ kind: 'start', id: 'workflows', title: 'Workflow audit' });
    p.onProgress({ kind: 'done', id: 'workflows', title: 'Workflow audit', outcome });
    p.stop();
    assert.match(t.err(), /⠋ Workflow audit…/);
    assert.match(t.err(), /\x1b\[1A/, 'cursor moves up to redraw');
    assert.match(t.err(), /✔ Workflow audit: 0 findings \(12 ms\)/);
  });

  it('in CI logs: one plain line per finished capability, no escape codes; nothing with --quiet', () => {
    const t = io(false);
    const p = progressReporter(t.io, false);
    p.onProgress({ kind: 'start', id: 'workflows', title: 'Workflow audit' });
    p.onProgress({ kind: 'done', id: 'workflows', title: 'Workflow audit', outcome });
    p.onProgress({ kind: 'done', id: 'pinning', title: 'Action pinning', outcome: { ...outcome, findings: [undefined as never] } });
    p.stop();
    assert.equal(t.err(), 'audit: Workflow audit: ok, 0 findings (12 ms)\naudit: Action pinning: ok, 1 finding (12 ms)\n');
    const q = io(true);
    const quiet = progressReporter(q.io, true);
    quiet.onProgress({ kind: 'done', id: 'workflows', title: 'Workflow audit', outcome });
    quiet.stop();
    assert.equal(q.err(), '');
  });
});
