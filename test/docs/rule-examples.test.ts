// Each rule's documented examples behave as documented: `bad` is reported, `good` is not. Rules whose
// examples cannot run from their text are listed, skipped, with the reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Config } from '../../src/config/config.js';
import { checkDependabot } from '../../src/pin/dependabot-check.js';
import { checkPins } from '../../src/pin/check.js';
import { checkPrecommitConfig } from '../../src/precommit/validate.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { WORKFLOW_RULES } from '../../src/rules/workflow-rules.js';
import { ScanCache } from '../../src/smoke/cache.js';
import { checkImports } from '../../src/smoke/check.js';
import { sourceFile } from '../../src/sources/source-file.js';
import { Repository } from '../../src/services/repository.js';
import { checkWorkflows } from '../../src/workflows/check.js';
import { repoWith } from '../helpers/tmp-repo.js';

const indent = (s: string, n: number) =>
  s
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');

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

// The other capabilities whose examples are snippets of a file: each is placed in a small repository
// and run through the capability's own function. Rules whose examples describe a situation (remote
// state, prose of a seed document, an SBOM row) cannot run from the text; they are listed with why.
const step = (snippet: string) =>
  `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n${indent(snippet.startsWith('- ') ? snippet : `- ${snippet}`, 6)}\n`;

async function inRepo<T>(files: Record<string, string>, body: (repo: Repository) => Promise<T> | T): Promise<T> {
  const t = repoWith(files);
  try {
    return await body(Repository.open(t.dir));
  } finally {
    t.cleanup();
  }
}

const ruleCount = (findings: readonly { ruleId: string }[], rule: string) => findings.filter((f) => f.ruleId === rule).length;

/** A package beside the snippet, so a name it imports exists (or, misspelled, does not). */
const PYTHON_CONTEXT: Record<string, string> = {
  'demo_pkg/__init__.py': '',
  'demo_pkg/config.py': 'DEBUG = False\n',
  'demo_pkg/core.py': 'def compute_total(xs):\n    return sum(xs)\n',
  'torch/__init__.py': '',
  'torch/nn/__init__.py': '',
  'torch/nn/modules/__init__.py': '',
  'torch/nn/modules/linear.py': 'class Linear:\n    pass\n',
  'torch/_C/__init__.pyi': 'def _get_tracing_state() -> None: ...\n',
};

/** A documented pre-commit fragment (a repo's rev, a hook, a hook's key) inside a whole configuration. */
function precommitConfig(snippet: string): string {
  const rev = /^rev:/.test(snippet) ? snippet : 'rev: 3e8a8703264a2f4a69428a0aa4dcb512790b2c8c  # frozen: v6.0.0';
  const hook = /^rev:/.test(snippet) ? '- id: check-yaml' : snippet.startsWith('- ') ? snippet : `- id: check-yaml\n  ${snippet}`;
  return `repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    ${rev}\n    hooks:\n${indent(hook, 6)}\n`;
}

const COUNTERS: Record<string, (rule: string, snippet: string) => Promise<number>> = {
  input: (rule, snippet) =>
    inRepo({ '.github/workflows/doc.yml': rule === 'yaml-syntax' ? `on: push\n${snippet}\n` : step(snippet) }, async (repo) =>
      ruleCount((await checkWorkflows({ repo, config: new Config() })).findings, rule),
    ),
  pinning: (rule, snippet) =>
    rule === 'dependabot-actions-uncovered'
      ? inRepo(
          {
            '.github/dependabot.yml': `${snippet}\n`,
            '.github/workflows/ci.yml': step('- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2'),
            '.github/actions/setup/action.yml':
              'name: s\ndescription: d\nruns:\n  using: composite\n  steps:\n    - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n',
          },
          (repo) => ruleCount(checkDependabot(repo), rule),
        )
      : inRepo({ '.github/workflows/doc.yml': step(snippet) }, (repo) => ruleCount(checkPins(repo, new Config()).findings, rule)),
  smoke: (rule, snippet) => {
    const named = /^# (\S+\.py)\n/.exec(snippet);
    return inRepo({ ...PYTHON_CONTEXT, [named?.[1] ?? 'demo_pkg/use.py']: `${snippet}\n` }, async (repo) =>
      ruleCount((await checkImports({ repo, config: new Config(), cache: ScanCache.disabled() })).findings, rule),
    );
  },
  precommit: async (rule, snippet) => ruleCount(checkPrecommitConfig(sourceFile('.pre-commit-config.yaml', precommitConfig(snippet))), rule),
};

