import type { RuleMeta } from '../core/rule.js';

export const unpinnedImage: RuleMeta = {
  id: 'unpinned-image',
  summary: 'a docker:// step image is not pinned to a digest',
  capability: 'pinning',
  milestone: 'M06',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: '`docker://image:tag` runs whatever the registry serves for that tag today; tags are mutable exactly like action tags.',
    fix: 'Pin the image to its digest: `docker://image@sha256:<digest>` (groundwork reports these but has no registry resolver).',
    bad: '- uses: docker://alpine:3.20',
    good: '- uses: docker://alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d',
  },
};
