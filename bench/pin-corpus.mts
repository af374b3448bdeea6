// Bench: pin a corpus folder (default pytorch+pytorch) against local bare remotes made for every
// referenced action repository. Figures: ls-remote calls vs distinct action repositories (must be
// equal), wall time cold (no cache) and warm (disk cache), offline --check time.
// Run: node --import tsx bench/pin-corpus.mts [folder…|actionlint-realworld|--all]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Config } from '../src/config/config.js';
import { checkPins } from '../src/pin/check.js';
import { GitBases } from '../src/pin/git-base.js';
import { GitLsRemoteResolver } from '../src/pin/git-resolver.js';
import { HistoryStore } from '../src/pin/history.js';
import { inventory } from '../src/pin/inventory.js';
import { pinRepository } from '../src/pin/pin.js';
import { RefCache } from '../src/pin/ref-cache.js';
import { Repository } from '../src/services/repository.js';
import { realworldDataset } from '../test/helpers/corpus.js';
import { copyCorpus, corpusFolders, remotesFor, sharedDir } from '../test/pin/helpers/corpus.js';
import { git } from '../test/pin/helpers/remotes.js';

const corpus = sharedDir();
const argv = process.argv.slice(2);
const folders = !corpus ? [] : argv.includes('--all') ? [...corpusFolders(corpus), 'actionlint-realworld'] : argv.length ? argv : ['pytorch+pytorch'];

function copyOf(folder: string): string {
  if (folder !== 'actionlint-realworld') return copyCorpus(join(corpus!, folder));
  const ds = realworldDataset();
  git(['init', '--quiet', ds.dir]);
  return ds.dir;
}

async function once(folder: string): Promise<Record<string, string | number>> {
  const dir = copyOf(folder);
  const cache = mkdtempSync(join(tmpdir(), 'gw-bench-cache-'));
  const repo = () => Repository.open(dir);
  const config = new Config();
  const inv = inventory(repo(), config);
  const { host, repositories } = remotesFor(inv.references.map((r) => r.value));
  try {
    const bases = GitBases.parse([host.base]);
    const run = async (ttlMs: number) => {
      const resolver = new GitLsRemoteResolver({ bases, cache: new RefCache(cache, ttlMs), retries: 0 });
      const t = performance.now();
      const result = await pinRepository({ repo: repo(), config, resolver, history: new HistoryStore(cache), branches: 'pin', jobs: 8 });
      return { ms: performance.now() - t, resolver, result };
    };
    const cold = await run(3_600_000);
    const warm = await run(3_600_000);
    const t = performance.now();
    const check = checkPins(repo(), config);
    const checkMs = performance.now() - t;
    return {
      folder,
      files: inv.files.length,
      'uses:': inv.references.length,
      'action repos': repositories.length,
      'repos to resolve': cold.result.stats.repositories,
      'ls-remote calls': cold.resolver.calls,
      'ref+comment edits': cold.result.stats.rewritten,
      'cold ms': Math.round(cold.ms),
      'warm ms (cache)': Math.round(warm.ms),
      'warm calls': warm.resolver.calls,
      'check ms (offline)': Math.round(checkMs),
      'unpinned after': check.counts.unpinned,
    };
  } finally {
    host.dispose();
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!corpus) return void console.log('skipped: ../shared/corpus is not present');
  const rows = [];
  for (const f of folders) rows.push(await once(f));
  console.table(rows);
  const bad = rows.filter((r) => r['ls-remote calls'] !== r['repos to resolve']);
  if (bad.length) {
    console.error(`ls-remote calls differ from the repositories resolved in: ${bad.map((r) => r.folder).join(', ')}`);
    process.exitCode = 1;
  }
}

void main();
