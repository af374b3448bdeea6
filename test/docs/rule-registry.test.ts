// One registry of rule metadata, keyed by the typed RuleId (issue 14): every rule file is in it under
// its own id, the capabilities' own lists are the registry's entries, and no dead option parsing stays.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PIN_RULES } from '../../src/pin/rules.js';
import { ALL_RULES, isRuleId, RULES } from '../../src/rules/index.js';
import { WORKFLOW_RULES } from '../../src/rules/workflow-rules.js';
import { runCli } from '../helpers/cli.js';
import { repoWith, ROOT } from '../helpers/tmp-repo.js';

describe('rule registry', () => {
  it('every key is its rule id, and ids are unique', () => {
    for (const [key, meta] of Object.entries(RULES)) assert.equal(meta.id, key);
    assert.equal(new Set(ALL_RULES.map((r) => r.id)).size, ALL_RULES.length);
  });

  it('every rule file under src/rules is registered; the workflow and pin lists are the registry entries', () => {
    const dir = join(ROOT, 'src/rules');
    const files = readdirSync(dir).filter(
      (f) => f.endsWith('.ts') && /export const \w+: (RuleMeta|WorkflowRule) = \{/.test(readFileSync(join(dir, f), 'utf8')),
    );
    const unregistered = files.map((f) => f.replace(/\.ts$/, '')).filter((id) => !isRuleId(id));
    assert.deepEqual(unregistered, []);
    for (const r of WORKFLOW_RULES) assert.equal(RULES[r.meta.id as keyof typeof RULES], r.meta, r.meta.id);
    for (const r of PIN_RULES) assert.equal(RULES[r.id as keyof typeof RULES], r, r.id);
  });

  it('the dead Rule/RuleContext types and rules.<id>.options are gone: options is an unknown key', async () => {
    assert.doesNotMatch(readFileSync(join(ROOT, 'src/core/rule.ts'), 'utf8'), /interface Rule</);
    const t = repoWith({ 'groundwork.yml': 'rules:\n  masked-exit-status:\n    severity: low\n    options: { x: 1 }\n' });
    try {
      const r = await runCli(['check', t.dir]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /groundwork\.yml:4: .*options/);
    } finally {
      t.cleanup();
    }
  });
});
