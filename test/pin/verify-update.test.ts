// --verify and --update against real bare repositories (file://); this file owns its scenario
// because it force-moves a tag.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './helpers/cli.js';
import { workRepo } from './helpers/remotes.js';
import { buildScenario, forceMoveTag, type Scenario } from './helpers/scenario.js';

let s: Scenario;
const cleanup: string[] = [];
before(() => {
  s = buildScenario();
});
after(() => {
  s.host.dispose();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

function steps(...uses: string[]): string {
  return `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join('')}`;
}
function repo(text: string): string {
  const dir = workRepo({ '.github/workflows/w.yml': text });
  cleanup.push(dir);
  return dir;
}
const run = (dir: string, ...args: string[]) => runCli(['pin', dir, '--git-base', s.host.base, '--cache-dir', join(dir, '.git', 'gw-cache'), ...args], dir);
type F = { ruleId: string; line: number; message: string };
const findings = (stdout: string) => (JSON.parse(stdout).findings as F[]).map((f) => `${f.line}:${f.ruleId}`).sort();

describe('groundwork pin --verify', () => {
  it('reports tag objects, impostor and stale commits, wrong comments, and leaves good pins alone', async () => {
    const { sha } = s;
    const dir = repo(
      steps(
        `actions/checkout@${sha.co2} # v4.2.2`,
        `actions/checkout@${sha.coTagObject} # v4.2.2`,
        `acme/nested@${sha.nInner} # v2.0.0`,
        `acme/fork@${sha.fPull} # v1.0.0`,
        `acme/fork@${sha.fStale} # v1.0.0`,
        `actions/checkout@${sha.co3} # v4.2.2`,
        `acme/nested@${sha.n1} # v2.0.0`,
        `actions/checkout@${sha.co2} # v4`,
      ),
    );
    const r = await run(dir, '--verify', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    // Line 6 is a good pin and line 12 the nested tag's commit: nothing to report on either.
    assert.deepEqual(findings(r.stdout), [
      '10:stale-pin',
      '10:tag-moved',
      '11:ref-version-mismatch',
      '13:ref-version-mismatch',
      '7:tag-object-pin',
      '8:tag-object-pin',
      '9:impostor-commit',
      '9:tag-moved',
    ]);
    const floating = (JSON.parse(r.stdout).findings as (F & { severity: string })[]).find((f) => f.line === 13)!;
    assert.equal(floating.severity, 'low');
    assert.match(floating.message, /v4 is a floating tag; the pinned commit is v4\.2\.2/);
    const mismatch = (JSON.parse(r.stdout).findings as F[]).find((f) => f.line === 11)!;
    assert.match(mismatch.message, /the commit carries v4\.3\.0/);
  });

  it('checks that refs kept by a ref-pin policy are tags', async () => {
    const dir = workRepo({
      'groundwork.yml': 'pin:\n  policies:\n    - pattern: "acme/ambiguous*"\n      policy: ref-pin\n      reason: kept on its tag\n',
      '.github/workflows/w.yml': steps('acme/ambiguous@v1.0.0', 'acme/ambiguous@main', 'acme/ambiguous@release', 'acme/ambiguous@v9'),
    });
    cleanup.push(dir);
    const r = await run(dir, '--verify', '--format', 'json');
    assert.deepEqual(findings(r.stdout), ['7:branch-ref', '8:ambiguous-ref', '9:unresolved-ref']);
  });

  it('reports a tag force-moved after pinning, and the pin itself stays', async () => {
    const dir = repo(steps('acme/moving@v1.2.0'));
    await run(dir, '--map');
    const clean = await run(dir, '--verify', '--map', '--format', 'json');
    assert.equal(clean.code, 0, clean.stdout);
    forceMoveTag(s);
    const moved = await run(dir, '--verify', '--map', '--format', 'json');
    assert.equal(moved.code, 1);
    const f = JSON.parse(moved.stdout).findings as F[];
    assert.ok(
      f.some((x) => x.ruleId === 'tag-moved' && /v1\.2\.0 now points at/.test(x.message) && /mapping file recorded/.test(x.message)),
      moved.stdout,
    );
    const rerun = await run(dir, '--cache-ttl', '0');
    assert.match(rerun.stderr, /rewrote 0 ref/, 'a plain re-run never follows the moved tag');
    assert.ok(readFileSync(join(dir, '.github/workflows/w.yml'), 'utf8').includes(`acme/moving@${s.sha.m2} # v1.2.0`));
  });
});

describe('groundwork pin --update', () => {
  const text = () => steps('actions/checkout@v4', `actions/checkout@${s.sha.co1} # v3.6.0`);
  const read = (dir: string) => readFileSync(join(dir, '.github/workflows/w.yml'), 'utf8');

  it('moves to the newest release, as commit + exact version', async () => {
    const dir = repo(text());
    await run(dir, '--update');
    assert.equal(read(dir), steps(`actions/checkout@${s.sha.co4} # v5.0.0`, `actions/checkout@${s.sha.co4} # v5.0.0`));
  });

  it('--within-major stays on the major version', async () => {
    const dir = repo(text());
    await run(dir, '--update', '--within-major');
    assert.equal(read(dir), steps(`actions/checkout@${s.sha.co3} # v4.3.0`, `actions/checkout@${s.sha.co1} # v3.6.0`));
  });

  it('--min-age skips releases younger than the cooldown', async () => {
    const dir = repo(text());
    const r = await run(dir, '--update', '--min-age', '7d');
    assert.equal(read(dir), steps(`actions/checkout@${s.sha.co3} # v4.3.0`, `actions/checkout@${s.sha.co3} # v4.3.0`), r.stderr);
  });

  it('rejects --within-major without --update', async () => {
    const r = await run(repo(text()), '--within-major');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /need --update/);
  });
});
