import type { PinFor } from '../recipes/action-pins.js';
import { ACTION_RELEASES, PINS, usesLine, type KnownPin } from '../recipes/known-pins.js';

const fallback = (action: string): KnownPin => (action === 'actions/checkout' ? PINS.checkout : ACTION_RELEASES[action]![0]!);

/**
 * The CI jobs M01 asks for: the static check before any build (seconds, no compiler), and the
 * generated runtime test once the package is built. Every action is pinned to a commit with its
 * exact version, at the major the repository's own workflows use when `pinFor` says which.
 */
export function ciSnippet(testPath: string, pinFor?: PinFor): string {
  const uses = (action: string) => usesLine(pinFor ? pinFor(action, fallback(action)) : fallback(action));
  return `# Add to .github/workflows/<your CI>.yml (every action is pinned to a commit; \`groundwork pin --update\` moves them):
jobs:
  import-smoke-static:
    name: Import check (static, before the build)
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: ${uses('actions/checkout')}
        with:
          persist-credentials: false
      - uses: ${uses('actions/setup-node')}
        with:
          node-version: 20
      - run: npx --yes groundwork smoke --format github
  import-smoke-runtime:
    name: Import smoke test (after the build)
    needs: [import-smoke-static]
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: ${uses('actions/checkout')}
        with:
          persist-credentials: false
      - uses: ${uses('actions/setup-python')}
        with:
          python-version: '3.11'
      - run: pip install -e .   # or install the nightly build
      - run: python ${testPath}
`;
}
