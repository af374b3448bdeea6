// The layering of issue 14, enforced with dependency-cruiser (.dependency-cruiser.cjs, also run by
// `npx depcruise src`): nothing outside src/cli/ imports from it, and src/core/ imports nothing of the
// project but itself. The cruiser runs in-process, once over src and once over a small fixture tree
// that breaks both rules, so the check is shown to be able to fail.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cruise, type IViolation } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { repoWith, ROOT } from './helpers/tmp-repo.js';

/** The rule violations under `src` of `baseDir`, with the project's own rules. */
async function violations(baseDir: string): Promise<string[]> {
  const config = await extractDepcruiseConfig(join(ROOT, '.dependency-cruiser.cjs'));
  const options = { ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } };
  const result = await cruise(['src'], options, {}, { tsConfig: extractTSConfig(join(baseDir, 'tsconfig.json')) });
  const output = result.output as { summary: { violations: IViolation[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('layering', () => {
  it('no arrow into src/cli/ from elsewhere; src/core/ is a leaf', async () => {
    assert.deepEqual(await violations(ROOT), []);
  });

  it('the check sees an import into the CLI and a core module importing the project', async () => {
    const t = repoWith({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
      'src/cli/main.ts': 'export const main = 1;\n',
      'src/recipes/r.ts': "import { main } from '../cli/main.js';\nexport const r = main;\n",
      'src/core/c.ts': "import { r } from '../recipes/r.js';\nexport const c = r;\n",
    });
    try {
      assert.deepEqual(await violations(t.dir), ['core-is-a-leaf: src/core/c.ts → src/recipes/r.ts', 'no-import-into-cli: src/recipes/r.ts → src/cli/main.ts']);
    } finally {
      t.cleanup();
    }
  });
});
