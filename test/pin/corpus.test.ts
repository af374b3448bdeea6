// Every workflow, action and template of ../shared/corpus, pinned against local bare repositories
// made for each referenced action repository: only uses: lines change, a second run changes
// nothing, and the inventory equals an independent YAML walk.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Config } from '../../src/config/config.js';
import { inventory } from '../../src/pin/inventory.js';
import { Repository } from '../../src/services/repository.js';
import { runCli } from './helpers/cli.js';
import { copyCorpus, corpusFolders, remotesFor, sharedDir, yamlWalkCount } from './helpers/corpus.js';
import { changedLineCount, unexpectedChanges } from './helpers/line-diff.js';

const corpus = sharedDir();

describe('pin over the real-world corpus', { skip: corpus ? false : '../shared/corpus is not present' }, () => {
  for (const name of corpus ? corpusFolders(corpus) : []) {
    it(name, async () => {
      const dir = copyCorpus(join(corpus!, name));
      try {
        const repo = Repository.open(dir);
        const inv = inventory(repo, new Config());
        const yamlFiles = inv.files.filter((f) => !f.endsWith('.j2'));
        const walked = inv.references.filter((r) => r.site === 'step' || r.site === 'job').length;
        assert.equal(walked, yamlWalkCount(dir, yamlFiles), 'inventory differs from a plain YAML walk');
        const before = new Map(inv.files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
        const { host, repositories } = remotesFor(inv.references.map((r) => r.value));
        try {
          const args = ['pin', dir, '--git-base', host.base, '--cache-dir', join(dir, '.git', 'c'), '--branches', 'pin', '--format', 'json'];
          const first = await runCli(args, dir);
          assert.ok(first.code === 0 || first.code === 1, first.stderr);
          let changed = 0;
          for (const [f, text] of before) {
            const now = readFileSync(join(dir, f), 'utf8');
            assert.deepEqual(unexpectedChanges(text, now), [], `${name}/${f}`);
            changed += changedLineCount(text, now);
          }
          const calls = Number(/(\d+) ls-remote call/.exec(first.stderr)![1]);
          const resolvedRepos = Number(/(\d+) action repositories/.exec(first.stderr)![1]);
          assert.equal(calls, resolvedRepos, 'one ls-remote per repository');
          assert.ok(resolvedRepos <= repositories.length);
          const unpinnedBefore = inv.references.filter((r) => (r.uses.kind === 'action' || r.uses.kind === 'reusable-workflow') && !/^[0-9a-f]{40}$/.test(r.uses.ref)).length;
          assert.ok(changed >= unpinnedBefore, `${changed} changed lines for ${unpinnedBefore} unpinned references`);
          const snapshot = [...before.keys()].map((f) => readFileSync(join(dir, f), 'utf8'));
          const second = await runCli(args, dir);
          assert.match(second.stderr, /rewrote 0 ref/);
          assert.deepEqual([...before.keys()].map((f) => readFileSync(join(dir, f), 'utf8')), snapshot);
          const check = await runCli(['pin', dir, '--check', '--format', 'json'], dir);
          const left = (JSON.parse(check.stdout).findings as { ruleId: string }[]).filter((f) => f.ruleId === 'unpinned-action');
          assert.equal(left.length, 0, JSON.stringify(left.slice(0, 3)));
        } finally {
          host.dispose();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
