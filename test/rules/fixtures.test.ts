// Fixture-driven rule tests in actionlint's shape: err/<case>.yml + <case>.out (expected
// `line:column rule severity`), ok/*.yml (no finding from any workflow rule), fix/<case>.yml +
// <case>.fixed.yml (the exact result of `fix`, which a second run must leave alone).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Config } from '../../src/config/config.js';
import { WORKFLOW_RULES } from '../../src/rules/workflow-rules.js';
import { Repository } from '../../src/services/repository.js';
import { checkWorkflows } from '../../src/workflows/check.js';
import { fixWorkflows } from '../../src/workflows/fix.js';
import { copyTree, FIXTURES, tempDir } from '../helpers/tmp-repo.js';

const RULES_DIR = join(FIXTURES, 'rules');

/** Puts a single-file fixture at .github/workflows/<name>, or copies a directory fixture as the repo. */
function materialise(source: string): { repo: Repository; file: string; cleanup: () => void } {
  const t = tempDir('gw-rule-');
  let file = '';
  if (statSync(source).isDirectory()) copyTree(source, t.dir);
  else {
    const name = source
      .split('/')
      .pop()!
      .replace(/\.fixed\.yml$/, '.yml');
    file = name.endsWith('.action.yml') ? '.github/actions/a/action.yml' : `.github/workflows/${name}`;
    mkdirSync(join(t.dir, file, '..'), { recursive: true });
    writeFileSync(join(t.dir, file), readFileSync(source));
  }
  return { repo: Repository.open(t.dir), file, cleanup: t.cleanup };
}

function cases(rule: string, kind: 'ok' | 'err' | 'fix'): string[] {
  const dir = join(RULES_DIR, rule, kind);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => !n.endsWith('.out') && !n.endsWith('.fixed.yml'))
        .sort()
    : [];
}

for (const rule of readdirSync(RULES_DIR).sort()) {
  describe(`rule ${rule}`, () => {
    it('has a rule implementation of that id', () => {
      assert.ok(
        WORKFLOW_RULES.some((r) => r.meta.id === rule),
        `no workflow rule named ${rule}`,
      );
    });
    for (const c of cases(rule, 'err')) {
      it(`reports err/${c}`, async () => {
        const { repo, file, cleanup } = materialise(join(RULES_DIR, rule, 'err', c));
        try {
          const result = await checkWorkflows({ repo, config: new Config(), only: [rule] });
          const got = result.findings.map((f) => `${f.file === file ? '' : `${f.file}:`}${f.line}:${f.column} ${f.ruleId} ${f.severity}`);
          const expected = readFileSync(join(RULES_DIR, rule, 'err', `${c.replace(/\.yml$/, '')}.out`), 'utf8')
            .trim()
            .split('\n');
          assert.deepEqual(got, expected);
          for (const f of result.findings) {
            assert.ok(f.message.length > 20, 'message explains the finding');
            assert.ok(f.help.includes('Fix:'), 'help says how to fix');
          }
        } finally {
          cleanup();
        }
      });
    }
    for (const c of cases(rule, 'ok')) {
      it(`finds nothing in ok/${c}`, async () => {
        const { repo, cleanup } = materialise(join(RULES_DIR, rule, 'ok', c));
        try {
          const result = await checkWorkflows({ repo, config: new Config() });
          assert.deepEqual(
            result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}: ${f.message}`),
            [],
          );
        } finally {
          cleanup();
        }
      });
    }
    for (const c of cases(rule, 'fix')) {
      it(`fixes fix/${c} exactly and idempotently`, async () => {
        const { repo, file, cleanup } = materialise(join(RULES_DIR, rule, 'fix', c));
        try {
          const first = await fixWorkflows({ repo, config: new Config(), only: [rule] });
          const expected = readFileSync(join(RULES_DIR, rule, 'fix', c.replace(/\.yml$/, '.fixed.yml')), 'utf8');
          assert.equal(readFileSync(join(repo.root, file), 'utf8'), expected);
          assert.ok(first.changes.length === 1);
          const again = await fixWorkflows({ repo: Repository.open(repo.root), config: new Config(), only: [rule] });
          assert.equal(again.changes.length, 0, 'a second run changes nothing');
        } finally {
          cleanup();
        }
      });
    }
  });
}
