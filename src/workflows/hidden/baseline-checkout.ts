import type { Job, Step } from '../../sources/workflow.js';

/**
 * A revision other than the one under test, by the spellings that can only mean one: the merge base
 * (`git merge-base HEAD origin/dev`), the pull request's base (`github.base_ref`,
 * `github.event.pull_request.base.sha`), the commit before a push (`github.event.before`), `HEAD~1`,
 * `HEAD^`. (`origin/main` alone is not one: a release job checks it out to build the product; nor is
 * `HEAD^2`, which on a pull request's merge commit is the pull request's head.)
 */
const BASE_REVISION = /\bmerge-base\b|\bbase_ref\b|\bpull_request\.base\.(sha|ref)\b|\bevent\.before\b|\bHEAD(~\d*|\^1?)(?![\w^~])/;

/** A command that brings the change back onto the tree: `git merge --no-edit $SHA`, a pick, a rebase, a pull. */
const REAPPLIES = /(^|&&|;)[ \t]*(git\s+(merge|cherry-pick|rebase|pull|apply|am)\b|gh\s+pr\s+checkout\b|patch\s)/m;

/** A command that moves the work tree to another revision. */
const MOVES = /(?:^|&&|;)[ \t]*(?:[\w.-]+=\S+\s+)*git\s+(?:-C\s+\S+\s+)?(checkout|switch|reset\s+--hard)\b([^\n;&]*)/gm;

/**
 * The checkout that makes the steps after it work on a baseline, not on the change under test: a
 * size comparison that builds the pull request, then checks out the merge base and builds it again
 * (tinygo's sizediff: `git checkout \`git merge-base HEAD origin/dev\`` before "Determine binary
 * sizes on the dev branch"). The last move before `step` decides: a checkout back to the change (any
 * other revision, or actions/checkout without a base `ref:`) ends the baseline. Only moves of the
 * repository's own tree count (not `git -C deps/x checkout v1.2`).
 */
export function baselineCheckout(job: Job, step: Step, fileText: string): string | undefined {
  // Asked once per hidden failure; the answer is the step's, so it is worked out once per step.
  const known = answers.get(step);
  if (known !== undefined) return known ?? undefined;
  const base = lastMove(job, step, fileText);
  answers.set(step, base ?? null);
  return base;
}

const answers = new WeakMap<Step, string | null>();

function lastMove(job: Job, step: Step, fileText: string): string | undefined {
  let base: string | undefined;
  for (const s of job.steps) {
    if (s.index >= step.index) break;
    if (s.uses && /^actions\/checkout@/.test(s.uses.value)) {
      const ref = /^\s*ref:\s*(.+)$/m.exec(fileText.slice(s.span.start, s.span.end))?.[1];
      const path = /^\s*path:\s*(.+)$/m.test(fileText.slice(s.span.start, s.span.end));
      if (!path) base = ref && BASE_REVISION.test(ref) ? `ref: ${ref.trim()}` : undefined;
      continue;
    }
    const text = s.run?.value ?? '';
    const moves = [...text.matchAll(MOVES)];
    // A step that merges, picks or rebases the change onto the base builds the change again.
    if (moves.length === 0 && REAPPLIES.test(text)) base = undefined;
    for (const m of moves) {
      if (/\bgit\s+-C\b/.test(m[0])) continue;
      // `git checkout -- file`, `git checkout HEAD~1 -- Makefile.in` and `git checkout .` restore files;
      // they do not move the tree.
      if (/(^|\s)--(\s|$)|^\s*\.(\s|$)/.test(m[2]!)) continue;
      base = BASE_REVISION.test(m[0]) ? m[0].replace(/^[\s;&]+/, '').trim() : undefined;
      // A merge, pick or rebase of the change onto the base after it builds the change again.
      if (base && REAPPLIES.test(text.slice(m.index! + m[0].length))) base = undefined;
    }
  }
  return base;
}

/** Whether a script moves the tree back to the change or brings the change onto it (`git merge --no-edit $SHA`, `gh pr checkout N`). */
export function backToChange(script: string): boolean {
  if (REAPPLIES.test(script)) return true;
  return [...script.matchAll(MOVES)].some((m) => !/\bgit\s+-C\b/.test(m[0]) && !/(^|\s)--(\s|$)|^\s*\.(\s|$)/.test(m[2]!) && !BASE_REVISION.test(m[0]));
}
