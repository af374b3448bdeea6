// Pin as people use it (issue 15): --update lists afresh and says what moved per action, --verify
// sees a moved tag from the version comment alone, and an unreachable remote names the ways to
// run offline. Real bare repositories over file://, one loopback port that nothing listens on.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { git, RemoteHost, workRepo } from './helpers/remotes.js';

let host: RemoteHost;
const sha: Record<string, string> = {};
const cleanup: string[] = [];
before(() => {
  host = new RemoteHost();
  const co = host.remote('actions/checkout');
  sha.v4 = co.commit('v4');
  co.tag('v4', sha.v4).tag('v4.2.2', sha.v4).branch('main', sha.v4);
  const lib = host.remote('acme/setup-widget');
  sha.l1 = lib.commit('one');
  sha.l2 = lib.commit('two', sha.l1);
  lib.tag('v1.2.0', sha.l2).tag('v1', sha.l2).branch('main', sha.l2);
});
after(() => {
  host.dispose();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

const wf = (...uses: string[]) => `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join('')}`;
function repo(text: string): string {
  const dir = workRepo({ '.github/workflows/build.yml': text });
  cleanup.push(dir);
  return dir;
}
const pin = (dir: string, ...args: string[]) => runCli(['pin', dir, '--git-base', host.base, '--cache-dir', join(dir, '.git', 'gw-cache'), ...args], dir);
const read = (dir: string) => readFileSync(join(dir, '.github/workflows/build.yml'), 'utf8');

describe('pin --update', () => {
  it('ignores the ref cache, so a release made since the last listing is seen, and prints what moved per action', async () => {
    const dir = repo(wf('actions/checkout@v4', 'actions/checkout@v4', 'acme/setup-widget@v1'));
    assert.equal((await pin(dir)).code, 0, 'a plain run lists the tags and caches them for an hour');
    assert.equal(read(dir), wf(`actions/checkout@${sha.v4} # v4.2.2`, `actions/checkout@${sha.v4} # v4.2.2`, `acme/setup-widget@${sha.l2} # v1.2.0`));
    const co = host.remote('actions/checkout');
    const v5 = co.commit('v5', sha.v4);
    co.tag('v5.0.0', v5).tag('v5', v5);
    const plain = await pin(dir);
    assert.match(plain.stderr, /rewrote 0 ref/, 'a plain run reuses the cached listing');
    const update = await pin(dir, '--update');
    assert.equal(update.code, 0, update.stderr);
    assert.equal(read(dir), wf(`actions/checkout@${v5} # v5.0.0`, `actions/checkout@${v5} # v5.0.0`, `acme/setup-widget@${sha.l2} # v1.2.0`));
    assert.match(update.stderr, /^actions\/checkout v4\.2\.2 → v5\.0\.0, 2 refs$/m);
    assert.doesNotMatch(update.stderr, /setup-widget .*→/, 'an action already on its newest release did not move');
    const again = await pin(dir, '--update');
    assert.match(again.stderr, /every pin is already on the newest release allowed/);
  });
});

describe('pin --verify', () => {
  it('reports a moved tag from the version comment alone, without --map, with high confidence', async () => {
    const dir = repo(wf('acme/setup-widget@v1.2.0'));
    assert.equal((await pin(dir)).code, 0);
    assert.equal((await pin(dir, '--verify')).code, 0, 'nothing has moved yet');
    // A compromised maintainer force-moves v1.2.0 (and v1) to a new commit.
    const evil = host.remote('acme/setup-widget').commit('malicious', sha.l2);
    git(['update-ref', 'refs/tags/v1.2.0', evil], join(host.root, 'acme', 'setup-widget'));
    git(['update-ref', 'refs/tags/v1', evil], join(host.root, 'acme', 'setup-widget'));
    const r = await pin(dir, '--verify', '--format', 'json');
    assert.equal(r.code, 1);
    const f = (JSON.parse(r.stdout).findings as { ruleId: string; confidence: string; message: string }[]).filter((x) => x.ruleId === 'tag-moved');
    assert.equal(f.length, 1, r.stdout);
    assert.equal(f[0]!.confidence, 'high');
    assert.match(
      f[0]!.message,
      /tag v1\.2\.0 now points at .*, not at the pinned .* \(the version comment names v1\.2\.0, and the pinned commit, still in the repository's history, carries no version tag any more\)/,
    );
    assert.ok(read(dir).includes(`acme/setup-widget@${sha.l2} # v1.2.0`), 'verify changes nothing');
  });
});

describe('pin without a network', () => {
  it('names --git-base and the cache as the ways to run offline', async () => {
    const dir = repo(wf('actions/checkout@v4'));
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const r = await runCli(
      ['pin', dir, '--git-base', 'http://127.0.0.1:9', '--cache-dir', join(dir, '.git', 'gw-cache'), '--retries', '0', '--timeout', '5'],
      dir,
    );
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /could not resolve 1 of 1 action repositories/);
    assert.match(r.stderr, /To run without github\.com: --git-base URL \(or OWNER=URL, or pin\.gitBase in groundwork\.yml\)/);
    assert.ok(r.stderr.includes(`reused from the cache in ${join(dir, '.git', 'gw-cache')}`), r.stderr);
  });
});
