// --dry-run never touches the disk (issue 14): not even to write a file and put it back. Every folder's
// and file's modification time in the work tree is compared before and after, so a file created and
// removed again (which changes its folder's mtime) is caught as well as one left behind.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { copyTree } from '../helpers/tmp-repo.js';
import { gitRepo, PROGRAM_FIXTURES, SEED_COPY } from './helpers.js';

/** path → mtime (ns) of every folder and file outside .git. */
function snapshot(root: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const walk = (dir: string) => {
    out.set(dir, statSync(dir, { bigint: true }).mtimeNs);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p, statSync(p, { bigint: true }).mtimeNs);
    }
  };
  walk(root);
  return out;
}

describe('--dry-run never touches the disk', () => {
  let repo: ReturnType<typeof gitRepo>;
  before(async () => {
    repo = gitRepo({
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Run tests\n        run: pytest || true\n',
    });
    copyTree(join(PROGRAM_FIXTURES, 'demo-repo'), repo.dir);
    assert.equal((await runCli(['plan', 'import', SEED_COPY, '-q'], repo.dir)).code, 0);
    repo.commit('program');
  });
  after(() => repo.cleanup());

  const cases: string[][] = [
    ...['dependabot', 'deps-audit', 'pre-commit', 'actionlint'].map((g) => ['init', g, '.', '--dry-run']),
    ...['M01', 'M02', 'M03', 'M04', 'M05', 'M07', 'M08', 'M09', 'M13'].map((m) => ['apply', m, '.', '--dry-run']),
    ['fix', '.', '--dry-run'],
    ['plan', 'import', SEED_COPY, '--dry-run'],
    ['plan', 'render', '--dry-run'],
  ];
  for (const argv of cases) {
    it(argv.filter((a) => a !== SEED_COPY).join(' '), async () => {
      const before = snapshot(repo.dir);
      // A filesystem mtime is coarse on some file systems: wait so a write could not share the old stamp.
      await new Promise((r) => setTimeout(r, 15));
      const r = await runCli(argv, repo.dir);
      assert.ok(r.code <= 1, `${argv.join(' ')}: ${r.stderr}`);
      assert.deepEqual(snapshot(repo.dir), before);
    });
  }
});
