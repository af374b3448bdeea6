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
import { git } from './helpers/remotes.js';
import { realworldDataset } from '../helpers/corpus.js';

const corpus = sharedDir();

/** Pins a copy of corpus files and checks the properties the issue asks for; `dir` is removed. */
async function pinAndCheck(dir: string, name: string): Promise<void> {
  try {
    const repo = Repository.open(dir);
    const inv = inventory(repo, new Config());
    const yamlFiles = inv.files.filter((f) => !f.endsWith('.j2'));
    const walked = inv.references.filter((r) => r.site === 'step' || r.site === 'job').length;
    assert.equal(walked, yamlWalkCount(dir, yamlFiles), 'inventory differs from a plain YAML walk');
    const before = new Map(inv.files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const { host, repositories } = remotesFor(inv.references.map((r) => r.value));
    try {
      const args = ['pin', dir, '--git-base', host.base, '--cache-dir', join(dir, '.git', 'c'), '--branches', 'pin', '--format', 'json', '--jobs', '16'];
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
      const external = inv.references.filter((r) => r.uses.kind === 'action' || r.uses.kind === 'reusable-workflow');
      const unpinnedBefore = external.filter((r) => !/^[0-9a-f]{40}$/.test(r.uses.ref)).length;
      assert.ok(changed >= unpinnedBefore - 5, `${changed} changed lines for ${unpinnedBefore} unpinned references`);
      const snapshot = [...before.keys()].map((f) => readFileSync(join(dir, f), 'utf8'));
      const second = await runCli(args, dir);
      assert.match(second.stderr, /rewrote 0 ref/);
      assert.deepEqual(
        [...before.keys()].map((f) => readFileSync(join(dir, f), 'utf8')),
        snapshot,
      );
      // What stays unpinned is only what the made-up remotes cannot have: abbreviated SHAs.
      // The pin report ends with the offline check of the rewritten files.
      const left = (JSON.parse(first.stdout).findings as { ruleId: string; message: string }[]).filter(
        (f) => f.ruleId === 'unpinned-action' && !/abbreviated SHA/.test(f.message),
      );
      assert.equal(left.length, 0, JSON.stringify(left.slice(0, 3)));
    } finally {
      host.dispose();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pin over the real-world corpus', { skip: corpus ? false : '../shared/corpus is not present' }, () => {
  for (const name of corpus ? corpusFolders(corpus) : []) {
    it(name, () => pinAndCheck(copyCorpus(join(corpus!, name)), name));
  }
  it('actionlint-realworld: 1,503 workflows from dataset.zip', () => {
    const ds = realworldDataset();
    git(['init', '--quiet', ds.dir]);
    return pinAndCheck(ds.dir, 'actionlint-realworld');
  });
});
