import { defaultCacheDir, ScanCache } from '../../smoke/cache.js';
import { checkImports } from '../../smoke/check.js';
import type { AuditCapability } from '../capability.js';

export const smokeCapability: AuditCapability = {
  id: 'smoke',
  title: 'Static import check (M01)',
  area: 'test-infrastructure',
  async run(ctx) {
    // The content-hash cache lives outside the repository (GROUNDWORK_CACHE_DIR, XDG cache); a warm
    // audit of a PyTorch-size tree then rescans only the files that changed.
    const cache = ScanCache.load(defaultCacheDir(ctx.env ?? {}), ctx.repo.root);
    const r = await checkImports({ repo: ctx.repo, config: ctx.config, jobs: ctx.jobs, cache });
    cache.save(ctx.repo.root);
    if (r.stats.files === 0) return { status: 'ok', note: 'no Python files', findings: [] };
    return {
      status: 'ok',
      note: `${r.stats.files} Python files (${r.stats.cached} from the cache), ${r.stats.imports} imports, ${r.stats.byCategory.internal} internal`,
      findings: r.findings,
    };
  },
};
