import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_RULES } from '../../src/rules/index.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/tmp-repo.js';

describe('the demo repository', () => {
  it('`groundwork check examples/demo` shows a finding of every rule check runs', async () => {
    const r = await runCli(['check', join(ROOT, 'examples/demo'), '--format', 'json', '--fail-on', 'info']);
    assert.equal(r.code, 1);
    const seen = new Set(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId));
    const checkRules = ALL_RULES.filter((m) => m.capability === 'workflows' || m.capability === 'input').map((m) => m.id);
    assert.deepEqual(
      checkRules.filter((id) => !seen.has(id)),
      [],
    );
  });
});
