import { atOrAbove } from '../core/engine.js';
import { gitSync } from '../services/git.js';
import type { Repository } from '../services/repository.js';
import type { InitGenerator } from '../init/generator.js';
import { actionlintHook, mergeConfig, newConfig } from '../precommit/generate.js';
import { sourceFile } from '../sources/source-file.js';
import { ACTIONLINT_MATCHER, ACTIONLINT_WORKFLOW, actionlintWorkflow, MATCHER_JSON } from './m05-templates.js';
import { parse } from 'yaml';
import { isWorkflowPath } from '../sources/workflow.js';
import { schemaProblems } from '../workflows/schema-check.js';
import { repositoryPins } from './action-pins.js';
import { PINS } from './known-pins.js';
import { ACTIONLINT_CONFIGS, actionlintConfig } from './m05-config.js';
import { runnerLabels } from './m05-runner-labels.js';
import type { Recipe, VerifyCheck } from './recipe.js';
import { changeTo, noWorkflows, readText, verdict } from './recipe.js';
import { workflowCheck } from './workflow-check.js';

const PRECOMMIT = '.pre-commit-config.yaml';
const PINNED_USES = /^\s*-?\s*uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/;

function defaultBranch(repo: Repository): string {
  if (!repo.isGit) return 'main';
  try {
    return gitSync(['symbolic-ref', '--short', 'HEAD'], { cwd: repo.root, timeoutMs: 5000 }).trim() || 'main';
  } catch {
    return 'main';
  }
}

/** The workflow, its problem matcher, the runner labels for actionlint, and actionlint's pre-commit hook merged into the config. */
export function actionlintFiles(repo: Repository): { path: string; content: string }[] {
  const existing = readText(repo, PRECOMMIT);
  const precommit = existing === undefined ? newConfig([actionlintHook()]) : mergeConfig(sourceFile(PRECOMMIT, existing), [actionlintHook()]).text;
  const files = [
    { path: ACTIONLINT_WORKFLOW, content: actionlintWorkflow(defaultBranch(repo), repositoryPins(repo)('actions/checkout', PINS.checkout)) },
    { path: ACTIONLINT_MATCHER, content: MATCHER_JSON },
  ];
  const configPath = ACTIONLINT_CONFIGS.find((p) => readText(repo, p) !== undefined) ?? ACTIONLINT_CONFIGS[0]!;
  const config = actionlintConfig(
    readText(repo, configPath),
    runnerLabels(repo).selfHosted.map((u) => u.label),
    configPath,
  );
  if (config !== undefined) files.push({ path: configPath, content: config });
  return [...files, { path: PRECOMMIT, content: precommit }];
}

/**
 * What the first actionlint run will still report on today's tree, as far as groundwork can tell
 * offline: retired runner images (a job on one never starts) and what GitHub's own workflow parser
 * rejects. Everything else it would report is a real error too; these are the certain ones.
 */
export function firstRunErrors(repo: Repository): string[] {
  const out = runnerLabels(repo).retired.map((u) => `${u.file}:${u.line}: runner label "${u.label}" is a retired GitHub-hosted image: the job never starts`);
  for (const path of repo.files().filter(isWorkflowPath).sort()) {
    const text = readText(repo, path);
    if (text === undefined || path === ACTIONLINT_WORKFLOW) continue;
    for (const p of schemaProblems(path, text)) out.push(`${path}:${p.line}: ${p.message}`);
  }
  return out;
}

function labelNotes(repo: Repository): string[] {
  const { selfHosted } = runnerLabels(repo);
  const errors = firstRunErrors(repo);
  return [
    selfHosted.length
      ? `self-hosted runner labels listed for actionlint: ${selfHosted.map((u) => u.label).join(', ')}`
      : 'every runs-on label is a GitHub-hosted image: no actionlint configuration needed',
    errors.length
      ? `the first actionlint run will report ${errors.length} real error(s) on today's tree:\n  ${errors.slice(0, 20).join('\n  ')}${errors.length > 20 ? `\n  … ${errors.length - 20} more` : ''}`
      : "no error groundwork can see for actionlint's first run (retired runner images, GitHub's workflow schema)",
  ];
}

export const actionlintGenerator: InitGenerator = {
  name: 'actionlint',
  summary: 'a workflow running actionlint with pinned actions and a problem matcher, the self-hosted runner labels, plus its pre-commit hook (M05)',
  async generate(repo) {
    return {
      files: actionlintFiles(repo),
      notes: [...labelNotes(repo), 'add the "actionlint" job to the required status checks (branch protection); groundwork cannot do that offline'],
    };
  },
};

