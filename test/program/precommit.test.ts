import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { hooksFor, mergeConfig, newConfig } from '../../src/precommit/generate.js';
import { pythonRegexError, translatePythonRegex } from '../../src/precommit/python-regex.js';
import { checkPrecommitConfig } from '../../src/precommit/validate.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { runCli } from '../helpers/cli.js';
import { CORPUS, corpusAbsent } from '../helpers/corpus.js';
import { ROOT, repoWith } from '../helpers/tmp-repo.js';
import { lineOf } from './helpers.js';

const check = (text: string) => checkPrecommitConfig(sourceFile('.pre-commit-config.yaml', text));

const BAD = `default_stages: [commit]
exclud: ^vendor/
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: main
    hooks:
      - id: check-yaml
        exlude: ^third_party/
        stages: [push, pre-commit, bogus]
      - id: trailing-whitespace
        files: "*.py"
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.16.4
    hooks:
      - id: ruff-check
        args: --fix
  - repo: https://github.com/example/no-rev
    hooks:
      - id: x
  - repo: local
    hooks:
      - id: lintrunner
        name: lintrunner
        entry: lintrunner
        language: sytem
        pass_filenames: "no"
ci:
  autoupdate_schedule: daily
  skip: [lintrunner, ruff-chek]
`;

