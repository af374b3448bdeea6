// Generated configuration that works in the repository it is written for (issue 15), on a
// repository that is not PyTorch-shaped: a C library with a Python binding, self-hosted runners,
// black/isort/flake8 configured, a vendored zlib and a reStructuredText contributing guide.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { checkPrecommitConfig } from '../../src/precommit/validate.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { runCli } from '../helpers/cli.js';
import { gitRepo, lineOf } from '../program/helpers.js';

const CHECKOUT_V6 = 'actions/checkout@8e8c483db84b4bee98b60c0593521ed34d9990e8 # v6.0.1';
const BUILD = `on:
  pull_request:
jobs:
  build:
    runs-on: [self-hosted, linux.gpu.a100]
    steps:
      - uses: ${CHECKOUT_V6}
      - uses: actions/upload-artifact@v5
        with: {name: log, path: log}
  wheels:
    strategy:
      matrix:
        os: [ubuntu-24.04, arm64-builder]
        include:
          - os: mac-m2-farm
    runs-on: \${{ matrix.os }}
    steps:
      - uses: actions/setup-python@v6
  legacy:
    runs-on: ubuntu-20.04
    steps:
      - run: make
`;
const BROKEN = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: make\n';

function library() {
  return gitRepo({
    'CMakeLists.txt': 'project(zpack C)\n',
    'src/zpack.c': 'int zpack(void) { return 0; }  \n',
    'src/zpack.h': 'int zpack(void);',
    'python/zpack/__init__.py': 'from ._core import version\n',
    'python/zpack/_core.py': 'def version():\n    return "1.0"\n',
    'pyproject.toml': '[project]\nname = "zpack"\n\n[tool.black]\nline-length = 100\n\n[tool.isort]\nprofile = "black"\n',
    'setup.cfg': '[flake8]\nmax-line-length = 100\n',
    'third_party/zlib/zlib.h': '#define ZLIB_VERSION "1.3.1"\n',
    'third_party/zlib/LICENSE': 'zlib license\n',
    'third_party/zlib/adler32.c': 'int adler;   \n',
    'CONTRIBUTING.rst': 'Contributing to zpack\n=====================\n\nSend a pull request.\n',
    '.github/workflows/build.yml': BUILD,
    '.github/workflows/broken.yml': BROKEN,
  });
}

describe('M05: actionlint that passes on day one', () => {
  let repo: ReturnType<typeof library>;
  before(() => {
    repo = library();
  });
  after(() => repo.cleanup());

  it('writes no paths: filter on the required check, lists the self-hosted labels for actionlint, and names the real errors', async () => {
    const r = await runCli(['apply', 'M05'], repo.dir);
    assert.equal(r.code, 0, r.stderr);
    const wf = parse(readFileSync(join(repo.dir, '.github/workflows/actionlint.yml'), 'utf8')) as { on: Record<string, unknown> };
    assert.deepEqual(Object.keys(wf.on), ['pull_request', 'merge_group', 'push']);
    assert.ok(
      Object.values(wf.on).every((v) => v === null || !('paths' in (v as object))),
      'no paths filter',
    );
    const config = parse(readFileSync(join(repo.dir, '.github/actionlint.yaml'), 'utf8')) as { 'self-hosted-runner': { labels: string[] } };
    // GitHub-hosted (ubuntu-24.04) and preset (self-hosted) labels are actionlint's own; the retired ubuntu-20.04 is an error, not a label.
    assert.deepEqual(config['self-hosted-runner'].labels, ['arm64-builder', 'linux.gpu.a100', 'mac-m2-farm']);
    assert.match(r.stderr, /self-hosted runner labels listed for actionlint: arm64-builder, linux\.gpu\.a100, mac-m2-farm/);
    assert.match(r.stderr, /the first actionlint run will report \d+ real error\(s\) on today's tree:/);
    assert.ok(
      r.stderr.includes(`.github/workflows/build.yml:${lineOf(BUILD, 'ubuntu-20.04')}: runner label "ubuntu-20.04" is a retired GitHub-hosted image`),
      r.stderr,
    );
    assert.match(r.stderr, /\.github\/workflows\/broken\.yml:\d+: .*stepz/);
    const verify = await runCli(['verify', 'M05', repo.dir], repo.dir);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, /✓ runs on every pull request \(no paths: filter on a required check\)/);
    assert.match(verify.stdout, /✓ self-hosted runner labels are listed in \.github\/actionlint\.yaml \(3 label\(s\)\)/);
  });

  it('pins the generated workflow at the major the repository already uses, reusing its own pin', () => {
    const text = readFileSync(join(repo.dir, '.github/workflows/actionlint.yml'), 'utf8');
    assert.ok(text.includes(`- uses: ${CHECKOUT_V6}`), 'the repository pins checkout v6.0.1: reused, not v4');
  });

  it("M09 and the smoke CI snippet pin their actions at the repository's majors too", async () => {
    assert.equal((await runCli(['init', 'deps-audit', repo.dir, '--quiet'], repo.dir)).code, 0);
    const deps = readFileSync(join(repo.dir, '.github/workflows/audit-third-party.yml'), 'utf8');
    assert.ok(deps.includes(`uses: ${CHECKOUT_V6}`));
    assert.ok(
      deps.includes('uses: actions/upload-artifact@330a01c490aca151604b8cf639adc76d48f6c5d4 # v5.0.0'),
      'the repository uses upload-artifact@v5: v5.0.0, not v4.6.2',
    );
    const ci = await runCli(['smoke', repo.dir, '--ci'], repo.dir);
    assert.equal(ci.code, 0, ci.stderr);
    assert.ok(ci.stdout.includes(`- uses: ${CHECKOUT_V6}`));
    assert.ok(ci.stdout.includes('- uses: actions/setup-python@ece7cb06caefa5fff74198d8649806c4678c61a1 # v6.3.0'));
    assert.ok(
      ci.stdout.includes('- uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0'),
      'an action the repository does not use: the default, pinned',
    );
    assert.doesNotMatch(ci.stdout, /uses: [\w/-]+@v\d/, 'no tag reference is left');
  });
});

