import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBazelDeclarations, parseCmakeDeclarations, parseMesonWrap } from '../../src/sbom/fetched.js';
import { parseGitmodules } from '../../src/sbom/gitmodules.js';
import { normaliseUpstream, upstreamKey } from '../../src/sbom/upstream-url.js';
import { parseDescribe, resolveVersion } from '../../src/sbom/version.js';
import { decodePacked, probeVersions } from '../../src/sbom/version-probes.js';

const folder = (files: Record<string, string>) => ({ files: Object.keys(files), read: (p: string) => files[p] });

describe('version probes', () => {
  it('reads CMake project(VERSION), VERSION files, package.json, setup.py, Cargo.toml, meson, headers', () => {
    const found = probeVersions(
      folder({
        'CMakeLists.txt': 'cmake_minimum_required(VERSION 3.18)\nproject(benchmark VERSION 1.9.1 LANGUAGES CXX)\n',
        VERSION_NUMBER: '1.17.0\n',
        'package.json': '{"name":"flatbuffers","version":"25.2.10"}',
        'setup.py': 'setup(name="PeachPy", version="0.2.0")',
        'Cargo.toml': '[package]\nname = "x"\nversion = "0.4.2"\n',
        'meson.build': "project('hwy', 'cpp', version : '1.3.0')\n",
        'include/pybind11/detail/common.h': '#define PYBIND11_VERSION_MAJOR 2\n#define PYBIND11_VERSION_MINOR 13\n#define PYBIND11_VERSION_PATCH 6\n',
        'Eigen/Version.h': '#define EIGEN_WORLD_VERSION 3\n#define EIGEN_MAJOR_VERSION 4\n#define EIGEN_MINOR_VERSION 0\n',
      }),
      'third_party/x',
    );
    const by = Object.fromEntries(found.map((e) => [e.location.replace('third_party/x/', ''), e.value]));
    assert.deepEqual(by, {
      'CMakeLists.txt': '1.9.1',
      VERSION_NUMBER: '1.17.0',
      'package.json': '25.2.10',
      'setup.py': '0.2.0',
      'Cargo.toml': '0.4.2',
      'meson.build': '1.3.0',
      'include/pybind11/detail/common.h': '2.13.6',
      'Eigen/Version.h': '3.4.0',
    });
  });

  it('decodes packed integers (fmt 120201) and ignores a CMake set() that is not the project version', () => {
    assert.deepEqual(decodePacked(120201), { value: '12.2.1', confidence: 'medium' });
    assert.equal(decodePacked(42), undefined);
    assert.equal(decodePacked(355), undefined);
    assert.deepEqual(decodePacked(20401)?.value, '2.4.1');
    const found = probeVersions(
      folder({ 'include/fmt/base.h': '#define FMT_VERSION 120201\n', 'CMakeLists.txt': 'set(CMAKE_SYSTEM_VERSION 10.0.19041.0)\n' }),
      '',
    );
    assert.deepEqual(
      found.map((e) => e.value),
      ['12.2.1'],
    );
  });

  it('orders by trust and reports conflicts (protobuf 37.0-dev vs 7.37.0)', () => {
    const v = resolveVersion({
      probes: [
        { source: 'cmake-project', value: '37.0-dev', location: 'p/CMakeLists.txt', confidence: 'high' },
        { source: 'header', value: '7.37.0', location: 'p/version.h', confidence: 'medium' },
      ],
      folderName: 'protobuf',
    });
    assert.equal(v.value, '37.0-dev');
    assert.equal(v.confidence, 'low');
    assert.deepEqual(v.conflicts, ['37.0-dev', '7.37.0']);
    const described = resolveVersion({
      described: parseDescribe('v2.2.4-1-ga23996fce', 'git describe'),
      probes: [{ source: 'header', value: '2.2.4', location: 'h', confidence: 'medium' }],
    });
    assert.equal(described.value, 'v2.2.4+1');
    assert.equal(described.confidence, 'high');
    assert.equal(resolveVersion({ probes: [], folderName: 'miniz-3.0.2' }).value, '3.0.2');
    assert.equal(resolveVersion({ probes: [], folderName: 'concurrentqueue' }).value, undefined);
  });
});

