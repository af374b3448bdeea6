// One superproject shaped like PyTorch's third_party, built from local bare upstreams.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addSubmodule, git, makeUpstream, tempDir, write, type Upstream } from './git-fixtures.js';

const MODULES = new URL('../../node_modules/', import.meta.url);
/** Real licence files shipped by this project's own dependencies. */
export const REAL_LICENCES = {
  mit: readFileSync(new URL('picomatch/LICENSE', MODULES), 'utf8'),
  bsd3: readFileSync(new URL('diff/LICENSE', MODULES), 'utf8'),
  apache: readFileSync(new URL('typescript/LICENSE.txt', MODULES), 'utf8'),
  isc: readFileSync(new URL('yaml/LICENSE', MODULES), 'utf8'),
};

export interface Scenario {
  base: string;
  root: string;
  remotes: string;
  up: Record<'fmt' | 'gtest' | 'outer' | 'httplib', Upstream>;
  cleanup: () => void;
}

export function buildScenario(): Scenario {
  const { dir: base, cleanup } = tempDir('sbom');
  const fmt = makeUpstream(base, 'acme/fmtlike', [
    {
      label: 'one',
      tag: 'v1.0.0',
      date: '2019-01-01T00:00:00Z',
      files: { LICENSE: REAL_LICENCES.mit, 'include/fmtlike/core.h': '#define FMTLIKE_VERSION 100000\n' },
    },
    { label: 'two', tag: 'v1.1.0', annotated: true, date: '2019-02-01T00:00:00Z', files: { 'include/fmtlike/core.h': '#define FMTLIKE_VERSION 100100\n' } },
    { label: 'after', date: '2019-03-01T00:00:00Z', files: { 'src/a.cc': 'int a;\n' } },
    { label: 'fix', date: '2019-04-01T00:00:00Z', files: { 'src/a.cc': 'int a = 0;\n' } },
  ]);
  const gtest = makeUpstream(base, 'acme/gtestlike', [
    {
      label: 'old',
      tag: 'release-1.11.0',
      date: '2023-01-01T00:00:00Z',
      files: { LICENSE: REAL_LICENCES.bsd3, 'CMakeLists.txt': 'project(googletest VERSION 1.11.0)\n' },
    },
    { label: 'mid', tag: 'v1.17.0', date: '2024-06-01T00:00:00Z', files: { 'CMakeLists.txt': 'project(googletest VERSION 1.17.0)\n' } },
    { label: 'rc', tag: 'v1.18.0-rc1', date: '2024-07-01T00:00:00Z', files: { 'x.txt': 'rc\n' } },
    { label: 'new', tag: 'v1.18.0', annotated: true, date: '2024-08-01T00:00:00Z', files: { 'CMakeLists.txt': 'project(googletest VERSION 1.18.0)\n' } },
  ]);
  const httplib = makeUpstream(base, 'acme/httplib', [{ label: 'only', tag: 'v0.15.3', date: '2024-02-01T00:00:00Z', files: { LICENSE: REAL_LICENCES.mit } }]);
  // an upstream that itself pins gtestlike at the same commit as the superproject: one component, two paths
  const outerWork = makeUpstream(base, 'acme/outer-seed', [{ label: 'seed', files: { 'LICENSE.txt': REAL_LICENCES.apache, VERSION: '2.0.1\n' } }]);
  const outerDir = join(base, 'work', 'acme', 'outer-seed');
  addSubmodule(outerDir, 'third_party/googletest', gtest.url, gtest.commits.old!, { declaredUrl: 'https://github.com/acme/gtestlike' });
  git(outerDir, ['commit', '-q', '-m', 'pin gtest'], '2024-03-01T00:00:00Z');
  git(outerDir, ['tag', 'v2.0.1'], '2024-03-01T00:00:00Z');
  const outer: Upstream = { ...outerWork, url: `file://${outerDir}`, commits: { ...outerWork.commits, pinned: git(outerDir, ['rev-parse', 'HEAD']) } };

  const root = join(base, 'superproject');
  write(root, {
    'README.md': '# super\n',
    'third_party/miniz-3.0.2/LICENSE': REAL_LICENCES.mit,
    'third_party/miniz-3.0.2/miniz.h': '#define MZ_VERSION "11.0.2"\n',
    'third_party/miniz-3.0.2/CMakeLists.txt': 'project(miniz VERSION 3.0.0)\n',
    'third_party/concurrentqueue/LICENSE.md': REAL_LICENCES.bsd3,
    'third_party/concurrentqueue/concurrentqueue.h': '// no version here\n',
    'third_party/concurrentqueue/fix-build.patch': '--- a\n+++ b\n',
    'vendor/reuse-lib/LICENSES/Apache-2.0.txt': REAL_LICENCES.apache,
    'vendor/reuse-lib/LICENSES/MIT.txt': REAL_LICENCES.mit,
    'vendor/reuse-lib/package.json': '{ "name": "reuse-lib", "version": "4.5.6" }\n',
    'vendor/bare-headers/valgrind.h': '/* no licence file at all */\n',
    'third_party/patches/fmt/0001-no-exceptions.patch': '--- a/src/a.cc\n+++ b/src/a.cc\n',
    'subprojects/zstd.wrap':
      '[wrap-file]\ndirectory = zstd-1.5.7\nsource_url = https://github.com/facebook/zstd/releases/download/v1.5.7/zstd-1.5.7.tar.gz\nsource_hash = eb33e51f49a15e023950cd7825ca74a4a2b43db8354825ac24fc1b7ee09e6fa3\n',
    'cmake/deps.cmake':
      'include(FetchContent)\n# the JSON library\nFetchContent_Declare(\n  json\n  URL https://github.com/nlohmann/json/releases/download/v3.11.3/json.tar.xz\n  URL_HASH SHA256=d6c65aca6b1ed68e7a182f4757257b107ae403032760ed6ef121c9d55e81757d\n)\n',
    WORKSPACE:
      'http_archive(\n    name = "com_github_google_flatbuffers",\n    strip_prefix = "flatbuffers-23.5.26",\n    sha256 = "1cce06b17cddd896b6d73cc047e36a254fb8df4d7ea18a46acf16c4c0cd3f3f3",\n    urls = ["https://github.com/google/flatbuffers/archive/v23.5.26.tar.gz"],\n)\n',
  });
  git(root, ['init', '-q']);
  git(root, ['remote', 'add', 'origin', 'https://github.com/acme/superproject.git']);
  addSubmodule(root, 'third_party/fmt', fmt.url, fmt.commits.after!, { declaredUrl: 'https://github.com/acme/fmtlike.git' });
  addSubmodule(root, 'third_party/googletest', gtest.url, gtest.commits.old!, { declaredUrl: 'git@github.com:acme/gtestlike.git' });
  addSubmodule(root, 'third_party/outer', outer.url, outer.commits.pinned!, { declaredUrl: 'https://github.com/acme/outer.git' });
  // the nested .gitmodules names GitHub, as real ones do; insteadOf serves it from the local remote
  git(join(root, 'third_party/outer'), [
    '-c',
    `url.file://${join(base, 'remotes')}/.insteadOf=https://github.com/`,
    'submodule',
    'update',
    '-q',
    '--init',
    '--recursive',
  ]);
  addSubmodule(root, 'third_party/cpp-httplib', httplib.url, httplib.commits.only!, { checkout: false, branch: 'v0.15.3', declaredUrl: '../httplib.git' });
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'superproject'], '2025-05-01T12:00:00Z');
  return { base, root, remotes: join(base, 'remotes'), up: { fmt, gtest, outer, httplib }, cleanup };
}
