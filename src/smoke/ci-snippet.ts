/**
 * The CI jobs M01 asks for: the static check before any build (seconds, no compiler), and the
 * generated runtime test once the package is built. Action references are tags here on purpose:
 * `groundwork pin` turns them into verified commit SHAs.
 */
export function ciSnippet(testPath: string): string {
  return `# Add to .github/workflows/<your CI>.yml (then run \`groundwork pin\` to pin the actions):
jobs:
  import-smoke-static:
    name: Import check (static, before the build)
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npx --yes groundwork smoke --format github
  import-smoke-runtime:
    name: Import smoke test (after the build)
    needs: [import-smoke-static]
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: '3.11'
      - run: pip install -e .   # or install the nightly build
      - run: python ${testPath}
`;
}
