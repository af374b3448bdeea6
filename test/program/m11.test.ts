import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { insertHandshake } from '../../src/recipes/m11/insert-handshake.js';
import { runCli } from '../helpers/cli.js';
import { copyTree, tempDir } from '../helpers/tmp-repo.js';
import { gitRepo, PROGRAM_FIXTURES } from './helpers.js';
import { STORE_PY, WORKER_PY } from './m11-store.js';

const PYTHON = 'python3';
const INIT = 'torch/distributed/distributed_c10d.py';
const TEST = 'test/distributed/test_protocol_version.py';
const python = spawnSync(PYTHON, ['--version']).status === 0 ? false : 'python3 is not installed';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    const p = spawn(PYTHON, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b) => (stdout += b));
    p.stderr.on('data', (b) => (stderr += b));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('M11 recipe: protocol version handshake', { skip: python }, () => {
  let repo: ReturnType<typeof gitRepo>;
  let side: ReturnType<typeof tempDir>;
  const env = () => ({ PYTHONPATH: `${repo.dir}:${side.dir}` });
  before(() => {
    repo = gitRepo({});
    copyTree(join(PROGRAM_FIXTURES, 'm11-repo'), repo.dir);
    repo.commit('fixture');
    side = tempDir('gw-m11-store-');
    writeFileSync(join(side.dir, 'store.py'), STORE_PY);
    writeFileSync(join(side.dir, 'worker.py'), WORKER_PY);
  });
  after(() => {
    repo.cleanup();
    side.cleanup();
  });

  it('verify fails before the change, apply writes the module, the handshake and the test, verify passes after', async () => {
    assert.equal((await runCli(['verify', 'M11', repo.dir], repo.dir)).code, 1);
    const applied = await runCli(['apply', 'M11', repo.dir], repo.dir);
    assert.equal(applied.code, 0, applied.stderr);
    const init = readFileSync(join(repo.dir, INIT), 'utf8').split('\n');
    const call = init.indexOf('    _protocol_handshake(store, rank, world_size)');
    const helper = init.findIndex((l) => l.startsWith('    default_pg, _ = _new_process_group_helper('));
    assert.ok(call > 0 && call < helper, 'the handshake runs after the store exists and before the default group is built');
    // Running the generated test runs the repository's code: only when asked.
    const unasked = await runCli(['verify', 'M11', repo.dir], repo.dir, { PATH: process.env.PATH });
    assert.equal(unasked.code, 1, unasked.stdout);
    assert.match(unasked.stdout, /test_protocol_version\.py passes: not run \(needs --run-verifications\)/);
    const verified = await runCli(['verify', 'M11', repo.dir, '--run-verifications'], repo.dir, { PATH: process.env.PATH });
    assert.equal(verified.code, 0, verified.stdout);
    assert.match((await runCli(['apply', 'M11', repo.dir], repo.dir)).stderr, /nothing to change/);
  });

  it("the generated module's unit tests and two-process test run with real python3, and can fail", async () => {
    const ok = await run([TEST, '-v'], repo.dir, env());
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /test_mismatch_fails_on_the_checking_rank \(.*\) \.\.\. ok/);
    assert.match(ok.stderr, /Ran 8 tests/);
    const module = join(repo.dir, 'torch/distributed/_protocol_version.py');
    const good = readFileSync(module, 'utf8');
    writeFileSync(module, good.replace('return a[0] >= b[1] and b[0] >= a[1]', 'return True'));
    try {
      assert.notEqual((await run([TEST], repo.dir, env())).code, 0, 'a broken comparison must fail the generated test');
      assert.equal((await runCli(['verify', 'M11', repo.dir, '--run-verifications'], repo.dir, { PATH: process.env.PATH })).code, 1);
    } finally {
      writeFileSync(module, good);
    }
  });

  /** Two ranks joining through the patched init_process_group over the test's own TCP store. */
  async function pair(env0: Record<string, string>, env1: Record<string, string>, timeout = 5): Promise<[Exit, Exit]> {
    const server = spawn(PYTHON, ['store.py'], { cwd: side.dir });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        server.stdout.once('data', (b) => resolve(String(b).trim()));
        server.once('error', reject);
      });
      return (await Promise.all([
        run(['worker.py', port, '0', String(timeout)], side.dir, { ...env(), ...env0 }),
        run(['worker.py', port, '1', String(timeout)], side.dir, { ...env(), ...env1 }),
      ])) as [Exit, Exit];
    } finally {
      server.kill();
    }
  }

  it('two real processes with the same version both join', async () => {
    const [r0, r1] = await pair({}, {});
    assert.equal(r0.code, 0, r0.stderr);
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stdout, /rank 1 joined gloo/);
  });

  it('a mismatch fails on rank 1 with both ranks, both versions, the supported range and the remedy', async () => {
    const [r0, r1] = await pair({}, { TORCH_DISTRIBUTED_PROTOCOL_VERSION: '2:2' });
    assert.equal(r0.code, 0, r0.stderr);
    assert.equal(r1.code, 3, r1.stderr);
    for (const part of [
      'rank 1',
      'speaks protocol 2 and accepts 2..2',
      'rank 0',
      'speaks protocol 1 and accepts 1..1',
      'Supported range of rank 0: 1..1',
      'Remedy',
      'TORCH_DISTRIBUTED_IGNORE_PROTOCOL_MISMATCH',
    ]) {
      assert.ok(r1.stderr.includes(part), `missing '${part}' in: ${r1.stderr}`);
    }
  });

  it('overlapping ranges are compatible (a newer rank that still accepts the old version)', async () => {
    const [r0, r1] = await pair({}, { TORCH_DISTRIBUTED_PROTOCOL_VERSION: '2:1' });
    assert.equal(r0.code, 0, r0.stderr);
    assert.equal(r1.code, 0, r1.stderr);
  });

  it('a rank 0 too old to publish a version makes rank 1 fail with a clear message after the store timeout', async () => {
    const [r0, r1] = await pair({ TORCH_DISTRIBUTED_IGNORE_PROTOCOL_MISMATCH: '1' }, {}, 1);
    assert.equal(r0.code, 0, r0.stderr);
    assert.equal(r1.code, 3, r1.stderr);
    assert.match(r1.stderr, /rank 0 published no protocol version/);
  });
});

describe('M11 insertion point', () => {
  it('falls back to after the block that obtains the store, at the body indentation', () => {
    const src =
      'def init(store=None, rank=0, world_size=1):\n    if store is None:\n        store = make()\n        store.set_timeout(1)\n    return build(store)\n';
    const r = insertHandshake(src, 'init', 'pkg.dist');
    assert.ok(r.ok);
    const lines = r.text.split('\n');
    assert.ok(lines.indexOf('    _protocol_handshake(store, rank, world_size)') > lines.indexOf('        store.set_timeout(1)'));
    assert.ok(lines.indexOf('    _protocol_handshake(store, rank, world_size)') < lines.indexOf('    return build(store)'));
    assert.match(r.text, /from pkg\.dist\._protocol_version import handshake as _protocol_handshake/);
  });

  it('honours an anchor and reports a function it cannot find', () => {
    const src = 'def f(store, rank, world_size):\n    a = 1\n    go(store)\n';
    const r = insertHandshake(src, 'f', 'm', '^\\s*go\\(');
    assert.ok(r.ok && r.line === 3);
    assert.deepEqual(insertHandshake(src, 'g', 'm'), { ok: false, reason: "no 'def g(' in the file" });
  });
});
