import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { PINS } from '../../src/recipes/known-pins.js';
import { unpinnedUses } from '../../src/recipes/m05-actionlint.js';
import { runCli } from '../helpers/cli.js';
import { RemoteHost } from '../pin/helpers/remotes.js';
import { copyTree } from '../helpers/tmp-repo.js';
import { git, gitRepo, PROGRAM_FIXTURES } from './helpers.js';

const has = (...names: string[]) => names.every((n) => COMMANDS.some((c) => c.name === n));
const missing = (...names: string[]) =>
  has(...names) ? false : `needs the ${names.filter((n) => !COMMANDS.some((c) => c.name === n)).join(', ')} command(s), not registered yet`;

/** A fresh git copy of the demo fixture repository. */
function demo(): ReturnType<typeof gitRepo> {
  const r = gitRepo({});
  copyTree(join(PROGRAM_FIXTURES, 'demo-repo'), r.dir);
  r.commit('demo');
  return r;
}

/** Red before, apply, green after; --dry-run first writes nothing and shows the patch. */
async function redThenGreen(id: string, dir: string, env: Record<string, string | undefined> = {}, verifyArgs: string[] = []): Promise<{ applied: string }> {
  const red = await runCli(['verify', id, dir], dir, env);
  assert.equal(red.code, 1, `${id} must fail before: ${red.stdout}${red.stderr}`);
  const dry = await runCli(['apply', id, dir, '--dry-run'], dir, env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(git(dir, 'status', '--porcelain', '--untracked-files=all'), '', `${id} --dry-run wrote to the tree`);
  assert.equal(execFileSync('find', [dir, '-type', 'd', '-empty', '-not', '-path', '*/.git/*']).toString(), '', `${id} --dry-run left empty folders`);
  assert.match(dry.stdout, /^\+\+\+ b\//m);
  const applied = await runCli(['apply', id, dir], dir, env);
  assert.equal(applied.code, 0, applied.stderr);
  const green = await runCli(['verify', id, dir, ...verifyArgs], dir, env);
  assert.equal(green.code, 0, `${id} must pass after: ${green.stdout}${green.stderr}`);
  const again = await runCli(['apply', id, dir], dir, env);
  assert.match(again.stderr, /nothing to change/, `${id} apply is not idempotent: ${again.stderr}`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', `apply ${id}`);
  return { applied: applied.stderr };
}

describe('recipes: red before, green after, on the demo repository', () => {
  let repo: ReturnType<typeof gitRepo>;
  before(() => {
    repo = demo();
  });
  after(() => repo.cleanup());

  it('M05 writes actionlint.yml with every uses: pinned (known-pins table), a problem matcher and the pre-commit hook', async () => {
    await redThenGreen('M05', repo.dir);
    const wf = readFileSync(join(repo.dir, '.github/workflows/actionlint.yml'), 'utf8');
    assert.deepEqual(unpinnedUses(wf), []);
    assert.ok(wf.includes(`actions/checkout@${PINS.checkout.sha} # ${PINS.checkout.version}`));
    assert.ok(wf.includes(`rhysd/actionlint/${PINS.actionlint.sha}/scripts/download-actionlint.bash`));
    assert.match(readFileSync(join(repo.dir, '.pre-commit-config.yaml'), 'utf8'), /id: actionlint/);
    assert.match(readFileSync(join(repo.dir, '.github/actionlint-matcher.json'), 'utf8'), /"owner": "actionlint"/);
    assert.deepEqual(unpinnedUses('      - uses: actions/checkout@v4\n      - uses: a/b@0123456789012345678901234567890123456789 # v1\n'), [
      '- uses: actions/checkout@v4',
      '- uses: a/b@0123456789012345678901234567890123456789 # v1',
    ]);
  });

  it("M13 writes .pre-commit-config.yaml for Python, YAML and workflows, merged with M05's, and CONTRIBUTING.md", async () => {
    await redThenGreen('M13', repo.dir);
    const config = readFileSync(join(repo.dir, '.pre-commit-config.yaml'), 'utf8');
    for (const id of ['actionlint', 'trailing-whitespace', 'end-of-file-fixer', 'check-yaml', 'ruff-check', 'ruff-format'])
      assert.match(config, new RegExp(`id: ${id}\\n`));
    // The demo has C++ but no .clang-format: clang-format would restyle it all to LLVM's defaults.
    assert.doesNotMatch(config, /id: clang-format/);
    assert.equal((config.match(/id: actionlint\n/g) ?? []).length, 1);
    assert.match(readFileSync(join(repo.dir, 'CONTRIBUTING.md'), 'utf8'), /pre-commit install/);
  });

  it('M03 records the audit (groundwork check) at the seed path', async () => {
    await redThenGreen('M03', repo.dir);
    assert.match(readFileSync(join(repo.dir, 'docs/refactor/milestones/M03/M03_findings.md'), 'utf8'), /continue-on-error/);
  });

  it('M04 fixes the silent failures (groundwork fix) and writes the summary; M03 still covers the tree', async () => {
    await redThenGreen('M04', repo.dir);
    const ci = readFileSync(join(repo.dir, '.github/workflows/ci.yml'), 'utf8');
    assert.ok(!ci.includes('continue-on-error'));
    assert.equal((await runCli(['verify', 'M03', repo.dir], repo.dir)).code, 0);
  });

  it('M07 delegates to init dependabot', { skip: missing('init') }, async () => {
    await redThenGreen('M07', repo.dir);
  });

  it('M08 delegates to sbom', { skip: missing('sbom') }, async () => {
    await redThenGreen('M08', repo.dir);
  });

  it('M09 writes the monthly workflow and the script; offline its verification is not run, never a pass; --online compares upstreams', {
    skip: missing('init', 'deps'),
  }, async () => {
    await redThenGreen('M09', repo.dir, {}, ['--online']);
    const offline = await runCli(['verify', 'M09', repo.dir], repo.dir);
    assert.equal(offline.code, 1, offline.stdout);
    assert.match(offline.stdout, /not verified .*upstream releases: not run \(needs --online\)/);
  });

  it('M01 delegates to smoke', { skip: missing('smoke') }, async () => {
    await redThenGreen('M01', repo.dir);
  });

  it('M06 delegates to pin (tags resolved from local file:// remotes)', { skip: missing('pin') }, async () => {
    const host = new RemoteHost();
    try {
      const co = host.remote('actions/checkout');
      const sha = co.commit('v4');
      co.tag('v4', sha).tag('v4.2.2', sha).branch('main', sha);
      const env = { GROUNDWORK_GIT_BASE: host.base, GROUNDWORK_CACHE_DIR: join(host.root, '.cache') };
      await redThenGreen('M06', repo.dir, env);
      assert.match(readFileSync(join(repo.dir, '.github/workflows/ci.yml'), 'utf8'), new RegExp(`actions/checkout@${sha} # v4.2.2`));
    } finally {
      host.dispose();
    }
  });

  it('usage errors exit 2: unknown milestone, no milestone', async () => {
    assert.equal((await runCli(['apply', 'M99', repo.dir], repo.dir)).code, 2);
    assert.equal((await runCli(['verify'], repo.dir)).code, 2);
  });
});
