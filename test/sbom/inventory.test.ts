import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildInventory, type Inventory } from '../../src/sbom/inventory.js';
import type { Component } from '../../src/sbom/model.js';
import { git, write } from './git-fixtures.js';
import { buildScenario, type Scenario } from './scenario.js';

let s: Scenario;
let inv: Inventory;
const byPath = (p: string): Component => {
  const c = inv.components.find((x) => x.paths.includes(p));
  assert.ok(c, `no component at ${p}; have ${inv.components.map((x) => x.paths.join('+')).join(', ')}`);
  return c;
};

describe('sbom inventory of a real superproject', () => {
  before(async () => {
    s = buildScenario();
    inv = await buildInventory(s.root);
  });
  after(() => s.cleanup());

  it('lists every gitlink with its pinned SHA, checked out or not', () => {
    const pins = Object.fromEntries(inv.components.filter((c) => c.kind === 'submodule').map((c) => [c.paths[0], c.commit]));
    assert.equal(pins['third_party/fmt'], s.up.fmt.commits.after);
    assert.equal(pins['third_party/googletest'], s.up.gtest.commits.old);
    assert.equal(pins['third_party/cpp-httplib'], s.up.httplib.commits.only);
    assert.equal(byPath('third_party/cpp-httplib').present, false);
    assert.equal(byPath('third_party/fmt').present, true);
  });

  it('joins .gitmodules: git@ and relative URLs normalised, branch kept', () => {
    assert.equal(byPath('third_party/googletest').github, 'acme/gtestlike');
    const httplib = byPath('third_party/cpp-httplib');
    assert.equal(httplib.url, 'https://github.com/acme/httplib');
    assert.equal(httplib.branch, 'v0.15.3');
    assert.deepEqual(httplib.declaredIn, { file: '.gitmodules', line: 10 });
  });

  it('recurses into checked-out submodules and de-duplicates the same upstream at the same commit', () => {
    const gtest = byPath('third_party/googletest');
    assert.deepEqual(gtest.paths, ['third_party/googletest', 'third_party/outer/third_party/googletest']);
    assert.equal(inv.components.filter((c) => c.name === 'gtestlike').length, 1);
  });

  it('versions: git describe of the pin, exact tags, branch as a last resort', () => {
    const fmt = byPath('third_party/fmt');
    assert.equal(fmt.version.value, 'v1.1.0+1');
    assert.equal(fmt.version.evidence[0]!.source, 'git-describe');
    assert.equal(fmt.version.distance, 1);
    // the packed integer probe is kept as evidence: 100100 is 10.1.0 in fmt's encoding
    assert.ok(fmt.version.evidence.some((e) => e.source.startsWith('packed-integer') && e.value === '10.1.0'));
    const gtest = byPath('third_party/googletest');
    assert.equal(gtest.version.value, 'release-1.11.0');
    assert.equal(gtest.version.evidence[0]!.source, 'exact-tag');
    assert.equal(gtest.commitDate?.slice(0, 10), '2023-01-01');
    const httplib = byPath('third_party/cpp-httplib');
    assert.equal(httplib.version.value, '0.15.3');
    assert.equal(httplib.version.confidence, 'low');
  });

  it('finds vendored folders by licence file or manifest, and lists unlabelled ones for review', () => {
    const miniz = byPath('third_party/miniz-3.0.2');
    assert.equal(miniz.kind, 'vendored');
    assert.equal(miniz.name, 'miniz');
    assert.match(miniz.recognisedBy, /licence file LICENSE/);
    assert.equal(byPath('vendor/bare-headers').recognisedBy, 'folder under vendor');
    assert.ok(byPath('vendor/bare-headers').hashes[0]!.content.match(/^[0-9a-f]{40}$/));
  });

  it('reports conflicting version probes instead of hiding them', () => {
    const miniz = byPath('third_party/miniz-3.0.2');
    assert.deepEqual([...miniz.version.conflicts].sort(), ['11.0.2', '3.0.0', '3.0.2']);
    assert.equal(miniz.version.confidence, 'low');
    assert.ok(miniz.version.evidence.some((e) => e.source === 'folder-name' && e.value === '3.0.2'));
  });

  it('licences: text match of real licence files, REUSE LICENSES/, none for unlabelled code', () => {
    assert.equal(byPath('third_party/fmt').licence.expression, 'MIT');
    assert.equal(byPath('third_party/googletest').licence.expression, 'BSD-3-Clause');
    assert.equal(byPath('third_party/outer').licence.expression, 'Apache-2.0');
    const reuse = byPath('vendor/reuse-lib');
    assert.equal(reuse.licence.expression, 'Apache-2.0 AND MIT');
    assert.equal(reuse.licence.method, 'reuse');
    assert.equal(reuse.version.value, '4.5.6');
    assert.equal(byPath('vendor/bare-headers').licence.expression, undefined);
    assert.match(byPath('third_party/cpp-httplib').licence.review ?? '', /not checked out/);
  });

  it('reads fetched-code declarations: meson wrap, CMake FetchContent, Bazel http_archive', () => {
    const zstd = byPath('subprojects/zstd.wrap');
    assert.equal(zstd.version.value, '1.5.7');
    assert.equal(zstd.hashes[0]!.content, 'eb33e51f49a15e023950cd7825ca74a4a2b43db8354825ac24fc1b7ee09e6fa3');
    const json = byPath('cmake/deps.cmake');
    assert.equal(json.name, 'json');
    assert.equal(json.version.value, '3.11.3');
    assert.equal(json.declaredIn?.line, 3);
    assert.equal(byPath('WORKSPACE').version.value, '23.5.26');
    assert.equal(byPath('WORKSPACE').github, 'google/flatbuffers');
  });

  it('records patches next to a vendored copy as pedigree', () => {
    assert.deepEqual(byPath('third_party/concurrentqueue').patches, ['third_party/concurrentqueue/fix-build.patch']);
    assert.deepEqual(byPath('third_party/fmt').patches, ['third_party/patches/fmt/0001-no-exceptions.patch']);
    assert.deepEqual(byPath('third_party/googletest').patches, []);
    assert.ok(!inv.components.some((c) => c.paths[0] === 'third_party/patches'), 'a folder of patches is not a component');
  });

  it('notes a submodule checked out at another commit than its pin', async () => {
    const sub = `${s.root}/third_party/fmt`;
    git(sub, ['checkout', '-q', s.up.fmt.commits.two!]);
    try {
      const again = await buildInventory(s.root);
      assert.deepEqual(
        again.notes.filter((n) => n.includes('checked out at')),
        [
          `third_party/fmt: checked out at ${s.up.fmt.commits.two!.slice(0, 12)} but pinned at ${s.up.fmt.commits.after!.slice(0, 12)}; its files, licence and version probes are read from the work tree`,
        ],
      );
      // the version still describes the pin, not the checkout
      assert.equal(again.components.find((c) => c.paths[0] === 'third_party/fmt')!.version.value, 'v1.1.0+1');
    } finally {
      git(sub, ['checkout', '-q', s.up.fmt.commits.after!]);
    }
    assert.deepEqual(
      inv.notes.filter((n) => n.includes('checked out at')),
      [],
    );
  });

  it('a shallow submodule (no tags, one commit) falls back to file probes', async () => {
    const sup = `${s.base}/shallow-super`;
    git(s.base, ['init', '-q', sup]);
    git(sup, ['submodule', 'add', '-q', '--depth', '1', s.up.fmt.url, 'third_party/fmt']);
    git(sup, ['commit', '-q', '-m', 'shallow'], '2025-01-01T00:00:00Z');
    assert.equal(git(`${sup}/third_party/fmt`, ['rev-parse', '--is-shallow-repository']), 'true');
    const shallow = await buildInventory(sup);
    const fmt = shallow.components.find((c) => c.paths[0] === 'third_party/fmt')!;
    assert.equal(fmt.commit, s.up.fmt.commits.fix);
    assert.equal(
      fmt.version.evidence.some((e) => e.source === 'git-describe' || e.source === 'exact-tag'),
      false,
    );
    assert.deepEqual([fmt.version.value, fmt.version.evidence[0]!.source], ['10.1.0', 'packed-integer FMTLIKE_VERSION 100100']);
    assert.equal(fmt.licence.expression, 'MIT');
  });

  it('lets a committed overrides file win, and rejects unknown keys', async () => {
    write(s.root, {
      '.groundwork/sbom-overrides.yml': 'vendor/bare-headers:\n  licence: BSD-2-Clause\n  version: 3.22.0\n  reason: valgrind.h header says so\n',
    });
    const again = await buildInventory(s.root);
    const c = again.components.find((x) => x.paths[0] === 'vendor/bare-headers')!;
    assert.equal(c.licence.expression, 'BSD-2-Clause');
    assert.equal(c.licence.method, 'override');
    assert.equal(c.version.value, '3.22.0');
    write(s.root, { '.groundwork/sbom-overrides.yml': 'vendor/bare-headers:\n  licnse: MIT\n' });
    await assert.rejects(buildInventory(s.root), /licnse: unknown key/);
    git(s.root, ['checkout', '-q', '--', '.']);
    write(s.root, { '.groundwork/sbom-overrides.yml': '{}\n' });
  });
});
