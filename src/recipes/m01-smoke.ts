import { InputError } from '../core/errors.js';
import { atOrAbove } from '../core/engine.js';
import { ScanCache } from '../smoke/cache.js';
import { checkImports } from '../smoke/check.js';
import type { SmokeConfig } from '../smoke/project.js';
import { DEFAULT_TEST_PATH, publicModules, runtimeTest } from '../smoke/runtime-test.js';
import type { Recipe, RecipeContext } from './recipe.js';
import { changeTo, fileCheck, readText, verdict } from './recipe.js';

const TEST = DEFAULT_TEST_PATH;

/** The import check, in-process and without the scan cache: a verification writes nothing anywhere. */
function importCheck(ctx: RecipeContext) {
  return checkImports({ repo: ctx.repo, config: ctx.config, cache: ScanCache.disabled() });
}

/** M01: the import smoke test, generated from the repository's sources, and the static import check. */
export const m01: Recipe = {
  id: 'M01',
  title: 'Import smoke test',
  deliverables: [TEST],
  // An import smoke test needs a Python package to import; a C++ library with a few scripts has none.
  async notApplicable(ctx) {
    if (!ctx.repo.files().some((f) => f.endsWith('.py'))) return 'the repository has no Python source';
    const packages = ctx.config.section<SmokeConfig>('smoke').packages ?? [];
    const { modules } = publicModules((await importCheck(ctx)).project, packages);
    return modules.length ? undefined : 'no public Python module to import (smoke.packages in groundwork.yml names them)';
  },
  async apply(ctx) {
    const result = await importCheck(ctx);
    const packages = ctx.config.section<SmokeConfig>('smoke').packages ?? [];
    const generated = runtimeTest(result.project, { testPath: TEST, rootFromTest: '..', packages });
    // A test that imports nothing would pass whatever happens: refuse to write it.
    if (generated.modules === 0)
      throw new InputError(
        `M01: no public module found to test${packages.length ? ` (smoke.packages ${packages.join(', ')} select none)` : ''}; name the packages with smoke.packages in groundwork.yml`,
      );
    return {
      changes: changeTo(ctx.repo, TEST, generated.text),
      notes: ['add a CI job that runs the test before the build (the seed: "runs before build, <1 second")'],
    };
  },
  // The seed's `python test/test_import_smoke.py` cannot fail on a pytest-style module; the static
  // import check itself can, and the generated test must exist.
  async verify(ctx) {
    const result = await importCheck(ctx);
    const failing = atOrAbove(result.findings, ctx.config.failOn ?? 'medium');
    const text = readText(ctx.repo, TEST);
    const modules = text === undefined ? 0 : importedModules(text);
    return verdict([
      fileCheck(ctx.repo, TEST),
      // A smoke test of no module passes whatever happens to the package: it is not a deliverable.
      { name: `${TEST} imports at least one module`, passed: modules > 0, detail: text === undefined ? 'missing' : `${modules} module(s)` },
      {
        name: 'the static import check (groundwork smoke) passes',
        passed: failing.length === 0,
        detail: failing.length ? `${failing.length} finding(s)` : undefined,
      },
    ]);
  },
};

/**
 * How many modules a smoke test imports: the rows of the generated test's MODULES table, or, in a
 * hand-written test, its import statements of anything but the test machinery itself.
 */
export function importedModules(text: string): number {
  const table = /^MODULES = \(\n([\s\S]*?)^\)/m.exec(text);
  if (table) return table[1]!.split('\n').filter((l) => /^\s*\(/.test(l)).length;
  const machinery = new Set(['sys', 'os', 'unittest', 'importlib', 'pytest', '__future__', 'typing']);
  const names = [...text.matchAll(/^\s*(?:import|from)\s+([\w.]+)/gm)].map((m) => m[1]!.split('.')[0]!);
  return new Set(names.filter((n) => !machinery.has(n))).size;
}
