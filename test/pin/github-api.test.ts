// The optional GitHub REST backend: release dates for --min-age, and a token that reaches only the
// API's own origin. Both "GitHub" and "another host" are loopback servers.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { workRepo } from './helpers/remotes.js';
import { buildScenario, NOW, type Scenario } from './helpers/scenario.js';

let s: Scenario;
const servers: Server[] = [];
const cleanup: string[] = [];
const seen: { host: 'api' | 'other'; url: string; headers: IncomingHttpHeaders }[] = [];

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let api = '';
before(async () => {
  s = buildScenario();
  const other = await listen((req, res) => {
    seen.push({ host: 'other', url: req.url!, headers: req.headers });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify([{ tag_name: 'v3.6.0', published_at: new Date((NOW - 400 * 86_400) * 1000).toISOString() }]));
  });
  api = await listen((req, res) => {
    seen.push({ host: 'api', url: req.url!, headers: req.headers });
    if (req.url === '/repos/actions/checkout/releases?per_page=100') {
      res.setHeader('content-type', 'application/json');
      res.setHeader('link', `<${api}/repos/actions/checkout/releases?per_page=100&page=2>; rel="next"`);
      // The tag is 30 days old in git, but the release was only published yesterday.
      return res.end(
        JSON.stringify([
          { tag_name: 'v4.3.0', published_at: new Date((NOW - 86_400) * 1000).toISOString() },
          { tag_name: 'v9.9.9', draft: true, published_at: null },
        ]),
      );
    }
    if (req.url?.includes('page=2')) {
      res.statusCode = 302;
      res.setHeader('location', `${other}/elsewhere`);
      return res.end();
    }
    res.statusCode = 404;
    res.end('{}');
  });
});
after(async () => {
  for (const srv of servers) await new Promise((r) => srv.close(r));
  s.host.dispose();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

describe('GitHub REST release dates (--api-base)', () => {
  it('uses release dates for the cooldown, follows pagination, and sends the token to the API origin only', async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n';
    const dir = workRepo({ '.github/workflows/w.yml': text });
    cleanup.push(dir);
    const r = await runCli(
      ['pin', dir, '--update', '--min-age', '7d', '--git-base', s.host.base, '--api-base', api, '--cache-dir', join(dir, '.git', 'c')],
      dir,
      { GITHUB_TOKEN: 'test-token-123' },
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    // Without the API, v4.3.0 (30 days old in git) would be chosen; its release is one day old.
    assert.ok(readFileSync(join(dir, '.github/workflows/w.yml'), 'utf8').includes(`actions/checkout@${s.sha.co2} # v4.2.2\n`));
    const apiCalls = seen.filter((x) => x.host === 'api');
    assert.ok(apiCalls.length >= 2, JSON.stringify(seen.map((x) => x.url)));
    assert.ok(apiCalls.every((x) => x.headers.authorization === 'Bearer test-token-123'));
    const elsewhere = seen.filter((x) => x.host === 'other');
    assert.equal(elsewhere.length, 1, 'the redirect was followed');
    assert.equal(elsewhere[0]!.headers.authorization, undefined, 'the token went to another host');
    assert.ok(!(r.stdout + r.stderr).includes('test-token-123'));
  });

  it('fails with a clear error when the API cannot be reached, without printing the token', async () => {
    const dir = workRepo({ '.github/workflows/w.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n' });
    cleanup.push(dir);
    const r = await runCli(
      ['pin', dir, '--update', '--min-age', '7d', '--git-base', s.host.base, '--api-base', 'http://127.0.0.1:9', '--cache-dir', join(dir, '.git', 'c')],
      dir,
      { GH_TOKEN: 'secret-xyz' },
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /GitHub API http:\/\/127\.0\.0\.1:9\/repos\/actions\/checkout\/releases/);
    assert.ok(!r.stderr.includes('secret-xyz'));
  });
});
