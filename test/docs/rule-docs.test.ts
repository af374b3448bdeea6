import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRuleDocs } from '../../src/docs/rule-docs.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/tmp-repo.js';

describe('rule metadata is the single source', () => {
  it('docs/rules/ matches the metadata (run `npm run docs` after changing a rule)', () => {
    const expected = allRuleDocs(ALL_RULES);
    for (const [path, content] of expected) {
      assert.ok(existsSync(join(ROOT, path)), `${path} is missing`);
      assert.equal(readFileSync(join(ROOT, path), 'utf8'), content, `${path} drifted from the metadata`);
    }
    const onDisk = readdirSync(join(ROOT, 'docs/rules')).map((n) => `docs/rules/${n}`);
    assert.deepEqual(
      onDisk.filter((p) => !expected.has(p)),
      [],
      'no doc page without a rule',
    );
  });

  it('ids are unique kebab-case, and each has a file src/rules/<id>.ts', () => {
    const ids = ALL_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of ALL_RULES) {
      assert.match(r.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      assert.ok(existsSync(join(ROOT, 'src/rules', `${r.id}.ts`)), `src/rules/${r.id}.ts`);
      assert.ok(r.docs.why.length > 40 && r.docs.fix.length > 20, `${r.id} explains why and how`);
    }
  });

  it('`groundwork rules --format json` lists every rule', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    assert.deepEqual(
      JSON.parse(r.stdout)
        .map((x: { id: string }) => x.id)
        .sort(),
      ALL_RULES.map((x) => x.id).sort(),
    );
  });
});
