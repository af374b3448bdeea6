import { atOrAbove } from '../core/engine.js';
import { gitSync } from '../services/git.js';
import type { Repository } from '../services/repository.js';
import type { InitGenerator } from '../init/generator.js';
import { actionlintHook, mergeConfig, newConfig } from '../precommit/generate.js';
import { sourceFile } from '../sources/source-file.js';
import { ACTIONLINT_MATCHER, ACTIONLINT_WORKFLOW, actionlintWorkflow, MATCHER_JSON } from './m05-templates.js';
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

/** The workflow, its problem matcher, and actionlint's pre-commit hook merged into the config. */
export function actionlintFiles(repo: Repository): { path: string; content: string }[] {
  const existing = readText(repo, PRECOMMIT);
  const precommit = existing === undefined ? newConfig([actionlintHook()]) : mergeConfig(sourceFile(PRECOMMIT, existing), [actionlintHook()]).text;
  return [
    { path: ACTIONLINT_WORKFLOW, content: actionlintWorkflow(defaultBranch(repo)) },
    { path: ACTIONLINT_MATCHER, content: MATCHER_JSON },
    { path: PRECOMMIT, content: precommit },
  ];
}

export const actionlintGenerator: InitGenerator = {
  name: 'actionlint',
  summary: 'a workflow running actionlint with pinned actions and a problem matcher, plus its pre-commit hook (M05)',
  async generate(repo) {
    return { files: actionlintFiles(repo), notes: ['add the "actionlint" job to the required status checks (branch protection); groundwork cannot do that offline'] };
  },
};

/** Every `uses:` line pinned to a 40-hex SHA with an exact `# vX.Y.Z` comment. */
export function unpinnedUses(text: string): string[] {
  return text.split('\n').filter((l) => /^\s*-?\s*uses:/.test(l) && !PINNED_USES.test(l)).map((l) => l.trim());
}

export const m05: Recipe = {
  id: 'M05',
  title: 'actionlint in CI',
  deliverables: [ACTIONLINT_WORKFLOW, ACTIONLINT_MATCHER],
  async notApplicable(ctx) {
    return noWorkflows(ctx);
  },
  async apply(ctx) {
    return { changes: actionlintFiles(ctx.repo).flatMap((f) => changeTo(ctx.repo, f.path, f.content)), notes: ['make "actionlint" a required status check, then attest it in refactor/plan.yml'] };
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
        { name: 'runs actionlint', passed: /actionlint/.test(wf.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n')) && /executable|actionlint\s+-/.test(wf) },
        { name: 'every uses: is pinned to a SHA with a version comment', passed: unpinned.length === 0, detail: unpinned.join('; ') || undefined },
        { name: 'the actionlint download is pinned to a commit', passed: urls.length > 0 && urls.every((u) => /^[0-9a-f]{40}$/.test(u)), detail: urls.join(', ') || 'no pinned download URL' },
        { name: 'problem matcher registered', passed: wf.includes(`::add-matcher::${ACTIONLINT_MATCHER}`) && /"owner": "actionlint"/.test(readText(ctx.repo, ACTIONLINT_MATCHER) ?? '') },
      );
      const own = atOrAbove((await workflowCheck(ctx)).findings, 'medium').filter((f) => f.file === ACTIONLINT_WORKFLOW);
      checks.push({ name: 'the workflow cannot fail silently (groundwork check)', passed: own.length === 0, detail: own.length ? `${own.length} finding(s)` : undefined });
    }
    return verdict(checks, ['"actionlint" is a required status check (branch protection)']);
  },
};
