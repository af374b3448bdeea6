// Safe by default (issue 14): `audit`, `plan status` and `verify` never run the ledger's commands,
// never run the repository's code and never reach the network unless asked. The detectors are real:
// a file the command would create, the repository's hooks, and a loopback HTTP server that counts
// every request; the last test turns --run-verifications on to show they do see a command that runs.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp-repo.js';
import { git, gitRepo } from './helpers.js';

const CI = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pytest || true\n';

/** A ledger whose verifications would write to the tree, install a hook and call the server. */
function ledger(url: string): string {
  const milestone = (id: string, run: string) => [
    `  - id: ${id}`,
    `    title: ${id}`,
    '    effort: 1',
    '    deliverables: [README.md]',
    `    verification: { kind: command, run: ${JSON.stringify(run)}, expect: 0 }`,
  ];
  return [
    'format: 1',
    'title: Hostile',
    'milestones:',
    ...milestone('M90', 'touch PWNED'),
    ...milestone('M91', `curl -s ${url}/curl || wget -q -O- ${url}/wget || node -e "fetch('${url}/node')"`),
    ...milestone('M92', 'printf "#!/bin/sh\\nexit 0\\n" > .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit'),
    // The seed's M13 command: the recipe's offline check stands in for it.
    ...milestone('M13', 'pre-commit install && pre-commit run --all-files && touch PWNED-M13'),
    '  - id: M09',
    '    title: Third-party audit',
    '    effort: 1',
    '    deliverables: [README.md]',
    '    verification: { kind: recipe }',
    'claims: { parallel: [], references: [], sequence: [], start: [] }',
    '',
  ].join('\n');
}

describe('no side effects unless asked', () => {
  let repo: ReturnType<typeof gitRepo>;
  let server: Server;
  let url = '';
  const requests: string[] = [];
  let env: Record<string, string>;
  let hooksBefore: string[];
  /** plan status's milestones, which the verify test compares with. */
  let statuses: { id: string; status: string; reason: string }[] = [];

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Everything that could reach a remote points at the loopback server: pin and deps git bases,
    // a submodule upstream, and the environment a verification would inherit.
    repo = gitRepo({
      'README.md': '# hostile\n',
      '.github/workflows/ci.yml': CI,
      'groundwork.yml': `pin:\n  gitBase: ${url}\n`,
      '.gitmodules': `[submodule "third_party/lib"]\n\tpath = third_party/lib\n\turl = ${url}/owner/lib.git\n`,
      'third_party/lib/LICENSE': 'MIT License\n',
      'refactor/plan.yml': ledger(url),
    });
    env = { GROUNDWORK_GIT_BASE: url, HTTP_PROXY: url, HTTPS_PROXY: url, OSV_URL: url };
    hooksBefore = readdirSync(join(repo.dir, '.git/hooks')).sort();
  });
  after(() => {
    server.close();
    repo.cleanup();
  });

  const untouched = () => {
    assert.equal(existsSync(join(repo.dir, 'PWNED')), false, 'a ledger command ran');
    assert.equal(existsSync(join(repo.dir, 'PWNED-M13')), false, 'the M13 command ran');
    assert.equal(git(repo.dir, 'status', '--porcelain', '--untracked-files=all'), '', 'the tree changed');
    assert.deepEqual(readdirSync(join(repo.dir, '.git/hooks')).sort(), hooksBefore, '.git/hooks changed');
    assert.deepEqual(requests, [], 'the network was reached');
  };

  it('audit runs no ledger command and reaches no network', async () => {
    const out = tempDir('gw-safe-');
    try {
      const r = await runCli(['audit', repo.dir, '--out', join(out.dir, 'pack'), '--quiet'], repo.dir, env);
      assert.ok(r.code <= 1, r.stderr);
      untouched();
    } finally {
      out.cleanup();
    }
  });

  it('plan status reports each command "not run (needs --run-verifications)"; the recipe stands in for M13', async () => {
    const r = await runCli(['plan', 'status', '--format', 'json'], repo.dir, env);
    assert.ok(r.code <= 1, r.stderr);
    statuses = JSON.parse(r.stdout).milestones as { id: string; status: string; reason: string }[];
    for (const id of ['M90', 'M91', 'M92']) {
      const s = statuses.find((m) => m.id === id)!;
      assert.equal(s.status, 'not-run', `${id}: ${s.reason}`);
      assert.match(s.reason, /not run \(needs --run-verifications\)/);
    }
    assert.match(statuses.find((m) => m.id === 'M13')!.reason, /not run \(needs --run-verifications\); groundwork verify M13 stands in/);
    untouched();
  });

  it('verify agrees with plan status on every milestone with a recipe, and runs nothing', async () => {
    const status = statuses;
    for (const id of ['M13', 'M09']) {
      const v = await runCli(['verify', id, repo.dir, '--format', 'json'], repo.dir, env);
      const json = JSON.parse(v.stdout);
      assert.equal(json.status, status.find((m) => m.id === id)!.status, id);
      assert.equal(v.code, json.passed ? 0 : 1);
    }
    const m09 = await runCli(['verify', 'M09', repo.dir], repo.dir, env);
    assert.equal(m09.code, 1, 'offline, upstreams were not compared: M09 must not pass');
    assert.match(m09.stdout, /not run \(needs --online\)/);
    untouched();
  });

  it('with --run-verifications the commands do run (the detectors above see them)', async () => {
    const r = await runCli(['plan', 'status', '--run-verifications', '--format', 'json'], repo.dir, { ...env, PATH: process.env.PATH });
    assert.ok(r.code <= 1, r.stderr);
    assert.equal(existsSync(join(repo.dir, 'PWNED')), true);
    assert.ok(requests.length > 0, 'the network call was made');
    assert.notDeepEqual(readdirSync(join(repo.dir, '.git/hooks')).sort(), hooksBefore);
  });
});
