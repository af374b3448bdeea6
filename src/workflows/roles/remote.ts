import { actionPath, type Job, type Step } from '../../sources/workflow.js';
import { resolveCommand } from './tools.js';

// Programs whose whole work is a call to a remote service. A failure of one of them (rate limit,
// expired token, outage) is ordinary, and it prints nothing on stdout, so a value read from it comes
// out empty. A local listing (`git diff --name-only`, `ls`, `find`) fails only when the job is already
// broken, so an empty value from it is not a failure worth a claim.
const SERVICES = new Set(['curl', 'wget', 'gh', 'hub', 'glab', 'aws', 'gcloud', 'gsutil', 'az', 'http', 'https', 'xh', 'skopeo', 'crane', 'oras']);

/** Git subcommands that talk to a remote. */
const GIT_REMOTE = new Set(['ls-remote', 'fetch', 'pull', 'clone']);

/** Whether a command line is a call to a remote service or API (`gh api …`, `curl -s …`, `git ls-remote …`). */
export function callsRemote(words: readonly string[]): boolean {
  const r = resolveCommand(words);
  if (!r) return false;
  if (SERVICES.has(r.program)) return true;
  if (r.program === 'git') return r.words.slice(1).some((w) => GIT_REMOTE.has(w));
  // `npm view x version`, `pip index versions x`, `docker manifest inspect` (podman's, buildah's): registry queries.
  const [, a, b] = r.words;
  return (
    (r.program === 'npm' && (a === 'view' || a === 'info')) ||
    (r.program === 'pip' && a === 'index') ||
    (['docker', 'podman', 'buildah'].includes(r.program) && a === 'manifest' && b === 'inspect')
  );
}

/** A script that records a change in the repository for people to review: a commit, or a pull request. */
export const COMMITS_CHANGES = /\bgit\s+commit\b|\bgh\s+pr\s+create\b/;

/** Actions that commit the job's changes. */
const COMMIT_ACTIONS = /^(autofix-ci\/action|stefanzweifel\/git-auto-commit-action|EndBug\/add-and-commit)$/i;

/** Actions that open a pull request with the job's changes (committing them). */
const PR_ACTIONS = /^peter-evans\/create-pull-request$/i;

/** A local action named for opening a pull request (`./.github/actions/pr`, `./.github/actions/create-pull-request`). */
const LOCAL_PR_ACTION = /^\.\/.*\/(create[-_])?(pr|pull[-_]request)s?$/i;

/** An action that opens a pull request: peter-evans/create-pull-request, or a local one named for it. */
const opensPullRequest = (uses: string) => PR_ACTIONS.test(actionPath(uses)) || LOCAL_PR_ACTION.test(uses.trim());

/** A step after `index` in the job commits the changes or opens a pull request with them (a script or an action). */
export function commitsAfter(job: Job, index: number): boolean {
  return job.steps.some(
    (s) =>
      s.index > index &&
      ((s.run && COMMITS_CHANGES.test(s.run.value)) || (s.uses && (COMMIT_ACTIONS.test(actionPath(s.uses.value)) || opensPullRequest(s.uses.value)))),
  );
}

/**
 * A later step that opens a pull request with the job's changes under a token other than the job's
 * own (an app's key, a personal token): GitHub runs the pull request's workflows for it, so the
 * project's checks judge what the job changed. (A pull request opened with `GITHUB_TOKEN` triggers
 * no workflows.)
 */
export function triggeringPullRequestAfter(job: Job, index: number): Step | undefined {
  // (On every run the lint runs: a pull request opened only on a schedule proposes nothing on a push.)
  const lintIf = job.steps.find((s) => s.index === index)?.if?.value.trim();
  return job.steps.find((s) => {
    if (s.index <= index || !s.uses || !opensPullRequest(s.uses.value)) return false;
    if (s.if && s.if.value.trim() !== lintIf) return false;
    const tokens = [...s.with].filter(([k]) => /token|app[-_]?id|private[-_]?key/i.test(k)).map(([, v]) => v.value);
    return tokens.length > 0 && tokens.every((v) => !/secrets\.GITHUB_TOKEN|github\.token/i.test(v));
  });
}
