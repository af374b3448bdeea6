// Issue 13: every source of declared third-party code, one small fixture each (test/fixtures/sbom/<source>).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { sbomFindings } from '../../src/sbom/findings.js';
import { buildInventory, type Inventory } from '../../src/sbom/inventory.js';
import { joinExpressions, normaliseExpression } from '../../src/sbom/licence-expression.js';
import { identifyLicenceText } from '../../src/sbom/licence-match.js';
import { licenceFromPhrase } from '../../src/sbom/licence-phrase.js';
import type { Component } from '../../src/sbom/model.js';
import { renderVersionsTable } from '../../src/sbom/versions-table.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/sbom/', import.meta.url));
const load = (name: string) => buildInventory(`${FIXTURES}${name}`);
const named = (inv: Inventory, name: string): Component => {
  const c = inv.components.find((x) => x.name === name);
  assert.ok(c, `no component ${name}; have ${inv.components.map((x) => x.name).join(', ')}`);
  return c;
};
const names = (inv: Inventory) => inv.components.map((c) => c.name).sort();

describe('declared upstreams (issue 13)', () => {
  it('MODULE.bazel: bazel_dep versions, dev_dependency is test-only, git_override pins a commit, the module itself and comments are not dependencies', async () => {
    const inv = await load('bazel-module');
    assert.deepEqual(names(inv), ['abseil-cpp', 'googletest', 're2', 'rules_cc']);
    const gtest = named(inv, 'googletest');
    assert.equal(gtest.scope, 'test-only');
    assert.equal(named(inv, 'rules_cc').scope, 'build-only');
    assert.equal(named(inv, 're2').commit, '972a15cedd008d846f1a39b2e88ce48d7f166cbd');
    // the CMake build's googletest is the same upstream: one row, both sites, and the pins differ
    assert.deepEqual(gtest.sites.map((s) => s.file).sort(), ['CMakeLists.txt', 'MODULE.bazel']);
    assert.deepEqual(gtest.pinConflict?.pins.map((p) => p.pin).sort(), ['1.14.0', '1.17.0']);
    assert.equal(gtest.pinConflict?.shipped, false);
    // abseil: bazel_dep and FetchContent agree, so no conflict
    const absl = named(inv, 'abseil-cpp');
    assert.equal(absl.pinConflict, undefined);
    assert.equal(absl.scope, 'shipped');
    const finding = sbomFindings(inv).find((f) => f.ruleId === 'sbom-pin-conflict');
    assert.equal(finding?.severity, 'low');
  });

  it('WORKSPACE/.bzl: load()ed constants and .format() resolve; commented-out and docstring declarations are not read; maybe() wrappers are', async () => {
    const inv = await load('bazel-workspace');
    assert.deepEqual(names(inv), ['com_github_gflags_gflags', 'xla']);
    const xla = named(inv, 'xla');
    assert.equal(xla.commit, '753e5e56a0e465dbf7ee166573122564d83a1746');
    assert.equal(xla.github, 'openxla/xla');
    assert.equal(xla.hashes[0]?.content, '36fd883a02fbdabd8c105cf28a973374208a72b17d3849bee9572670d8dd2809');
    assert.equal(named(inv, 'com_github_gflags_gflags').version.value, '2.2.2');
  });

  it('CMake: ${VAR} from set() in another file and from a version list CMake reads; a helper function expanded at its call; tests are test-only; templates and the project itself are not dependencies', async () => {
    const inv = await load('cmake-fetchcontent');
    assert.deepEqual(names(inv), ['Catch2', 'fmt', 'spdlog', 'zlib']);
    const fmt = named(inv, 'fmt');
    assert.equal(fmt.version.value, '10.2.1');
    assert.match(fmt.version.evidence[0]!.location, /cmake\/versions\.cmake:1/);
    const spdlog = named(inv, 'spdlog');
    assert.equal(spdlog.version.value, '1.14.1');
    assert.equal(spdlog.version.confidence, 'medium'); // read through a list by name, not written in place
    const catch2 = named(inv, 'Catch2');
    assert.equal(catch2.scope, 'test-only');
    assert.equal(catch2.commit, '53d0d913a422d356b23dd927547febdf69ee9081');
    assert.equal(catch2.version.value, '3.5.0'); // from the comment beside the sha, medium
    assert.equal(catch2.version.confidence, 'medium');
    assert.equal(named(inv, 'zlib').version.value, '1.3.1');
    assert.ok(
      inv.notes.some((n) => /app is this repository itself/.test(n)),
      inv.notes.join('\n'),
    );
  });

  it('gclient DEPS: Var() and {x} resolve; CIPD binaries are left out; a local_path_override of the DEPS path is the same component', async () => {
    const inv = await load('gclient');
    assert.deepEqual(names(inv), ['buildtools', 'googletest', 're2']);
    const re2 = named(inv, 're2');
    assert.equal(re2.commit, '972a15cedd008d846f1a39b2e88ce48d7f166cbd');
    assert.deepEqual(re2.sites.map((s) => s.via).sort(), ['bazel-dep', 'gclient-deps']);
    assert.equal(named(inv, 'googletest').commit, '49495eacfdbda3f4b6ba219923fedbb2e3f99376');
    assert.equal(named(inv, 'buildtools').scope, 'build-only');
  });

  it('meson wraps: wrap-file version and hash, wrap-git revision; wraps in test cases are data', async () => {
    const inv = await load('meson');
    assert.deepEqual(names(inv), ['kbts', 'zlib']);
    assert.equal(named(inv, 'zlib').version.value, '1.3.1');
    assert.equal(named(inv, 'kbts').commit, 'ca6c9624dd7c6b774e6cec9901f3d8d998d6f62a');
    assert.ok(inv.notes.some((n) => /test cases.*not read/.test(n)));
  });

  it('vendoring scripts and README.chromium: upstream and pin from REPO_URL/COMMIT, version, licence and Shipped from the metadata', async () => {
    const inv = await load('vendoring');
    const eigen = named(inv, 'eigen');
    assert.equal(eigen.url, 'https://gitlab.com/libeigen/eigen');
    assert.equal(eigen.commit, '3147391d946bb4b6c68edd901f2add6ac1f31f8c');
    assert.equal(eigen.kind, 'vendored'); // the script and the folder it fills are one component
    assert.deepEqual(eigen.paths[0], 'third_party/eigen');
    const yuv = named(inv, 'libyuv');
    assert.equal(yuv.version.value, '1875');
    assert.equal(yuv.licence.expression, 'BSD-3-Clause');
    assert.equal(yuv.licence.confidence, 'medium');
    assert.equal(yuv.scope, 'shipped');
    assert.deepEqual(yuv.paths[0], 'third_party/libyuv');
    assert.equal(named(inv, 'fuzz corpus').scope, 'build-only');
  });

  it('licence inventories: a root LICENSE third-party section, LICENSES_bundled.txt with a licence file one level down, licenses/LICENSE.<name>.txt', async () => {
    const inv = await load('inventory');
    const frame = named(inv, 'FrameOfReference');
    assert.equal(frame.github, 'lemire/FrameOfReference');
    assert.deepEqual(frame.paths, ['src/util/bpacking.cc']);
    assert.equal(frame.licence.expression, 'Apache-2.0');
    // the inventory names files inside the vendored folder subprojects/qhull_r: one component
    const qhull = inv.components.filter((c) => c.paths.includes('subprojects/qhull_r'));
    assert.equal(qhull.length, 1);
    assert.equal(qhull[0]!.licence.expression, 'Qhull');
    assert.ok(qhull[0]!.sites.some((s) => s.file === 'LICENSES_bundled.txt'));
    assert.equal(named(inv, 'dlpack').licence.expression, 'Apache-2.0');
  });

  it("header macros: the library's own triple with RELEASE, #if branches reported as a conflict, a compatibility version is not the library's", async () => {
    const inv = await load('headers');
    const zydis = named(inv, 'zydis');
    assert.equal(zydis.version.value, '4.1.0');
    const forked = named(inv, 'forked');
    assert.deepEqual([...forked.version.conflicts].sort(), ['2.9.1', '3.0.0']);
    assert.equal(forked.version.confidence, 'low');
    assert.equal(named(inv, 'pyext').version.value, undefined);
  });

  it('licences: a stated choice is OR, two files without a statement are AND for review, -or-later kept, WITH exceptions, EULAs flagged, one component per single header, copied folders outside the vendor roots', async () => {
    const inv = await load('licence-cases');
    assert.equal(named(inv, 'dual').licence.expression, 'Apache-2.0 OR MIT');
    const both = named(inv, 'both');
    assert.equal(both.licence.expression, 'Apache-2.0 AND MIT');
    assert.equal(both.licence.confidence, 'low');
    assert.equal(named(inv, 'gnulib').licence.expression, 'LGPL-2.1-or-later');
    assert.equal(named(inv, 'llvm-lib').licence.expression, 'Apache-2.0 WITH LLVM-exception');
    const tpch = named(inv, 'tpch');
    assert.match(tpch.licence.expression ?? '', /^LicenseRef-TPC-EULA$/);
    assert.notEqual(tpch.licence.confidence, 'high');
    assert.equal(named(inv, 'stb_image').licence.expression, 'MIT OR Unlicense');
    assert.equal(named(inv, 'json').version.value, '3.11.3');
    const fmt = named(inv, 'fmt');
    assert.deepEqual(fmt.paths, ['src/bundled']);
    assert.equal(fmt.version.value, '9.1.0');
    assert.ok(!inv.components.some((c) => c.paths.includes('python')), "a copy of the project's own licence is not a component");
    const findings = sbomFindings(inv);
    assert.ok(findings.some((f) => f.ruleId === 'sbom-licence-not-open-source' && /tpch/.test(f.message)));
    assert.ok(findings.some((f) => f.ruleId === 'sbom-licence-copyleft' && /gnulib/.test(f.message) && f.severity === 'low'));
    const table = renderVersionsTable(inv);
    assert.match(
      table,
      /\| Name \| Path \| Version \| Commit \| Licence \| Licence file \| Copyleft \| Scope \| Declared at \| purl \| Upstream \| Confidence \|/,
    );
    assert.match(table, /\| gnulib \|.*\| weak copyleft \|/);
    assert.match(table, /\| tpch \|.*\*\*not open source\*\*/);
  });

  it('SPDX expressions go through spdx-expression-parse: case fixed, -only/-or-later kept, OR under AND bracketed, free text refused', () => {
    assert.equal(normaliseExpression('mit or apache-2.0'), 'MIT OR Apache-2.0');
    assert.equal(normaliseExpression('GPL-2.0-or-later'), 'GPL-2.0-or-later');
    assert.equal(normaliseExpression('Apache License 2.0'), undefined);
    assert.equal(joinExpressions(['MIT OR Apache-2.0', 'BSD-3-Clause'], 'AND'), 'BSD-3-Clause AND (MIT OR Apache-2.0)');
    assert.equal(licenceFromPhrase('GNU General Public License v2 or later'), 'GPL-2.0-or-later');
    assert.equal(licenceFromPhrase('LGPL 2.1'), 'LGPL-2.1-only');
    // "or (at your option) any later version" is not a dual licence
    const gpl = identifyLicenceText(
      'This program is free software; you can redistribute it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version. Licensed under the Apache License, Version 2.0 for the docs.',
    );
    assert.doesNotMatch(gpl.expression ?? '', / OR /);
  });
});