describe('check-precommit', () => {
  const findings = check(BAD);
  const at = (needle: string) => findings.filter((f) => f.line === lineOf(BAD, needle)).map((f) => `${f.ruleId}: ${f.message}`);

  it('reports unknown keys at every level, the hook-level typo pre-commit ignores included, with a suggestion', () => {
    assert.match(at('exclud:')[0]!, /precommit-unknown-key: unknown top-level key 'exclud' \(did you mean 'exclude'\?\)/);
    assert.match(at('exlude:')[0]!, /precommit-unknown-key: unknown hook check-yaml key 'exlude' \(did you mean 'exclude'\?\): pre-commit ignores it silently/);
  });

  it('reports mutable revs: a branch at medium, a tag at low', () => {
    const branch = findings.find((f) => f.line === lineOf(BAD, 'rev: main'))!;
    assert.equal(branch.ruleId, 'precommit-mutable-rev');
    assert.equal(branch.severity, 'medium');
    assert.equal(findings.find((f) => f.line === lineOf(BAD, 'rev: v0.16.4'))!.severity, 'low');
  });

  it('reports legacy and unknown stage names', () => {
    assert.ok(at('default_stages').some((m) => /legacy-stage: top-level stage 'commit' is a legacy name: use 'pre-commit'/.test(m)));
    assert.ok(at('stages: [push').some((m) => /legacy-stage: .*'push'.*'pre-push'/.test(m)));
    assert.ok(at('stages: [push').some((m) => /invalid-value: .*stage 'bogus' is unknown/.test(m)));
  });

  it('reports a regex that does not compile as Python would read it', () => {
    assert.ok(at('files: "*.py"').some((m) => /precommit-invalid-regex: hook trailing-whitespace `files` is not a valid regex/.test(m)));
  });

  it('reports wrong types, a missing rev, an unknown language and ci values', () => {
    assert.ok(at('args: --fix').some((m) => /`args` of hook ruff-check must be a list of strings/.test(m)));
    assert.ok(at('repo: https://github.com/example/no-rev').some((m) => /has no `rev`/.test(m)));
    assert.ok(at('language: sytem').some((m) => /unknown language 'sytem' \(did you mean 'system'\?\)/.test(m)));
    assert.ok(at('pass_filenames').some((m) => /must be true or false/.test(m)));
    assert.ok(at('autoupdate_schedule').some((m) => /'daily' is not one of weekly, monthly, quarterly/.test(m)));
    assert.ok(at('skip:').some((m) => /ci.skip names 'ruff-chek', which is no hook id .*did you mean 'ruff-check'/.test(m)));
    assert.ok(!at('skip:').some((m) => /'lintrunner'/.test(m)));
  });

  it('translates (?x), (?P<name>), (?P=name) and \\Z before compiling', () => {
    const verbose = '(?x)^(\n    examples/k8s/svc-acct\\.yaml |   # a comment\n    ci/k8s/indexed-job\\.yaml\n)$';
    assert.equal(pythonRegexError(verbose), undefined);
    const t = translatePythonRegex(verbose);
    assert.ok(new RegExp(t.source, t.flags).test('ci/k8s/indexed-job.yaml'));
    assert.ok(!new RegExp(t.source, t.flags).test('ci/k8s/other.yaml'));
    assert.equal(pythonRegexError('^(?P<dir>docs)/(?P=dir)\\Z'), undefined);
    assert.ok(new RegExp(translatePythonRegex('(?i)^README').source, translatePythonRegex('(?i)^README').flags).test('readme.md'));
    assert.match(pythonRegexError('(unclosed')!, /Unterminated group/);
  });

  it('keeps escapes: \\A is an anchor only unescaped, and is not ^ (which would match at every line under (?m))', () => {
    const re = (p: string) => new RegExp(translatePythonRegex(p).source, translatePythonRegex(p).flags);
    assert.ok(re('\\\\A').test('x\\A'), 'an escaped backslash then A is literal');
    assert.ok(!re('\\\\A').test('x'));
    assert.ok(!re('(?m)\\Afoo').test('bar\nfoo'), '\\A matches only at the start');
    assert.ok(re('(?m)\\Afoo').test('foo\nbar'));
    assert.ok(re('[]a]+').test(']'), 'a ] first in a class is a member');
  });

  it('accepts Python 3.11 syntax: scoped flags, atomic groups, possessive quantifiers; a global flag mid-pattern stays an error', () => {
    for (const p of ['(?i:readme)\\.md$', '(?-i:X)y', '(?>ab|a)c', 'a*+b', 'a++', 'x{1,3}+', '\\.py?+$']) assert.equal(pythonRegexError(p), undefined, p);
    assert.ok(pythonRegexError('a(?i)b'), 'Python 3.11 rejects global flags not at the start');
    assert.ok(pythonRegexError('*+'));
  });

  it('accepts what it generates, for every kind of repository content', () => {
    for (const [files, ids] of [
      [
        ['a.py', 'b/c.cc', '.clang-format', 'k.yaml', '.github/workflows/ci.yml'],
        ['trailing-whitespace', 'end-of-file-fixer', 'check-yaml', 'ruff-check', 'ruff-format', 'clang-format', 'actionlint'],
      ],
      // lintrunner runs the repository's Python and C++ linters itself.
      [
        ['a.py', 'b/c.cc', '.clang-format', 'k.yaml', '.github/workflows/ci.yml', '.lintrunner.toml'],
        ['trailing-whitespace', 'end-of-file-fixer', 'check-yaml', 'lintrunner', 'actionlint'],
      ],
    ] as const) {
      const text = newConfig(hooksFor(files));
      assert.deepEqual(check(text), []);
      const parsed = parse(text) as { repos: { repo: string; rev?: string; hooks: { id: string }[] }[] };
      assert.deepEqual(
        parsed.repos.flatMap((r) => r.hooks.map((h) => h.id)),
        ids,
      );
      for (const r of parsed.repos) if (r.repo !== 'local') assert.match(r.rev!, /^[0-9a-f]{40}$/);
    }
    assert.deepEqual(
      hooksFor(['README.md']).flatMap((s) => s.hooks.map((h) => h.id)),
      ['trailing-whitespace', 'end-of-file-fixer'],
    );
  });

  it('merging into an existing config keeps every byte and adds only missing hooks', () => {
    const existing =
      '# mine\nrepos:\n- repo: https://github.com/pre-commit/pre-commit-hooks\n  rev: v4.4.0\n  hooks:\n  - id: trailing-whitespace\n# trailing comment\n';
    const merged = mergeConfig(sourceFile('x', existing), hooksFor(['a.py']));
    assert.ok(merged.text.startsWith(existing.slice(0, existing.indexOf('# trailing'))));
    assert.ok(merged.text.includes('# trailing comment'));
    assert.deepEqual(merged.added, ['end-of-file-fixer', 'ruff-check', 'ruff-format']);
    assert.match(merged.text, /^- repo: https:\/\/github.com\/astral-sh\/ruff-pre-commit$/m);
    assert.deepEqual(
      check(merged.text).filter((f) => f.severity !== 'low'),
      [],
    );
    assert.equal(mergeConfig(sourceFile('x', merged.text), hooksFor(['a.py'])).added.length, 0);
  });

  it('exit codes through the CLI: 1 on findings at --fail-on, 0 on a clean file, 2 on a missing file', async () => {
    const t = repoWith({ 'bad.yaml': BAD, 'good.yaml': newConfig(hooksFor(['a.py'])) });
    try {
      assert.equal((await runCli(['check-precommit', 'bad.yaml'], t.dir)).code, 1);
      assert.equal((await runCli(['check-precommit', 'good.yaml', '--fail-on', 'low'], t.dir)).code, 0);
      assert.equal((await runCli(['check-precommit', 'missing.yaml'], t.dir)).code, 2);
      const sarif = JSON.parse((await runCli(['check-precommit', 'bad.yaml', '--format', 'sarif'], t.dir)).stdout);
      assert.ok(sarif.runs[0].results.length >= 10);
    } finally {
      t.cleanup();
    }
  });

  it('groundwork init pre-commit and init actionlint write the files through the init command', async () => {
    const t = repoWith({ 'a.py': 'x = 1\n', '.lintrunner.toml': '[[linter]]\n', '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    try {
      const dry = await runCli(['init', 'pre-commit', t.dir, '--dry-run'], t.dir);
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /^--- \.pre-commit-config\.yaml$/m);
      assert.match(dry.stdout, /- repo: local\n {4}hooks:\n {6}- id: lintrunner/);
      assert.ok(!existsSync(join(t.dir, '.pre-commit-config.yaml')));
      assert.equal((await runCli(['init', 'pre-commit', t.dir, '-q'], t.dir)).code, 0);
      assert.deepEqual(check(readFileSync(join(t.dir, '.pre-commit-config.yaml'), 'utf8')), []);
      assert.equal((await runCli(['init', 'actionlint', t.dir, '-q'], t.dir)).code, 0);
      for (const f of ['.github/workflows/actionlint.yml', '.github/actionlint-matcher.json']) assert.ok(existsSync(join(t.dir, f)), f);
      assert.equal((readFileSync(join(t.dir, '.pre-commit-config.yaml'), 'utf8').match(/id: actionlint\n/g) ?? []).length, 1);
      assert.match(readFileSync(join(t.dir, 'CONTRIBUTING.md'), 'utf8'), /pre-commit install/);
    } finally {
      t.cleanup();
    }
  });

  it("the tool's own .pre-commit-hooks.yaml is a valid hook manifest", () => {
    const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    assert.ok(manifest.length >= 3);
    for (const hook of manifest) {
      for (const k of ['id', 'name', 'entry', 'language']) assert.equal(typeof hook[k], 'string', `${String(hook.id)}.${k}`);
      assert.equal(hook.language, 'node');
      assert.match(String(hook.entry), /^groundwork /);
      if (hook.files) assert.equal(pythonRegexError(String(hook.files)), undefined);
    }
  });

  it("real configurations of the corpus: no crash, and jax's (?x) exclude is not reported", { skip: corpusAbsent() }, () => {
    for (const name of ['jax-ml+jax', 'pytorch+pytorch', 'pybind+pybind11', 'apache+arrow', 'onnx+onnx', 'pytorch+ao']) {
      const path = join(CORPUS, name, '.pre-commit-config.yaml');
      if (!existsSync(path)) continue;
      const f = check(readFileSync(path, 'utf8'));
      assert.ok(!f.some((x) => x.ruleId === 'precommit-invalid-regex'), `${name}: ${JSON.stringify(f.filter((x) => x.ruleId === 'precommit-invalid-regex'))}`);
      assert.ok(!f.some((x) => x.ruleId === 'yaml-syntax'), name);
    }
  });
});