/** Rules whose examples cannot run from their text, and why. */
const CANNOT_RUN: Record<string, string> = {
  'invalid-input': 'the example is a symbolic link out of the repository, not text; test/reliability/reads.test.ts makes one',
  'ambiguous-ref': 'needs a remote where one name is both a branch and a tag (pin --verify); test/pin covers it with real git remotes',
  'branch-ref': 'whether @main is a branch is known only online; test/pin covers it with real git remotes',
  'short-sha': 'offline, `pin --check` reports an abbreviated SHA as unpinned-action; short-sha is decided when `pin` expands it against the remote (test/pin)',
  'impostor-commit': 'needs a remote and a fork commit; test/pin covers it with real git remotes',
  'ref-version-mismatch': 'needs the remote tag to compare the commit with; test/pin covers it',
  'stale-pin': 'needs the remote history; test/pin covers it',
  'tag-moved': 'needs a force-pushed tag on a remote; test/pin covers it',
  'tag-object-pin': 'needs an annotated tag on a remote; test/pin covers it',
  'template-pin-drift': 'needs a template file beside the generated workflow (the example names it in a comment); test/pin/templates.test.ts',
  'unresolved-ref': 'needs the remote to say the repository does not exist; test/pin covers it',
};
for (const [id, why] of [
  ['deps-known-vulnerability', 'an OSV record and a pinned commit'],
  ['deps-not-on-release', 'upstream tags'],
  ['deps-outdated', 'upstream tags'],
  ['deps-stale-pin', 'commit dates of a vendored history'],
  ['deps-vulnerability-triage', 'an OSV record and a submodule that is not checked out'],
  ['sbom-licence-copyleft', 'licence texts of a vendored folder'],
  ['sbom-licence-not-open-source', 'a vendored folder and its licence'],
  ['sbom-licence-review', 'several licence files in a vendored folder'],
  ['sbom-pin-conflict', 'two build files of a repository'],
  ['sbom-licence-unidentified', 'a vendored folder without a licence'],
  ['sbom-version-conflict', 'a vendored folder and a header'],
  ['sbom-version-unknown', 'a vendored folder'],
] as const)
  CANNOT_RUN[id] = `the example describes ${why}, not a file's text; test/sbom and test/deps build such trees`;
for (const r of ALL_RULES)
  if (r.capability === 'plan')
    CANNOT_RUN[r.id] ??= 'the example is a line of a seed document or a ratchet count, not a whole document; test/program runs the rule on whole documents';

describe('documented examples of every capability', () => {
  for (const rule of ALL_RULES) {
    if (rule.capability === 'workflows') continue; // above
    const counter = COUNTERS[rule.capability];
    const why = CANNOT_RUN[rule.id];
    if (why) {
      it(`${rule.id}: the bad example is reported and the good one is not`, { skip: `cannot run from its text: ${why}` }, () => {});
      continue;
    }
    it(`${rule.id}: the bad example is reported and the good one is not`, async () => {
      assert.ok(counter, `no way to run ${rule.capability} examples, and ${rule.id} is not listed as unrunnable`);
      assert.ok((await counter(rule.id, rule.docs.bad)) > 0, 'bad example reported');
      assert.equal(await counter(rule.id, rule.docs.good), 0, 'good example clean');
    });
  }
});
