import type { Recipe } from './recipe.js';
import { delegatedFailure, fileCheck, verdict } from './recipe.js';
import { changesFromSandbox, isCiFile } from './sandbox.js';

/** Where `pin` fetches tags from, for mirrors and tests: GROUNDWORK_GIT_BASE=URL or OWNER=URL,… */
function gitBase(env: Record<string, string | undefined>): string[] {
  return (env.GROUNDWORK_GIT_BASE ?? '').split(',').filter(Boolean).flatMap((b) => ['--git-base', b.trim()]);
}

const MAP = 'docs/refactor/milestones/M06/M06_action_pins.json';

/** M06: every `uses:` pinned to a full SHA with a version comment, with the mapping file. */
export const m06: Recipe = {
  id: 'M06',
  title: 'Pin actions to commit SHAs',
  deliverables: [MAP],
  async apply(ctx) {
    const result = await changesFromSandbox(ctx, (p) => isCiFile(p) || p === MAP, (dir) => ['pin', dir, '--map', ...gitBase(ctx.env)], undefined, [MAP]);
    if (result.run.code > 1) throw delegatedFailure('pin', result.run);
    return { changes: result.changes, notes: ['`groundwork pin --verify` re-checks every pin online before merging'] };
  },
  // Instead of the seed's `grep "@main"` (inverted exit code, blind to @v4): every reference is a
  // full SHA with a version comment.
  async verify(ctx) {
    const run = await ctx.cli(['pin', ctx.repo.root, '--check']);
    return verdict([fileCheck(ctx.repo, MAP), { name: 'groundwork pin --check passes', passed: run.code === 0, detail: run.code === 0 ? undefined : run.stdout.trim().split('\n').slice(-1)[0] }]);
  },
};
