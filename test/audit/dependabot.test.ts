import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDependabot } from '../../src/pin/dependabot-check.js';
import { Repository } from '../../src/services/repository.js';
import { runCli } from '../helpers/cli.js';
import { repoWith } from '../helpers/tmp-repo.js';

const WF = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
const ACTION = 'name: a\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-python@v5\n';

describe('dependabot coverage (M07 check)', () => {
  it('reports a missing file, a missing github-actions entry, and uncovered composite actions', () => {
    const none = repoWith({ '.github/workflows/ci.yml': WF });
    const pipOnly = repoWith({
      '.github/workflows/ci.yml': WF,
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule: {interval: weekly}\n',
    });
    const rootOnly = repoWith({
      '.github/workflows/ci.yml': WF,
      '.github/actions/setup/action.yml': ACTION,
      'tools/act/action.yml': ACTION,
      '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule: {interval: weekly}\n',
    });
    try {
      assert.match(checkDependabot(Repository.open(none.dir))[0]!.message, /no \.github\/dependabot\.yml/);
      assert.match(checkDependabot(Repository.open(pipOnly.dir))[0]!.message, /no github-actions entry/);
      const f = checkDependabot(Repository.open(rootOnly.dir));
      assert.equal(f.length, 1);
      assert.match(f[0]!.message, /does not cover \/\.github\/actions\/\*, \/tools\/act/);
      assert.equal(f[0]!.line, 3);
    } finally {
      none.cleanup();
      pipOnly.cleanup();
      rootOnly.cleanup();
    }
  });

  it('is satisfied by what `groundwork init dependabot` writes', async () => {
    const t = repoWith({ '.github/workflows/ci.yml': WF, '.github/actions/setup/action.yml': ACTION });
    try {
      assert.equal(checkDependabot(Repository.open(t.dir)).length, 1);
      assert.equal((await runCli(['init', 'dependabot', t.dir, '--quiet'])).code, 0);
      assert.deepEqual(checkDependabot(Repository.open(t.dir)), []);
    } finally {
      t.cleanup();
    }
  });
});
