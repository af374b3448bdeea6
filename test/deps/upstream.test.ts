import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { parseAge } from '../../src/deps/age.js';
import { parseLsRemote, placePin, releases, tagVersion } from '../../src/deps/tags.js';
import { git, write } from '../sbom/git-fixtures.js';
import { buildScenario, type Scenario } from '../sbom/scenario.js';
import { capturingIO } from '../helpers/cli.js';

const io = capturingIO;

describe('release tags', () => {
  it('parses versions from real tag styles and spots pre-releases', () => {
    assert.deepEqual(tagVersion('v1.18.0'), { version: '1.18.0', prerelease: false });
    assert.deepEqual(tagVersion('release-1.11.0'), { version: '1.11.0', prerelease: false });
    assert.deepEqual(tagVersion('pybind11-2.13'), { version: '2.13.0', prerelease: false });
    assert.equal(tagVersion('v3.0.0rc1')?.prerelease, true);
    assert.equal(tagVersion('v1.18.0-rc1')?.prerelease, true);
    assert.equal(tagVersion('20240722'), undefined);
    assert.equal(tagVersion('nightly'), undefined);
  });

  it('sorts by version, not by name, and ignores pre-releases unless asked', () => {
    const a = 'a'.repeat(40);
    const tags = parseLsRemote(
      [
        `${a}\trefs/tags/v1.9.0`,
        `${'b'.repeat(40)}\trefs/tags/v1.10.0`,
        `${'c'.repeat(40)}\trefs/tags/v1.11.0-rc1`,
        `${'d'.repeat(40)}\trefs/tags/v1.10.0^{}`,
      ].join('\n'),
    );
    assert.equal(tags.find((t) => t.name === 'v1.10.0')!.commit, 'd'.repeat(40)); // peeled
    assert.deepEqual(
      releases(tags).map((t) => t.name),
      ['v1.10.0', 'v1.9.0'],
    );
    assert.deepEqual(
      releases(tags, true).map((t) => t.name),
      ['v1.11.0-rc1', 'v1.10.0', 'v1.9.0'],
    );
    assert.deepEqual(placePin(a, undefined, tags), { onRelease: tags[0], behind: 1, latest: tags[1] });
  });

  it('reads ages', () => {
    assert.equal(parseAge('365d'), 365);
    assert.equal(parseAge('2y'), 730);
    assert.throws(() => parseAge('soon'), /365d/);
  });
});

let s: Scenario;

describe('deps against local upstreams (--git-base)', () => {
  before(() => {
    s = buildScenario();
  });
  after(() => s.cleanup());

  it('reports releases behind, commits behind, pins off releases and stale pins; exit 1', async () => {
    const x = io(s.root);
    // an age limit between the two pins' dates, so the test does not depend on today's date
    const limit = Math.floor((Date.now() - Date.parse('2021-01-01')) / 86_400_000);
    const code = await main(['deps', '--git-base', `file://${s.remotes}`, '--max-age', `${limit}d`, '--format', 'json'], x);
    assert.equal(code, 1, x.err);
    const f = JSON.parse(x.out).findings as { ruleId: string; message: string; severity: string }[];
    const by = (rule: string) => f.filter((y) => y.ruleId === rule).map((y) => y.message);
    assert.deepEqual(by('deps-outdated'), [
      `gtestlike (third_party/googletest) at ${s.up.gtest.commits.old!.slice(0, 12)} is 2 release(s) behind v1.18.0 (3 commits)`,
    ]);
    assert.equal(by('deps-not-on-release').length, 1);
    assert.match(by('deps-not-on-release')[0]!, /^fmtlike .* is not on a release tag \(nearest: v1\.1\.0\+1\); newest release is v1\.1\.0/);
    assert.equal(by('deps-stale-pin').length, 1);
    assert.match(by('deps-stale-pin')[0]!, new RegExp(`^fmtlike .*committed \\d+ days ago \\(2019-03-01\\), over the ${limit}-day limit`));
    // httplib is pinned on its only release: nothing to say about it
    assert.ok(!f.some((y) => y.ruleId.startsWith('deps-') && y.message.startsWith('httplib')));
  });

  it('--prerelease counts release candidates; --max-age and groundwork.yml move the age limit', async () => {
    git(join(s.up.gtest.bare), ['tag', 'v1.19.0-rc1', s.up.gtest.commits.new!]);
    const pre = io(s.root);
    await main(['deps', '--git-base', `file://${s.remotes}`, '--prerelease', '--format', 'json'], pre);
    assert.match(pre.out, /is 4 release\(s\) behind v1\.19\.0-rc1/);
    const young = io(s.root);
    assert.equal(await main(['deps', '--offline', '--max-age', '100y', '--format', 'json'], young), 0, young.out);
    const configured = io(s.root);
    write(s.root, { 'groundwork.yml': 'deps:\n  maxAge: 100y\n' });
    assert.equal(await main(['deps', '--offline', '--format', 'json'], configured), 0);
    const bad = io(s.root);
    assert.equal(await main(['deps', '--offline', '--max-age', 'old'], bad), 2);
  });

  it('findings come out as SARIF with the deps and sbom rule descriptors', async () => {
    const x = io(s.root);
    await main(['deps', '--git-base', `file://${s.remotes}`, '--max-age', '365d', '--format', 'sarif'], x);
    const run = JSON.parse(x.out).runs[0];
    const ids = new Set(run.results.map((r: { ruleId: string }) => r.ruleId));
    assert.ok(ids.has('deps-outdated') && ids.has('deps-stale-pin') && ids.has('sbom-version-conflict'), [...ids].join(','));
    const described = new Set(run.tool.driver.rules.map((r: { id: string }) => r.id));
    for (const id of ids) assert.ok(described.has(id), `no descriptor for ${id}`);
  });

  it('no upstream reachable at all is exit 2 with the reason, never a clean 0 (issue 13)', async () => {
    const x = io(s.root);
    assert.equal(await main(['deps', '--git-base', `file://${s.base}/no-such-mirror`, '--format', 'json'], x), 2);
    assert.match(x.err, /no upstream could be reached \(\d+ asked; first error: .+\); use --offline/);
  });

  it('an unreachable upstream is a note, not a crash', async () => {
    const x = io(s.root);
    await main(['deps', '--git-base', `file://${s.remotes}`, '--format', 'markdown'], x);
    assert.match(x.out, /outer: upstream not reachable/);
  });

  it('init deps-audit writes the monthly workflow with actions pinned to full SHAs', async () => {
    const x = io(s.root);
    assert.equal(await main(['init', 'deps-audit', '.', '--quiet'], x), 0);
    const text = readFileSync(join(s.root, '.github/workflows/audit-third-party.yml'), 'utf8');
    const wf = parse(text);
    assert.match(wf.on.schedule[0].cron, /^\d+ \d+ 1 \* \*$/);
    assert.deepEqual(wf.permissions, { contents: 'read' });
    const uses = text.split('\n').filter((l) => /uses:/.test(l));
    assert.ok(uses.length >= 2);
    for (const u of uses) assert.match(u, /uses: [\w-]+\/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    assert.match(text, /groundwork@[\d.]+ deps \. --osv-db/);
  });
});