describe("M13: pre-commit that keeps the repository's tooling", () => {
  let repo: ReturnType<typeof library>;
  before(() => {
    repo = library();
  });
  after(() => repo.cleanup());

  it('uses flake8, black and isort as configured, adds no clang-format without a .clang-format, and excludes the vendored roots', async () => {
    const dry = await runCli(['apply', 'M13', '--dry-run'], repo.dir);
    assert.equal(dry.code, 0, dry.stderr);
    // Two C files end in trailing blanks, one lacks its final newline; third_party/zlib is excluded from the count.
    assert.match(
      dry.stderr,
      /pre-commit run --all-files: trailing-whitespace would change 1 file\(s\); end-of-file-fixer would change 1 file\(s\); check-yaml would fail on 0 file\(s\); flake8, black, isort, actionlint: not estimated/,
    );
    assert.match(dry.stderr, /no clang-format hook: the repository has no \.clang-format/);
    assert.match(dry.stderr, /vendored roots excluded from the hooks: third_party\/zlib/);
    assert.equal((await runCli(['apply', 'M13'], repo.dir)).code, 0);
    const text = readFileSync(join(repo.dir, '.pre-commit-config.yaml'), 'utf8');
    const config = parse(text) as { exclude: string; repos: { hooks: { id: string }[] }[] };
    assert.deepEqual(
      config.repos.flatMap((r) => r.hooks.map((h) => h.id)),
      ['trailing-whitespace', 'end-of-file-fixer', 'check-yaml', 'flake8', 'black', 'isort', 'actionlint'],
    );
    assert.equal(config.exclude, '^(third_party/zlib)/');
    assert.ok(new RegExp(config.exclude).test('third_party/zlib/adler32.c') && !new RegExp(config.exclude).test('src/zpack.c'));
    assert.deepEqual(
      checkPrecommitConfig(sourceFile('.pre-commit-config.yaml', text)).filter((f) => f.severity !== 'low'),
      [],
    );
  });

  it('adds the setup section to the existing CONTRIBUTING.rst, in reStructuredText, and creates no CONTRIBUTING.md', async () => {
    assert.ok(!existsSync(join(repo.dir, 'CONTRIBUTING.md')));
    const rst = readFileSync(join(repo.dir, 'CONTRIBUTING.rst'), 'utf8');
    assert.match(rst, /^Send a pull request\.\n\n\.\. groundwork:pre-commit\n\nPre-commit hooks\n-{16}\n/m);
    assert.match(rst, /\(``\.pre-commit-config\.yaml``\)::\n\n {4}pip install pre-commit/);
    const verify = await runCli(['verify', 'M13', repo.dir], repo.dir);
    assert.equal(verify.code, 0, verify.stdout);
    assert.match(verify.stdout, /✓ CONTRIBUTING\.rst explains the setup/);
  });

  it("keeps an existing configuration's linter: a repository on ruff gets no flake8 or ruff-check beside it", async () => {
    const existing =
      'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: aab412d509121cb5f7533134b7e67f9fab59c682  # frozen: v0.16.4\n    hooks:\n      - id: ruff\n      - id: ruff-format\n';
    const other = gitRepo({ 'a/__init__.py': 'x = 1\n', 'setup.cfg': '[flake8]\nmax-line-length = 100\n', '.pre-commit-config.yaml': existing });
    try {
      assert.equal((await runCli(['apply', 'M13'], other.dir)).code, 0);
      const text = readFileSync(join(other.dir, '.pre-commit-config.yaml'), 'utf8');
      assert.ok(text.startsWith(existing), 'every existing byte is kept');
      const ids = (parse(text) as { repos: { hooks: { id: string }[] }[] }).repos.flatMap((r) => r.hooks.map((h) => h.id));
      assert.deepEqual(ids, ['ruff', 'ruff-format', 'trailing-whitespace', 'end-of-file-fixer', 'check-yaml']);
      assert.equal((await runCli(['verify', 'M13', other.dir], other.dir)).code, 0);
    } finally {
      other.cleanup();
    }
  });
});
