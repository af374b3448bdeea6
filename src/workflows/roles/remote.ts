import { actionPath, type Job } from '../../sources/workflow.js';
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

/** Actions that commit the job's changes or open a pull request with them. */
const COMMIT_ACTIONS = /^(autofix-ci\/action|peter-evans\/create-pull-request|stefanzweifel\/git-auto-commit-action|EndBug\/add-and-commit)$/i;

/** A step after `index` in the job commits the changes or opens a pull request with them (a script or an action). */
export function commitsAfter(job: Job, index: number): boolean {
  return job.steps.some((s) => s.index > index && ((s.run && COMMITS_CHANGES.test(s.run.value)) || (s.uses && COMMIT_ACTIONS.test(actionPath(s.uses.value)))));
}
