import { atOrAbove } from '../core/engine.js';
import { checkPins } from '../pin/check.js';
import { DEFAULT_MAP_PATH, readMapping, renderMapping } from '../pin/mapping.js';
import { pinRepository } from '../pin/pin.js';
import { pinSetup } from '../pin/pin-setup.js';
import type { Recipe } from './recipe.js';
import { changeTo, fileCheck, noWorkflows, verdict } from './recipe.js';

const MAP = DEFAULT_MAP_PATH;

/** Where `pin` fetches tags from, for mirrors and tests: GROUNDWORK_GIT_BASE=URL or OWNER=URL,… */
function gitBases(env: Record<string, string | undefined>): string[] {
  return (env.GROUNDWORK_GIT_BASE ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** M06: every `uses:` pinned to a full SHA with a version comment, with the mapping file. */
export const m06: Recipe = {
  id: 'M06',
  title: 'Pin actions to commit SHAs',
  deliverables: [MAP],
  async notApplicable(ctx) {
    return noWorkflows(ctx);
  },
  // `groundwork apply M06` is asked for explicitly, and pinning must resolve tags: it uses the network.
  async apply(ctx) {
    const { resolver, history, branches } = pinSetup(ctx.config, ctx.env, { gitBases: gitBases(ctx.env) });
    const result = await pinRepository({ repo: ctx.repo, config: ctx.config, resolver, history, branches, previous: readMapping(ctx.repo, MAP), dryRun: true });
    const changes = result.changes.map((c) => ({ path: c.path, before: c.before, after: c.after }));
    return {
      changes: [...changes, ...changeTo(ctx.repo, MAP, renderMapping(result.entries))],
      notes: ['`groundwork pin --verify` re-checks every pin online before merging'],
    };
  },
  // Instead of the seed's `grep "@main"` (inverted exit code, blind to @v4): every reference is a
  // full SHA with a version comment (`groundwork pin --check`, offline).
  async verify(ctx) {
    const failing = atOrAbove(checkPins(ctx.repo, ctx.config).findings, ctx.config.failOn ?? 'medium');
    return verdict([
      fileCheck(ctx.repo, MAP),
      {
        name: 'groundwork pin --check passes',
        passed: failing.length === 0,
        detail: failing.length ? `${failing.length} reference(s) not pinned to a commit with a version comment` : undefined,
      },
    ]);
  },
};
