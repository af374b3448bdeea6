// The layering of issue 14, enforced with dependency-cruiser (.dependency-cruiser.cjs): nothing outside
// src/cli/ imports from it, and src/core/ imports nothing of the project but itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoWith, ROOT } from './helpers/tmp-repo.js';

const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** The rule violations dependency-cruiser finds under `src` of `cwd`. */
function violations(cwd: string): Violation[] {
  const r = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.stdout, `depcruise printed nothing: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layering', () => {
  it('no arrow into src/cli/ from elsewhere; src/core/ is a leaf', () => {
    const found = violations(ROOT).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.deepEqual(found, []);
  });

  it('the check sees an import into the CLI and a core module importing the project', () => {
    const t = repoWith({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
      'src/cli/main.ts': 'export const main = 1;\n',
      'src/recipes/r.ts': "import { main } from '../cli/main.js';\nexport const r = main;\n",
      'src/core/c.ts': "import { r } from '../recipes/r.js';\nexport const c = r;\n",
    });
    try {
      const found = violations(t.dir).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
      assert.deepEqual(found, ['core-is-a-leaf: src/core/c.ts → src/recipes/r.ts', 'no-import-into-cli: src/recipes/r.ts → src/cli/main.ts']);
    } finally {
      t.cleanup();
    }
  });
});
