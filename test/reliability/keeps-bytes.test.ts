// Issue 16, items 4 and 5: a file that groundwork edits keeps what the edit is not about: its byte
// order mark, its CRLF line ends, its mode, a reason written beside a removed line, and the meaning
// of YAML aliases. Real files in real folders, through the CLI as a user runs it.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { Config } from '../../src/config/config.js';
import { isFixable } from '../../src/core/fixable.js';
import { Repository } from '../../src/services/repository.js';
import { checkWorkflows } from '../../src/workflows/check.js';
import { unintendedChange } from '../../src/workflows/model-kept.js';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';
import { workRepo } from '../pin/helpers/remotes.js';
import { buildScenario, type Scenario } from '../pin/helpers/scenario.js';

const BOM = '\ufeff';
const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const bareLf = (s: string) => /(^|[^\r])\n/.test(s);
const modeOf = (path: string) => statSync(path).mode & 0o777;

const WORKFLOW = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    continue-on-error: true  # the arm64 simulator is flaky, see #123
    steps:
      - name: Run tests
        run: pytest | tee test.log
`;

describe('fix keeps the bytes it is not about', () => {
  it('keeps a BOM, CRLF line ends, the mode, and the reason comment of the removed line', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': BOM + crlf(WORKFLOW) });
    const file = join(t.dir, '.github/workflows/ci.yml');
    try {
      chmodSync(file, 0o640);
      const r = await runCli(['fix', t.dir, '--quiet']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const out = readFileSync(file, 'utf8');
      assert.ok(out.startsWith(BOM), 'the byte order mark is kept');
      assert.ok(!bareLf(out), `every line still ends in CRLF:\n${JSON.stringify(out)}`);
      assert.equal(modeOf(file), 0o640, 'the mode is kept');
      assert.ok(out.includes('\r\n    # the arm64 simulator is flaky, see #123\r\n'), `the reason stays as a comment:\n${out}`);
      assert.ok(!out.includes('continue-on-error'), 'the continue-on-error line is gone');
      assert.ok(out.includes('        shell: bash\r\n'), 'the pipe fix was applied');
      // A second run changes nothing.
      await runCli(['fix', t.dir, '--quiet']);
      assert.equal(readFileSync(file, 'utf8'), out);
    } finally {
      t.cleanup();
    }
  });

  it('leaves an anchored value that aliases share, and does not mark its finding [fixable]', async () => {
    const text = `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: pytest
        continue-on-error: &soft true
      - run: pytest -m slow
        continue-on-error: *soft
`;
    const t = repoWith({ '.github/workflows/ci.yml': text });
    try {
      const repo = Repository.open(t.dir);
      const result = await checkWorkflows({ repo, config: new Config(), only: ['continue-on-error'] });
      const anchored = result.findings.find((f) => f.line === 7);
      assert.ok(anchored?.fix, 'the finding on the anchored line still describes a fix');
      assert.equal(isFixable(anchored), false, 'but it is not one `fix` applies');
      await runCli(['fix', t.dir, '--quiet']);
      assert.equal(readFileSync(join(t.dir, '.github/workflows/ci.yml'), 'utf8'), text);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a fixed text whose aliases would mean something else, or that lost an anchor', () => {
    const before = 'steps:\n  - run: x\n    continue-on-error: &x true\n  - run: y\n    continue-on-error: *x\n';
    const value = before.indexOf('true');
    const changed = before.slice(0, value) + 'false' + before.slice(value + 4);
    assert.match(
      unintendedChange(parseDocument(before), before, parseDocument(changed), [{ start: value, end: value + 4, text: 'false' }]) ?? '',
      /aliases \*x/,
    );
    const line = before.indexOf('    continue-on-error: &x');
    const end = before.indexOf('\n', line) + 1;
    const dropped = before.slice(0, line) + before.slice(end);
    assert.match(unintendedChange(parseDocument(before), before, parseDocument(dropped), [{ start: line, end, text: '' }]) ?? '', /line 5/);
    // The edit the fix means, and nothing else, is accepted.
    const inserted = before.replace('  - run: y\n', '  - run: y\n    shell: bash\n');
    const at = before.indexOf('  - run: y\n') + '  - run: y\n'.length;
    assert.equal(unintendedChange(parseDocument(before), before, parseDocument(inserted), [{ start: at, end: at, text: '    shell: bash\n' }]), undefined);
  });
});

describe('init dependabot keeps the file it completes', () => {
  it('keeps a BOM, CRLF line ends and the mode of an existing dependabot.yml', async () => {
    const existing = 'version: 2\nupdates:\n  # pip first\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: daily\n';
    const t = repoWith({
      '.github/dependabot.yml': BOM + crlf(existing),
      '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    });
    const file = join(t.dir, '.github/dependabot.yml');
    try {
      chmodSync(file, 0o600);
      const r = await runCli(['init', 'dependabot', t.dir]);
      assert.equal(r.code, 0, r.stderr);
      const out = readFileSync(file, 'utf8');
      assert.ok(out.includes('github-actions'), 'the entry was added');
      assert.ok(out.includes('# pip first'), 'comments are kept');
      assert.ok(out.startsWith(BOM), 'the byte order mark is kept');
      assert.ok(!bareLf(out), `every line still ends in CRLF:\n${JSON.stringify(out)}`);
      assert.equal(modeOf(file), 0o600);
    } finally {
      t.cleanup();
    }
  });
});

describe('pin keeps the file it pins', () => {
  let s: Scenario;
  const dirs: string[] = [];
  before(() => {
    s = buildScenario();
  });
  after(() => {
    s.host.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps a BOM, CRLF line ends and an executable mode', async () => {
    const dir = workRepo({
      '.github/workflows/ci.yml':
        BOM + crlf('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4  # keep this comment\n'),
    });
    dirs.push(dir);
    const file = join(dir, '.github/workflows/ci.yml');
    chmodSync(file, 0o755);
    const r = await runCli(['pin', dir, '--git-base', s.host.base, '--cache-dir', join(dir, '.git', 'gw-cache')], dir);
    const out = readFileSync(file, 'utf8');
    assert.ok(out.includes(`actions/checkout@${s.sha.co2}`), `pinned:\n${out}\n${r.stderr}`);
    assert.ok(out.startsWith(BOM), 'the byte order mark is kept');
    assert.ok(!bareLf(out), 'CRLF kept');
    assert.equal(modeOf(file), 0o755);
  });
});
