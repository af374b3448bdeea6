// Pinning against real bare repositories reached through file:// and --git-base.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { unexpectedChanges } from './helpers/line-diff.js';
import { fixtureRepo, git, workRepo } from './helpers/remotes.js';
import { buildScenario, type Scenario } from './helpers/scenario.js';

let s: Scenario;
const cleanup: string[] = [];
const MAP = 'docs/refactor/milestones/M06/M06_action_pins.json';

before(() => {
  s = buildScenario();
});
after(() => {
  s.host.dispose();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

function repo(name = 'basic', extra: Record<string, string> = {}): string {
  const dir = name === 'inline' ? workRepo(extra) : fixtureRepo(name, extra);
  cleanup.push(dir);
  return dir;
}
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const pin = (dir: string, ...extra: string[]) => runCli(['pin', dir, '--git-base', s.host.base, '--cache-dir', join(dir, '.git', 'gw-cache'), ...extra], dir);
const calls = (stderr: string) => Number(/(\d+) ls-remote call/.exec(stderr)?.[1] ?? NaN);

describe('groundwork pin (file:// remotes)', () => {
  it('pins tags to peeled commits with the most specific version, refuses branches and ambiguous names, keeps policies', async () => {
    const dir = repo();
    const beforeText = read(dir, '.github/workflows/ci.yml');
    const r = await pin(dir, '--format', 'json');
    const text = read(dir, '.github/workflows/ci.yml');
    const { sha } = s;
    const expect = (line: string) => assert.ok(text.includes(line), `missing line: ${line}\n--- got:\n${text}\n${r.stderr}`);
    expect(`      - uses: actions/checkout@${sha.co2}            # v4.2.2\n`); // spacing before the comment kept
    expect(`        uses: "actions/checkout@${sha.co2}" # v4.2.2\n`);
    expect(`      - uses: 'acme/nested@${sha.n1}' # v2.0.0\n`); // nested tag peeled to the commit
    expect(`      - uses: acme/moving@${sha.m1} # v1.1.0\n`);
    expect(`      - uses: acme/moving@${sha.m2} # v1.2.0\n`);
    expect(`      - uses: acme/infra/actions/setup@${sha.i1} # v0.3.1\n`);
    expect(`    uses: acme/infra/.github/workflows/build.yml@${sha.i1} # v0.3.1\n`);
    expect(`        uses: acme/fork@${sha.f1} # v1.0.0\n`);
    expect('      - uses: acme/ambiguous@release\n');
    expect('      - uses: acme/notags@main\n');
    expect('            uses: actions/checkout@v3\n'); // text inside with:, untouched
    expect('    uses: acme/infra/.github/workflows/deploy.yml@main\n'); // allowed by policy
    expect('generator_generic_slsa3.yml@v2.0.0\n'); // ref-pin policy
    assert.ok(!text.includes(sha.coTagObject!) && !text.includes(sha.nInner!), 'a tag object SHA was written');
    assert.deepEqual(unexpectedChanges(beforeText, text), []);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; line: number }[];
    const ids = findings.map((f) => `${f.ruleId}:${f.line}`).sort();
    for (const want of ['ambiguous-ref:14', 'branch-ref:15', 'unpinned-image:17']) assert.ok(ids.includes(`${want}`), `${want} not in ${ids.join(' ')}`);
    assert.equal(r.code, 1, 'refusals are findings at high severity');
    // The composite action's own uses: is pinned too.
    assert.match(read(dir, '.github/actions/setup/action.yml'), new RegExp(`actions/checkout@${sha.co1} # v3\\.6\\.0\\n`));
  });

  it('pins v1 and v1.2.0 correctly whatever their order on the page', async () => {
    const dir = repo();
    await pin(dir);
    const text = read(dir, '.github/workflows/order.yml');
    assert.match(text, new RegExp(`acme/moving@${s.sha.m2} # v1\\.2\\.0\\n.*acme/moving@${s.sha.m1} # v1\\.1\\.0\\n`, 's'));
  });

  it('makes one ls-remote per repository, caches on disk, and a second run changes nothing', async () => {
    const dir = repo();
    const first = await pin(dir, '--map');
    const distinct = new Set(['actions/checkout', 'acme/nested', 'acme/moving', 'acme/infra', 'acme/ambiguous', 'acme/notags', 'acme/fork']).size;
    assert.equal(calls(first.stderr), distinct, first.stderr);
    const snapshot = [
      '.github/workflows/ci.yml',
      '.github/workflows/order.yml',
      '.github/actions/setup/action.yml',
      '.github/templates/common.yml.j2',
      MAP,
    ].map((p) => read(dir, p));
    const second = await pin(dir, '--map');
    assert.equal(calls(second.stderr), 0, 'the disk cache answered');
    assert.match(second.stderr, /rewrote 0 ref/);
    assert.deepEqual(
      ['.github/workflows/ci.yml', '.github/workflows/order.yml', '.github/actions/setup/action.yml', '.github/templates/common.yml.j2', MAP].map((p) =>
        read(dir, p),
      ),
      snapshot,
    );
    const noCache = await pin(dir, '--cache-ttl', '0');
    assert.equal(calls(noCache.stderr), 2, 'only the refused references need resolving again');
  });

  it('writes the sorted mapping file with the requested refs', async () => {
    const dir = repo();
    await pin(dir, '--map');
    const map = JSON.parse(read(dir, MAP)) as { action: string; requested_ref: string; sha: string; version: string; resolved_at: string; files: string[] }[];
    const keys = map.map((e) => `${e.action}\0${e.requested_ref}\0${e.sha}`);
    assert.deepEqual(keys, [...keys].sort());
    const v4 = map.find((e) => e.action === 'actions/checkout' && e.requested_ref === 'v4')!;
    assert.equal(v4.sha, s.sha.co2);
    assert.equal(v4.version, 'v4.2.2');
    assert.ok(!Number.isNaN(Date.parse(v4.resolved_at)));
    assert.deepEqual(v4.files, ['.github/templates/common.yml.j2', '.github/workflows/ci.yml', '.github/workflows/generated-linux.yml']);
    assert.ok(!map.some((e) => e.action.startsWith('slsa-framework') || (e.requested_ref === 'main' && e.action.includes('deploy'))));
  });

  it('expands a short SHA reachable from a branch, refuses one only refs/pull reaches, and pins branches with --branches pin', async () => {
    const dir = repo('inline', {
      '.github/workflows/w.yml': `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/notags@${s.sha.t1!.slice(0, 8)}\n      - uses: acme/fork@${s.sha.fPull!.slice(0, 10)}\n      - uses: acme/notags@main\n`,
    });
    const r = await pin(dir, '--branches', 'pin', '--format', 'json');
    const text = read(dir, '.github/workflows/w.yml');
    assert.ok(text.includes(`acme/notags@${s.sha.t1}\n`), text); // no tag: no comment to write
    assert.ok(text.includes(`acme/fork@${s.sha.fPull!.slice(0, 10)}\n`), 'the impostor prefix stays');
    assert.ok(text.includes(`acme/notags@${s.sha.t2} # main\n`), text);
    const f = JSON.parse(r.stdout).findings as { ruleId: string; line: number; severity: string }[];
    assert.ok(f.some((x) => x.ruleId === 'short-sha' && x.line === 7 && x.severity === 'high'));
    assert.ok(f.some((x) => x.ruleId === 'short-sha' && x.line === 6 && x.severity === 'low'));
    assert.ok(f.some((x) => x.ruleId === 'branch-ref' && x.line === 8 && x.severity === 'low'));
  });

  it('keeps CRLF line endings, quoting and unrelated comments', async () => {
    const crlf =
      'on: push\r\njobs:\r\n  a:\r\n    runs-on: x # keep me\r\n    steps:\r\n      - uses: "acme/nested@v2"   # was v2\r\n      - uses: acme/moving@v1\r\n';
    const dir = repo('inline', { '.github/workflows/w.yml': crlf });
    await pin(dir);
    const text = read(dir, '.github/workflows/w.yml');
    assert.equal(
      text,
      `on: push\r\njobs:\r\n  a:\r\n    runs-on: x # keep me\r\n    steps:\r\n      - uses: "acme/nested@${s.sha.n1}"   # v2.0.0\r\n      - uses: acme/moving@${s.sha.m1} # v1.1.0\r\n`,
    );
  });

  it('--check is offline and fails until everything is pinned; every format carries the findings', async () => {
    const dir = repo();
    const env = { GIT_DIR: '/nonexistent' };
    const before = await runCli(['pin', dir, '--check', '--format', 'sarif'], dir, env);
    assert.equal(before.code, 1);
    const sarif = JSON.parse(before.stdout);
    const rules = new Set(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId));
    assert.ok(rules.has('unpinned-action') && rules.has('unpinned-image') && rules.has('template-pin-drift') === false, [...rules].join());
    const gh = await runCli(['pin', dir, '--check', '--format', 'github'], dir);
    assert.match(gh.stdout, /::error file=\.github\/workflows\/ci\.yml,line=7/);
    const seedGrep = /@main/.test(read(dir, '.github/workflows/ci.yml'));
    assert.ok(seedGrep, 'the seed grep would pass or fail on @main only; @v4 is what it misses');
    // Pin, then allow what the policy cannot pin, and check passes.
    await pin(dir);
    const yml = read(dir, '.github/workflows/ci.yml')
      .replace('      - uses: acme/ambiguous@release\n', '')
      .replace('      - uses: acme/notags@main\n', '')
      .replace('      - uses: docker://alpine:3.20\n', '');
    writeFileSync(join(dir, '.github/workflows/ci.yml'), yml);
    const afterCheck = await runCli(['pin', dir, '--check', '--format', 'json'], dir);
    assert.equal(afterCheck.code, 0, afterCheck.stdout);
  });

  it('fails with a clear error naming what could not be resolved when the remote is unreachable, writing nothing', async () => {
    const dir = repo();
    const before = read(dir, '.github/workflows/ci.yml');
    const r = await runCli(['pin', dir, '--git-base', 'http://127.0.0.1:9', '--retries', '1', '--cache-dir', join(dir, '.git', 'c')], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /could not resolve 7 of 7 action repositories \(nothing was written\)/);
    assert.match(r.stderr, /actions\/checkout: http:\/\/127\.0\.0\.1:9\/actions\/checkout could not be reached after 2 attempt/);
    assert.equal(read(dir, '.github/workflows/ci.yml'), before);
  });

  it('honours GROUNDWORK_CACHE_DIR', async () => {
    const dir = repo();
    const cache = join(dir, '.git', 'env-cache');
    await runCli(['pin', dir, '--git-base', s.host.base], dir, { GROUNDWORK_CACHE_DIR: cache });
    assert.ok(
      git(['ls-files', '--others'], dir) === '' &&
        readFileSync(join(cache, 'pin', 'refs', readdirFirst(join(cache, 'pin', 'refs'))), 'utf8').includes('"heads"'),
    );
  });

  it('leaves a ref alone when its line carries an ignore directive with a reason', async () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/moving@v1 # groundwork: ignore[unpinned-action] vendored fork, reviewed by hand\n';
    const dir = repo('inline', { '.github/workflows/w.yml': text });
    const r = await pin(dir);
    assert.equal(read(dir, '.github/workflows/w.yml'), text);
    assert.equal(r.code, 0, r.stdout);
    assert.equal((await runCli(['pin', dir, '--check'], dir)).code, 0);
  });

  it('lets a policy entry pin branch heads for its pattern only, and pins refs in flow-style steps', async () => {
    const dir = repo('inline', {
      'groundwork.yml':
        'pin:\n  policies:\n    - pattern: "acme/notags"\n      policy: hash-pin\n      branches: pin\n      reason: no releases; the head is reviewed before each bump\n',
      '.github/workflows/w.yml':
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: acme/notags@main\n      - uses: actions/checkout@main\n      - {uses: acme/moving@v1.2.0, name: flow}\n',
    });
    const r = await pin(dir, '--format', 'json');
    const text = read(dir, '.github/workflows/w.yml');
    assert.ok(text.includes(`      - uses: acme/notags@${s.sha.t2} # main\n      - uses: actions/checkout@main\n`), text);
    // In a flow mapping nothing may follow the value on its line, so only the ref changes.
    assert.ok(text.includes(`      - {uses: acme/moving@${s.sha.m2}, name: flow}\n`), text);
    const f = (JSON.parse(r.stdout).findings as { ruleId: string; line: number; severity: string }[]).map((x) => `${x.line}:${x.ruleId}:${x.severity}`);
    assert.deepEqual(f.sort(), ['6:branch-ref:low', '7:branch-ref:high', '8:missing-version-comment:medium']);
  });

  it('refuses a mapping file outside the repository', async () => {
    const dir = repo();
    const r = await pin(dir, '--map-file', '../escape.json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /must be inside the repository/);
  });
});

function readdirFirst(dir: string): string {
  return readdirSync(dir)[0]!;
}