/** Every `uses:` line pinned to a 40-hex SHA with an exact `# vX.Y.Z` comment. */
export function unpinnedUses(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /^\s*-?\s*uses:/.test(l) && !PINNED_USES.test(l))
    .map((l) => l.trim());
}

/** A required check must start on every pull request: no `paths:` / `paths-ignore:` under its triggers. */
function pathsFilterCheck(wf: string): VerifyCheck {
  let filtered: string[] = [];
  try {
    const on = (parse(wf) as { on?: Record<string, unknown> } | null)?.on;
    if (on && typeof on === 'object')
      filtered = Object.entries(on)
        .filter(([, v]) => v && typeof v === 'object' && ('paths' in v || 'paths-ignore' in v))
        .map(([k]) => k);
  } catch {
    filtered = ['(not valid YAML)'];
  }
  return {
    name: 'runs on every pull request (no paths: filter on a required check)',
    passed: filtered.length === 0,
    detail: filtered.length ? `filtered: ${filtered.join(', ')}` : undefined,
  };
}

/** Every self-hosted label of `runs-on` is in actionlint's configuration, so the first run does not fail on it. */
function labelsCheck(repo: Repository): VerifyCheck {
  const labels = runnerLabels(repo).selfHosted.map((u) => u.label);
  const text = ACTIONLINT_CONFIGS.map((p) => readText(repo, p)).find((t) => t !== undefined);
  let listed = new Set<string>();
  try {
    const cfg = text === undefined ? undefined : (parse(text) as { 'self-hosted-runner'?: { labels?: unknown[] } } | null);
    listed = new Set((cfg?.['self-hosted-runner']?.labels ?? []).map(String));
  } catch {
    // an unreadable configuration lists nothing
  }
  const missing = labels.filter((l) => !listed.has(l));
  return {
    name: 'self-hosted runner labels are listed in .github/actionlint.yaml',
    passed: missing.length === 0,
    detail: missing.length ? `missing ${missing.join(', ')}` : labels.length ? `${labels.length} label(s)` : undefined,
  };
}

export const m05: Recipe = {
  id: 'M05',
  title: 'actionlint in CI',
  deliverables: [ACTIONLINT_WORKFLOW, ACTIONLINT_MATCHER],
  async notApplicable(ctx) {
    return noWorkflows(ctx);
  },
  async apply(ctx) {
    return {
      changes: actionlintFiles(ctx.repo).flatMap((f) => changeTo(ctx.repo, f.path, f.content)),
      notes: [...labelNotes(ctx.repo), 'make "actionlint" a required status check, then attest it in refactor/plan.yml'],
    };
  },
  // The seed's "a PR with a YAML error is blocked" needs CI and branch protection; offline, the
  // workflow must exist, run actionlint from a pinned release, annotate through the matcher, and
  // not be able to fail silently itself.
  async verify(ctx) {
    const wf = readText(ctx.repo, ACTIONLINT_WORKFLOW);
    const checks: VerifyCheck[] = [{ name: `${ACTIONLINT_WORKFLOW} exists`, passed: wf !== undefined }];
    if (wf !== undefined) {
      const unpinned = unpinnedUses(wf);
      const urls = [...wf.matchAll(/https:\/\/raw\.githubusercontent\.com\/\S+?\/([^/\s]+)\/scripts\//g)].map((m) => m[1]!);
      checks.push(
        {
          name: 'runs actionlint',
          passed:
            /actionlint/.test(
              wf
                .split('\n')
                .filter((l) => !l.trim().startsWith('#'))
                .join('\n'),
            ) && /executable|actionlint\s+-/.test(wf),
        },
        { name: 'every uses: is pinned to a SHA with a version comment', passed: unpinned.length === 0, detail: unpinned.join('; ') || undefined },
        {
          name: 'the actionlint download is pinned to a commit',
          passed: urls.length > 0 && urls.every((u) => /^[0-9a-f]{40}$/.test(u)),
          detail: urls.join(', ') || 'no pinned download URL',
        },
        {
          name: 'problem matcher registered',
          passed: wf.includes(`::add-matcher::${ACTIONLINT_MATCHER}`) && /"owner": "actionlint"/.test(readText(ctx.repo, ACTIONLINT_MATCHER) ?? ''),
        },
        pathsFilterCheck(wf),
        labelsCheck(ctx.repo),
      );
      const own = atOrAbove((await workflowCheck(ctx)).findings, 'medium').filter((f) => f.file === ACTIONLINT_WORKFLOW);
      checks.push({
        name: 'the workflow cannot fail silently (groundwork check)',
        passed: own.length === 0,
        detail: own.length ? `${own.length} finding(s)` : undefined,
      });
    }
    return verdict(checks, ['"actionlint" is a required status check (branch protection)']);
  },
};
