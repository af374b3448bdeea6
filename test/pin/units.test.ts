// Pure pieces of the pinning capability: parsing, versions, policies, ls-remote output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config } from '../../src/config/config.js';
import { parseDuration } from '../../src/pin/duration.js';
import { GitBases } from '../../src/pin/git-base.js';
import { PolicySet } from '../../src/pin/policy.js';
import { isTagObject, parseLsRemote, tagsOnCommit } from '../../src/pin/remote-refs.js';
import { parseUses, versionFromComment } from '../../src/pin/uses-ref.js';
import { mostSpecificVersion, newestRelease } from '../../src/pin/versions.js';
import { cacheDirFor } from '../../src/pin/cache-dir.js';
import { mapLimit } from '../../src/pin/limit.js';
import { parseLsRemote as depsTags } from '../../src/deps/tags.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/tmp-repo.js';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));

describe('uses: values', () => {
  it('classifies every form', () => {
    const kinds = [
      'actions/checkout@v4',
      'o/r/path/to@v1',
      'o/r/.github/workflows/x.yml@main',
      './.github/actions/a',
      'docker://alpine:3',
      'docker://alpine@sha256:ab',
      '${{ matrix.a }}',
      'checkout',
      'o/r@',
    ].map((v) => parseUses(v).kind);
    assert.deepEqual(kinds, ['action', 'action', 'reusable-workflow', 'local', 'docker', 'docker', 'expression', 'invalid', 'invalid']);
    const p = parseUses('o/r/sub/dir@v1.2');
    assert.deepEqual([p.action, p.repository, p.ref, p.refOffset], ['o/r/sub/dir', 'o/r', 'v1.2', 12]);
  });

  it('reads only plain version comments, as Renovate, Dependabot and zizmor do', () => {
    assert.equal(versionFromComment('# v4.2.2'), 'v4.2.2');
    assert.equal(versionFromComment('# tag=v4'), 'v4');
    assert.equal(versionFromComment('#v1.0.0-rc1'), 'v1.0.0-rc1');
    assert.equal(versionFromComment('# v4.0.0 - sha: abc123'), undefined); // the seed's format
    assert.equal(versionFromComment('# pin@v4'), undefined);
    assert.equal(versionFromComment('# main'), undefined);
  });
});

describe('versions', () => {
  it('picks the most specific tag on a commit, preferring the requested prefix', () => {
    assert.equal(mostSpecificVersion(['v4', 'v4.2', 'v4.2.2', 'latest']), 'v4.2.2');
    assert.equal(mostSpecificVersion(['1.2.0', 'v1.2.0'], 'v1'), 'v1.2.0');
    assert.equal(mostSpecificVersion(['v2.0.0-rc1', 'v2.0.0']), 'v2.0.0');
    assert.equal(mostSpecificVersion(['main', 'latest']), undefined);
  });

  it('finds the newest release within a major and past a cooldown', () => {
    const tags = ['v3.6.0', 'v4', 'v4.3.0', 'v5.0.0', 'v6.0.0-beta.1', 'other-1.0'];
    const dates = new Map([
      ['v4.3.0', 0],
      ['v5.0.0', 9 * 86_400_000],
    ]);
    assert.equal(newestRelease(tags, 'v4', { now: 10 * 86_400_000 }), 'v5.0.0');
    assert.equal(newestRelease(tags, 'v4', { now: 10 * 86_400_000, withinMajor: true }), 'v4.3.0');
    assert.equal(newestRelease(tags, 'v4', { now: 10 * 86_400_000, minAgeMs: 7 * 86_400_000, dates }), 'v4.3.0');
    assert.equal(newestRelease(tags, 'v5.0.0', { now: 0 }), undefined);
  });

  it('orders prereleases as semver does: rc.10 after rc.9, beta after alpha', () => {
    assert.equal(newestRelease(['v1.0.0-rc.9', 'v1.0.0-rc.10', 'v1.0.0-rc.2'], 'v1.0.0-rc.1', { now: 0 }), 'v1.0.0-rc.10');
    assert.equal(newestRelease(['v2.0.0-alpha.3', 'v2.0.0-beta.1'], 'v2.0.0-alpha.1', { now: 0 }), 'v2.0.0-beta.1');
    assert.equal(newestRelease(['v1.0.0-rc.10', 'v1.0.0'], 'v1.0.0-rc.9', { now: 0 }), 'v1.0.0');
  });
});

