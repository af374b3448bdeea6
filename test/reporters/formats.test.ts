import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import * as AjvDraft04 from 'ajv-draft-04';

// ajv-draft-04 is CommonJS: its class is the default export's `default`.
const Ajv04 = AjvDraft04.default.default ?? AjvDraft04.default;
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/tmp-repo.js';
import { join } from 'node:path';

const DEMO = join(ROOT, 'examples', 'demo');
const require = createRequire(import.meta.url);

describe('output formats on the demo repository', () => {
  it('sarif validates against the official SARIF 2.1.0 schema, with rule descriptors from metadata', async () => {
    const r = await runCli(['check', DEMO, '--format', 'sarif']);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate({ ...log }), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }), false, 'the schema rejects a run without a tool');
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((d: { id: string }) => d.id);
    for (const res of run.results) {
      assert.equal(ids[res.ruleIndex], res.ruleId);
      assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
    }
    assert.ok(run.tool.driver.rules.every((d: { help: { text: string } }) => d.help.text.includes('Fix:')));
  });

  it('json has exactly the documented keys, in a stable order', async () => {
    const a = await runCli(['check', DEMO, '--format', 'json']);
    const b = await runCli(['check', DEMO, '--format', 'json']);
    assert.equal(a.stdout, b.stdout);
    const doc = JSON.parse(a.stdout);
    assert.deepEqual(Object.keys(doc), ['tool', 'version', 'findings']);
    assert.equal(doc.tool, 'groundwork');
    for (const f of doc.findings) {
      assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'confidence', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'fixable']);
    }
    const keys = doc.findings.map((f: { file: string; line: number; column: number }) => [f.file, f.line, f.column]);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2]));
    assert.deepEqual(keys, sorted);
  });

  it('github prints workflow commands with escaped properties', async () => {
    const r = await runCli(['check', DEMO, '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length > 5);
    for (const l of lines)
      assert.match(l, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=groundwork [a-z-]+ \(\w+\)::[^\n]+$/);
  });

  it('text shows the source line with a caret under the column, and no colour off a TTY', async () => {
    const r = await runCli(['check', DEMO]);
    assert.doesNotMatch(r.stdout, /\x1b\[/);
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => /^\s+\d+:\d+\s+high\s+`ruff check \.` is followed by/.test(l));
    assert.ok(at > 0);
    const col = Number(/^\s+\d+:(\d+)/.exec(lines[at]!)![1]);
    const caret = lines[at + 2]!;
    assert.equal(caret.indexOf('^') - caret.indexOf('|') - 2, col - 1);
    const coloured = await runCli(['check', DEMO], process.cwd(), { FORCE_COLOR: '1' });
    assert.match(coloured.stdout, /\x1b\[31m/);
  });

  it('markdown is the M03 findings document with a summary table and recommendations', async () => {
    const r = await runCli(['check', DEMO, '--format', 'markdown']);
    assert.match(r.stdout, /^# M03 findings/);
    assert.match(r.stdout, /\| Rule \| high \| medium \| low \| info \| Total \| Fixable \|/);
    assert.match(r.stdout, /## Recommendations/);
    assert.match(r.stdout, /`\.github\/workflows\/ci\.yml:29:14`/);
  });
});