describe('.gitmodules and URLs', () => {
  it('parses quoted, commented, CRLF .gitmodules with branch lines', () => {
    const decls = parseGitmodules(
      '[submodule "a"]\r\n\tpath = third_party/a\r\n\turl = git@github.com:o/a.git ; comment\r\n\tbranch = v0.15.3\r\n[core]\n\turl = nope\n[submodule "b"]\n  path="b b"\n  url=../b\n',
    );
    assert.deepEqual(decls, [
      { name: 'a', line: 1, path: 'third_party/a', url: 'git@github.com:o/a.git', branch: 'v0.15.3' },
      { name: 'b', line: 7, path: 'b b', url: '../b' },
    ]);
  });

  it('normalises git@, ssh://, .git suffixes, GitLab groups and relative URLs', () => {
    assert.equal(normaliseUpstream('git@github.com:o/r.git').github, 'o/r');
    assert.equal(normaliseUpstream('ssh://git@github.com/o/r').url, 'https://github.com/o/r');
    assert.equal(normaliseUpstream('https://gitlab.com/libeigen/eigen.git').slug, 'libeigen/eigen');
    assert.equal(normaliseUpstream('https://gitlab.com/libeigen/eigen.git').github, undefined);
    assert.equal(normaliseUpstream('../cpuinfo.git', 'https://github.com/pytorch/pytorch.git').url, 'https://github.com/pytorch/cpuinfo');
    assert.equal(upstreamKey('git@github.com:O/R.git'), upstreamKey('https://github.com/o/r/'));
  });
});

describe('fetched-code declarations', () => {
  it('meson wrap: version, hash, patch', () => {
    const d = parseMesonWrap(
      'cpp/subprojects/gtest.wrap',
      '# c\n[wrap-file]\ndirectory = googletest-1.17.0\nsource_url = https://github.com/google/googletest/archive/refs/tags/v1.17.0.tar.gz\nsource_hash = 65fab701d9829d38cb77c14acdc431d2108bfdbf8979e40eb8ae567edf10b27c\npatch_url = https://wrapdb.mesonbuild.com/v2/gtest_1.17.0-3/get_patch\nwrapdb_version = 1.17.0-3\n\n[provide]\ngtest = gtest_dep\n',
    );
    assert.equal(d?.version, '1.17.0');
    assert.equal(d?.line, 2);
    assert.equal(d?.patches.length, 1);
  });

  it('CMake FetchContent and ExternalProject with GIT_TAG, Bazel tf_http_archive with patch_file', () => {
    const cm = parseCmakeDeclarations(
      'CMakeLists.txt',
      'ExternalProject_Add(\n  flatbuffers_ep\n  GIT_REPOSITORY https://github.com/google/flatbuffers.git\n  GIT_TAG v24.3.25\n)\nFetchContent_Declare(x URL ${X_URL})\n',
    );
    assert.equal(cm.length, 2);
    assert.deepEqual([cm[0]!.name, cm[0]!.ref, cm[0]!.version, cm[0]!.line], ['flatbuffers_ep', 'v24.3.25', '24.3.25', 1]);
    assert.equal(cm[1]!.url, undefined);
    const bz = parseBazelDeclarations(
      'third_party/flatbuffers/workspace.bzl',
      'def repo():\n    tf_http_archive(\n        name = "com_github_google_flatbuffers",\n        strip_prefix = "flatbuffers-23.5.26",\n        sha256 = "1cce",\n        urls = tf_mirror_urls("https://github.com/google/flatbuffers/archive/v23.5.26.tar.gz"),\n        patch_file = [\n            "//third_party/flatbuffers:flatbuffers.patch",\n        ],\n    )\n',
    );
    assert.deepEqual(
      [bz[0]!.line, bz[0]!.version, bz[0]!.url, bz[0]!.patches],
      [2, '23.5.26', 'https://github.com/google/flatbuffers/archive/v23.5.26.tar.gz', ['//third_party/flatbuffers:flatbuffers.patch']],
    );
  });
});

describe('discovery edge cases', () => {
  it('reports .gitmodules sections without a gitlink and gitlinks without a section', async () => {
    const { discover } = await import('../../src/sbom/discover.js');
    const d = discover(
      {
        gitlinks: [
          { path: 'third_party/a', sha: 'a'.repeat(40) },
          { path: 'third_party/b', sha: 'b'.repeat(40) },
        ],
        gitmodules:
          '[submodule "a"]\n\tpath = third_party/a\n\turl = https://github.com/o/a\n[submodule "gone"]\n\tpath = third_party/gone\n\turl = https://github.com/o/gone\n',
        files: ['third_party/c/LICENSE', 'third_party/c/c.h', 'third_party/patches/a.patch', 'src/main.c'],
        read: () => undefined,
      },
      { roots: ['third_party'] },
    );
    assert.deepEqual(
      d.submodules.map((s) => [s.path, s.decl?.url]),
      [
        ['third_party/a', 'https://github.com/o/a'],
        ['third_party/b', undefined],
      ],
    );
    assert.deepEqual(
      d.orphanDeclarations.map((o) => o.name),
      ['gone'],
    );
    assert.deepEqual(
      d.vendored.map((v) => [v.path, v.recognisedBy]),
      [['third_party/c', 'licence file LICENSE']],
    );
    assert.deepEqual(
      d.skippedFolders.map((f) => f.path),
      ['third_party/patches'],
    );
  });
});
