import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp-repo.js';
import { fixtureCopy } from './helpers.js';

const fromCache = (stdout: string) => Number(/(\d+) files from the cache/.exec(stdout)?.[1] ?? NaN);
const fileCount = (stdout: string) => Number(/(\d+) Python files/.exec(stdout)?.[1] ?? NaN);

describe('groundwork smoke: the content-hash scan cache', () => {
  it('reuses scans keyed by git blob id, rescans what changed in the work tree, and never writes into the repository', async () => {
    const t = fixtureCopy('torchlike', { git: true });
    const cache = tempDir('gw-smoke-cache-');
    try {
      const cold = await runCli(['smoke', t.dir, '--cache-dir', cache.dir]);
      assert.equal(cold.code, 0, cold.stdout);
      assert.equal(fromCache(cold.stdout), 0);
      assert.equal(readdirSync(cache.dir).length, 1);
      const warm = await runCli(['smoke', t.dir, '--cache-dir', cache.dir]);
      assert.equal(fromCache(warm.stdout), fileCount(warm.stdout));
      assert.equal(warm.stdout.replace(/in \d+ ms; \d+ files/, ''), cold.stdout.replace(/in \d+ ms; \d+ files/, ''));
      writeFileSync(join(t.dir, 'torchlike/optim/sgd.py'), 'from .optimizer import Optimiser\n'); // modified, not committed
      const changed = await runCli(['smoke', t.dir, '--cache-dir', cache.dir]);
      assert.equal(changed.code, 1);
      assert.match(changed.stdout, /torchlike\/optim\/sgd\.py[\s\S]*has no `Optimiser`/);
      assert.equal(fromCache(changed.stdout), fileCount(changed.stdout) - 1);
      assert.deepEqual(
        readdirSync(t.dir).filter((n) => /cache|groundwork-/.test(n)),
        [],
      );
    } finally {
      t.cleanup();
      cache.cleanup();
    }
  });

  it('takes its directory from GROUNDWORK_CACHE_DIR, then XDG_CACHE_HOME; --no-cache writes nothing', async () => {
    const t = fixtureCopy('plainpkg');
    const env = tempDir('gw-smoke-env-');
    try {
      await runCli(['smoke', t.dir], t.dir, { GROUNDWORK_CACHE_DIR: join(env.dir, 'explicit') });
      assert.ok(existsSync(join(env.dir, 'explicit')));
      await runCli(['smoke', t.dir], t.dir, { XDG_CACHE_HOME: join(env.dir, 'xdg') });
      assert.equal(readdirSync(join(env.dir, 'xdg', 'groundwork')).length, 1);
      const second = await runCli(['smoke', t.dir], t.dir, { XDG_CACHE_HOME: join(env.dir, 'xdg') });
      assert.equal(fromCache(second.stdout), fileCount(second.stdout), 'content hashes serve outside git too');
      await runCli(['smoke', t.dir, '--no-cache'], t.dir, { GROUNDWORK_CACHE_DIR: join(env.dir, 'never') });
      assert.ok(!existsSync(join(env.dir, 'never')));
    } finally {
      t.cleanup();
      env.cleanup();
    }
  });
});
