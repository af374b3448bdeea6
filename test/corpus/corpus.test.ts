// Over the whole shared corpus: no crash, every file analysed or reported, `fix` leaves nothing
// fixable, a second `fix` changes nothing, and each diff touches only the steps of fixed findings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config } from '../../src/config/config.js';
import { isFixable } from '../../src/core/fixable.js';
import { Repository } from '../../src/services/repository.js';
import { checkWorkflows, workflowFiles } from '../../src/workflows/check.js';
import { fixWorkflows } from '../../src/workflows/fix.js';
import { corpusAbsent, corpusCopy, corpusRepos, realworldDataset } from '../helpers/corpus.js';
import { touchedLines } from '../helpers/touched-lines.js';

const skip = corpusAbsent();

async function roundTrip(dir: string) {
  const repo = Repository.open(dir);
  const config = new Config();
  const files = workflowFiles(repo, config);
  const before = await checkWorkflows({ repo, config, schema: true });
  const analysedOrReported = new Set([
    ...before.analysed,
    ...before.findings.filter((f) => f.ruleId === 'invalid-input' || f.ruleId === 'yaml-syntax').map((f) => f.file),
  ]);
  assert.deepEqual([...analysedOrReported].sort(), [...files].sort(), 'every file is analysed or reported');

  const fixed = await fixWorkflows({ repo, config });
  for (const c of fixed.changes) {
    const allowed = new Set<number>();
    for (const f of c.applied) for (let l = (f.scopeLine ?? f.line) - 1; l <= Math.max(f.endLine, f.scopeEndLine ?? 0) + 1; l++) allowed.add(l);
    const stray = touchedLines(c).filter((l) => !allowed.has(l));
    assert.deepEqual(stray, [], `${c.path}: the diff touches only lines of fixed findings`);
  }
  const after = await checkWorkflows({ repo: Repository.open(dir), config });
  const stillFixable = after.findings.filter(isFixable);
  assert.deepEqual(
    stillFixable.map((f) => `${f.file}:${f.line} ${f.ruleId}`),
    [],
    'nothing fixable remains',
  );
  const again = await fixWorkflows({ repo: Repository.open(dir), config });
  assert.equal(again.changes.length, 0, 'a second fix changes nothing');
  return { files: files.length, findings: before.findings.length, changed: fixed.changes.length, rejected: fixed.rejected.length };
}

describe('corpus', { skip }, () => {
  for (const name of skip ? [] : corpusRepos()) {
    it(`${name}: check, fix, re-check`, async () => {
      const t = corpusCopy(name);
      try {
        const r = await roundTrip(t.dir);
        assert.ok(r.files > 0);
        assert.equal(r.rejected, 0, 'no fix produced unparsable YAML');
      } finally {
        t.cleanup();
      }
    });
  }

  it('actionlint real-world dataset (1,503 workflows): check, fix, re-check', async () => {
    const t = realworldDataset();
    try {
      const r = await roundTrip(t.dir);
      assert.equal(r.files, 1503);
      assert.ok(r.findings > 100);
    } finally {
      t.cleanup();
    }
  });
});
