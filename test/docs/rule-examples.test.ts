// Each workflow rule's documented examples behave as documented: `bad` is reported, `good` is not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config } from '../../src/config/config.js';
import { WORKFLOW_RULES } from '../../src/rules/workflow-rules.js';
import { Repository } from '../../src/services/repository.js';
import { checkWorkflows } from '../../src/workflows/check.js';
import { repoWith } from '../helpers/tmp-repo.js';

const indent = (s: string, n: number) => s.split('\n').map((l) => ' '.repeat(n) + l).join('\n');

/** Wraps a documented snippet (steps, a job body, jobs, or a whole workflow) into a workflow. */
function asWorkflow(snippet: string): string {
  if (/^on:/m.test(snippet)) return `${snippet}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
  if (snippet.startsWith('- ')) return `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${indent(snippet, 6)}\n`;
  if (snippet.startsWith('steps:')) return `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n${indent(snippet, 4)}\n`;
  return `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n  lint:\n    runs-on: ubuntu-latest\n    steps: [{run: ruff check .}]\n${indent(snippet, 2)}\n`;
}

async function count(rule: string, snippet: string): Promise<number> {
  const t = repoWith({ '.github/workflows/doc.yml': asWorkflow(snippet) });
  try {
    const r = await checkWorkflows({ repo: Repository.open(t.dir), config: new Config(), only: [rule] });
    return r.findings.filter((f) => f.ruleId === rule).length;
  } finally {
    t.cleanup();
  }
}

describe('documented examples', () => {
  for (const rule of WORKFLOW_RULES) {
    it(`${rule.meta.id}: the bad example is reported and the good one is not`, async () => {
      assert.ok((await count(rule.meta.id, rule.meta.docs.bad)) > 0, 'bad example reported');
      assert.equal(await count(rule.meta.id, rule.meta.docs.good), 0, 'good example clean');
    });
  }
});
