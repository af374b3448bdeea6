// The same pinning through a loopback smart-HTTP server (`git http-backend`), as GitHub or GHES serve it.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { startHttpGit } from './helpers/http-git.js';
import { workRepo } from './helpers/remotes.js';
import { buildScenario, type Scenario } from './helpers/scenario.js';

let s: Scenario;
let server: Awaited<ReturnType<typeof startHttpGit>>;
const cleanup: string[] = [];
before(async () => {
  s = buildScenario();
  server = await startHttpGit(s.host.root);
});
after(async () => {
  await server.close();
  s.host.dispose();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

describe('groundwork pin over HTTP (git http-backend on 127.0.0.1)', () => {
  it('pins, expands a short SHA through a fetched history, and verifies', async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - uses: acme/nested@v2 # old comment\n      - uses: acme/notags@${s.sha.t1!.slice(0, 9)}\n  call:\n    uses: acme/infra/.github/workflows/build.yml@v0.3\n`;
    const dir = workRepo({ '.github/workflows/w.yml': text });
    cleanup.push(dir);
    const cache = join(dir, '.git', 'gw-cache');
    const r = await runCli(['pin', dir, '--git-base', server.base, '--cache-dir', cache], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = readFileSync(join(dir, '.github/workflows/w.yml'), 'utf8');
    assert.equal(
      out,
      `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@${s.sha.co2} # v4.2.2\n      - uses: acme/nested@${s.sha.n1} # v2.0.0\n      - uses: acme/notags@${s.sha.t1}\n  call:\n    uses: acme/infra/.github/workflows/build.yml@${s.sha.i1} # v0.3.1\n`,
    );
    const listings = server.requests.filter((q) => q.includes('/info/refs?service=git-upload-pack'));
    assert.ok(listings.length >= 4, server.requests.join('\n'));
    const v = await runCli(['pin', dir, '--verify', '--git-base', server.base, '--cache-dir', cache, '--format', 'json'], dir);
    const ids = (JSON.parse(v.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId).sort();
    // The short SHA had no tag to name, so it is flagged as unversioned and as on no release.
    assert.deepEqual(ids, ['missing-version-comment', 'stale-pin']);
  });

  it('times out a server that never answers, retries a bounded number of times, and never prints credentials', async () => {
    const sockets: import('node:net').Socket[] = [];
    const hang = createServer(() => undefined);
    hang.on('connection', (c) => sockets.push(c));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const port = (hang.address() as import('node:net').AddressInfo).port;
    const dir = workRepo({ '.github/workflows/w.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n' });
    cleanup.push(dir);
    try {
      const t = Date.now();
      const r = await runCli(
        ['pin', dir, '--git-base', `http://bot:s3cret-token@127.0.0.1:${port}`, '--timeout', '1', '--retries', '1', '--cache-dir', join(dir, '.git', 'c')],
        dir,
      );
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        r.stderr,
        /actions\/checkout: http:\/\/\*\*\*@127\.0\.0\.1:\d+\/actions\/checkout could not be reached after 2 attempt\(s\): git ls-remote timed out/,
      );
      assert.ok(!r.stderr.includes('s3cret'), r.stderr);
      assert.ok(Date.now() - t < 15_000);
    } finally {
      for (const c of sockets) c.destroy();
      await new Promise((r) => hang.close(r));
    }
  });
});
