// Bundles the CLI and the library with esbuild. Bundling is what lets GitHub's
// @actions/workflow-parser (ESM with bare JSON imports) load on Node 20, and it
// keeps start-up to a single file read. web-tree-sitter stays external because
// it locates its .wasm next to its own module file.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const external = [
  'web-tree-sitter',
  'tree-sitter-bash',
  'tree-sitter-python',
  '@cyclonedx/cyclonedx-library',
  'spdx-license-list',
  'playwright-core',
  'ajv',
  'ajv-formats',
];
await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', worker: 'src/workflows/check-worker.ts', 'smoke-worker': 'src/smoke/scan-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  // yaml's `node` export is CommonJS, which the bundle reaches through a getter on every call
  // (isMap, isScalar …); its ESM build is the same code, inlined directly.
  alias: { yaml: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)) },
  banner: { js: "import { createRequire as __gwCreateRequire } from 'node:module'; const require = __gwCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
