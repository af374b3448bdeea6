// Jinja templates: set variables and literal uses: lines are pinned; generated workflows are
// compared with their template (the regeneration check PyTorch's lint runs).
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanTemplate } from '../../src/pin/template-scan.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { runCli } from './helpers/cli.js';
import { unexpectedChanges } from './helpers/line-diff.js';
import { fixtureRepo } from './helpers/remotes.js';
import { buildScenario, type Scenario } from './helpers/scenario.js';

let s: Scenario;
const cleanup: string[] = [];
before(() => {
  s = buildScenario();
});
after(() => {
  s.host.dispose();
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

describe('template scan', () => {
  it('finds set variables, literal uses and !{{ }} uses, and ends a ref at a quote, # or space', () => {
    const refs = scanTemplate(
      sourceFile(
        '.github/templates/x.yml.j2',
        '{%- set a = "actions/upload-artifact@v3" -%}\n{%- set n = 240 -%}\n      - uses: !{{ common.a }}\n      - uses: "acme/x@v1"# c\n        with:\n          uses: not/this@v1 is text\n',
      ),
    );
    assert.deepEqual(
      refs.map((r) => `${r.site} ${r.value}`),
      ['template-set actions/upload-artifact@v3', 'template-expression !{{ common.a }}', 'template-uses acme/x@v1', 'template-uses not/this@v1'],
    );
    // A line scan cannot know that the last one sits in a with: block; the YAML walk of workflows does.
    assert.equal(refs[3]!.commentAt, undefined, 'text after the value: no comment may be added');
  });
});

describe('groundwork pin on templates', () => {
  it('pins the set string (comment inside the quotes) and literal uses:, and keeps generated workflows in step', async () => {
    const dir = fixtureRepo('basic');
    cleanup.push(dir);
    const before = { common: read(dir, '.github/templates/common.yml.j2'), linux: read(dir, '.github/templates/linux.yml.j2') };
    await runCli(['pin', dir, '--git-base', s.host.base, '--cache-dir', join(dir, '.git', 'c')], dir);
    const common = read(dir, '.github/templates/common.yml.j2');
    const linux = read(dir, '.github/templates/linux.yml.j2');
    assert.ok(common.startsWith(`{%- set upload_artifact_action = "actions/checkout@${s.sha.co2} # v4.2.2" -%}\n`), common);
    assert.ok(common.includes(`        uses: acme/nested@${s.sha.n1} # v2.0.0\n`));
    assert.ok(linux.includes('      - uses: !{{ common.upload_artifact_action }}\n'), 'the expression stays');
    assert.ok(linux.includes(`      - uses: acme/moving@${s.sha.m2} # v1.2.0\n`));
    assert.deepEqual(unexpectedChanges(before.common, common), []);
    assert.deepEqual(unexpectedChanges(before.linux, linux), []);
    const check = await runCli(['pin', dir, '--check', '--format', 'json'], dir);
    const ids = (JSON.parse(check.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId);
    assert.ok(!ids.includes('template-pin-drift'), ids.join());
  });

  it('reports a generated workflow whose pin differs from its template', async () => {
    const dir = fixtureRepo('basic');
    cleanup.push(dir);
    await runCli(['pin', dir, '--git-base', s.host.base, '--cache-dir', join(dir, '.git', 'c')], dir);
    const gen = '.github/workflows/generated-linux.yml';
    writeFileSync(join(dir, gen), read(dir, gen).replace(`acme/moving@${s.sha.m2} # v1.2.0`, `acme/moving@${s.sha.m1} # v1.1.0`));
    const check = await runCli(['pin', dir, '--check', '--format', 'json'], dir);
    const drift = (JSON.parse(check.stdout).findings as { ruleId: string; file: string; line: number; message: string }[]).filter(
      (f) => f.ruleId === 'template-pin-drift',
    );
    assert.equal(drift.length, 1);
    assert.equal(drift[0]!.file, gen);
    assert.equal(drift[0]!.line, 14);
    assert.match(drift[0]!.message, /differs from its template \.github\/templates\/linux\.yml\.j2/);
    assert.equal(check.code, 1);
  });
});
