// M07: groundwork init dependabot writes or merges .github/dependabot.yml.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from './helpers/cli.js';
import { workRepo } from './helpers/remotes.js';

const cleanup: string[] = [];
after(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});
function repo(files: Record<string, string>): string {
  const dir = workRepo(files);
  cleanup.push(dir);
  return dir;
}
const ACTION = 'name: a\nruns:\n  using: composite\n  steps: []\n';

describe('groundwork init dependabot', () => {
  it('writes a github-actions entry covering composite actions, grouped, with a cooldown and a schedule', async () => {
    const dir = repo({ '.github/workflows/ci.yml': 'on: push\n', '.github/actions/setup/action.yml': ACTION, 'tools/lint/action.yaml': ACTION });
    const r = await runCli(['init', 'dependabot', dir], dir);
    assert.equal(r.code, 0, r.stderr);
    const cfg = parse(readFileSync(join(dir, '.github/dependabot.yml'), 'utf8'));
    assert.equal(cfg.version, 2);
    const entry = cfg.updates[0];
    assert.equal(entry['package-ecosystem'], 'github-actions');
    assert.deepEqual(entry.directories, ['/', '/.github/actions/*', '/tools/lint']);
    assert.equal(entry.schedule.interval, 'weekly');
    assert.equal(entry.cooldown['default-days'], 7);
    assert.deepEqual(entry.groups['github-actions'].patterns, ['*']);
  });

  it('only / when there is no local action', async () => {
    const dir = repo({ '.github/workflows/ci.yml': 'on: push\n' });
    await runCli(['init', 'dependabot', dir], dir);
    assert.deepEqual(parse(readFileSync(join(dir, '.github/dependabot.yml'), 'utf8')).updates[0].directories, ['/']);
  });

  it('merges into an existing file without losing other ecosystems or comments', async () => {
    const existing = [
      '# Our bots. Keep pip weekly.',
      'version: 2',
      'updates:',
      '  - package-ecosystem: pip # python deps',
      '    directory: "/"',
      '    schedule:',
      '      interval: daily',
      '  - package-ecosystem: github-actions',
      '    directory: "/"',
      '    schedule:',
      '      interval: monthly # quiet',
      '',
    ].join('\n');
    const dir = repo({ '.github/dependabot.yml': existing, '.github/actions/x/action.yml': ACTION });
    await runCli(['init', 'dependabot', dir], dir);
    const text = readFileSync(join(dir, '.github/dependabot.yml'), 'utf8');
    assert.match(text, /# Our bots\. Keep pip weekly\./);
    assert.match(text, /package-ecosystem: pip # python deps/);
    assert.match(text, /interval: monthly # quiet/);
    const cfg = parse(text);
    assert.equal(cfg.updates.length, 2);
    assert.equal(cfg.updates[0].schedule.interval, 'daily');
    const gha = cfg.updates[1];
    assert.equal(gha.directory, undefined);
    assert.deepEqual(gha.directories, ['/', '/.github/actions/*']);
    assert.equal(gha.cooldown['default-days'], 7);
    // Merging again changes nothing.
    await runCli(['init', 'dependabot', dir], dir);
    assert.equal(readFileSync(join(dir, '.github/dependabot.yml'), 'utf8'), text);
  });
});