describe('ls-remote output', () => {
  const out = [
    `${'a'.repeat(40)}\trefs/heads/main`,
    `${'b'.repeat(40)}\trefs/tags/v1.0.0`,
    `${'c'.repeat(40)}\trefs/tags/v1.0.0^{}`,
    `${'c'.repeat(40)}\trefs/tags/v1`,
    `${'d'.repeat(40)}\trefs/pull/1/head`,
  ].join('\n');
  it('peels annotated tags and ignores refs/pull', () => {
    const refs = parseLsRemote('u', out, 't');
    assert.deepEqual(Object.keys(refs.heads), ['main']);
    assert.deepEqual(refs.tags['v1.0.0'], { name: 'v1.0.0', object: 'b'.repeat(40), commit: 'c'.repeat(40) });
    assert.deepEqual(tagsOnCommit(refs, 'c'.repeat(40)).sort(), ['v1', 'v1.0.0']);
    assert.equal(isTagObject(refs, 'b'.repeat(40))?.name, 'v1.0.0');
    assert.ok(!JSON.stringify(refs).includes('d'.repeat(40)));
  });

  it('has one parser: the upstream audit (deps) reads tags through it', () => {
    const parsers = walk(join(ROOT, 'src'))
      .filter((f) => /\{40\}\)\\t/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    assert.deepEqual(parsers, ['src/pin/remote-refs.ts']);
    assert.deepEqual(
      depsTags(out).map((t) => [t.name, t.commit]),
      [
        ['v1.0.0', 'c'.repeat(40)],
        ['v1', 'c'.repeat(40)],
      ],
    );
  });
});

describe('policies and settings', () => {
  it('matches patterns across slashes, with or without a ref, first match wins', () => {
    const p = new PolicySet([
      { pattern: 'pytorch/test-infra/*@main', policy: 'allow', reason: 'internal' },
      { pattern: 'slsa-framework/slsa-github-generator/*', policy: 'ref-pin', reason: 'needs its tag' },
    ]);
    assert.equal(p.match('pytorch/test-infra/.github/workflows/linux_job_v2.yml', 'main').policy, 'allow');
    assert.equal(p.match('pytorch/test-infra/.github/workflows/linux_job_v2.yml', 'v1').policy, 'hash-pin');
    assert.equal(p.match('slsa-framework/slsa-github-generator/.github/workflows/g.yml', 'v2.0.0').policy, 'ref-pin');
    assert.throws(() => new PolicySet([{ pattern: 'a/*', policy: 'allow', reason: ' ' }]), /needs a reason/);
    assert.equal(PolicySet.fromConfig(new Config({})).match('a/b', 'v1').policy, 'hash-pin');
  });

  it('maps owner/repo to a base URL, per owner when asked', () => {
    const b = GitBases.parse(['https://ghe.example.com/', 'pytorch=file:///srv/pt']);
    assert.equal(b.urlOf('actions/checkout'), 'https://ghe.example.com/actions/checkout');
    assert.equal(b.urlOf('pytorch/test-infra'), 'file:///srv/pt/test-infra');
    assert.equal(GitBases.parse([]).urlOf('a/b'), 'https://github.com/a/b');
    assert.throws(() => GitBases.parse(['github.com']), /not a URL/);
  });

  it('parses durations and finds the cache directory', () => {
    assert.equal(parseDuration('7d', 'x'), 7 * 86_400_000);
    assert.equal(parseDuration('0', 'x'), 0);
    assert.throws(() => parseDuration('7', 'x'), /not a duration/);
    assert.equal(cacheDirFor({ GROUNDWORK_CACHE_DIR: '/g', XDG_CACHE_HOME: '/x' }), '/g');
    assert.equal(cacheDirFor({ XDG_CACHE_HOME: '/x' }), '/x/groundwork');
    assert.equal(cacheDirFor({ HOME: '/h' }), '/h/.cache/groundwork');
    assert.equal(cacheDirFor({ HOME: '/h' }, '/explicit'), '/explicit');
  });
});

describe('bounded parallelism', () => {
  it('never has more than the limit in flight and keeps order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, n * 3));
      inFlight--;
      return n * 10;
    });
    assert.equal(peak, 3);
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0, 60]);
  });
});
