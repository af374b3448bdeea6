import { PINS, bareVersion, usesLine, type KnownPin } from './known-pins.js';

export const ACTIONLINT_WORKFLOW = '.github/workflows/actionlint.yml';
export const ACTIONLINT_MATCHER = '.github/actionlint-matcher.json';

/** The download script at the release's own commit: a moving branch could change what CI runs. */
export const DOWNLOAD_URL = `https://raw.githubusercontent.com/${PINS.actionlint.repo}/${PINS.actionlint.sha}/scripts/download-actionlint.bash`;

/**
 * The workflow. It has no `paths:` filter: the header asks for it to be a required check, and a
 * required check that a filter keeps from starting blocks the pull request for good. shellcheck and
 * pyflakes are off: GitHub's runner images carry shellcheck, whose style findings on today's `run:`
 * scripts would turn the first run red; the comment says how to turn them on.
 */
export function actionlintWorkflow(branch: string, checkout: KnownPin = PINS.checkout): string {
  return `# actionlint (M05), written by \`groundwork init actionlint\`: lints every workflow file.
# Make the "actionlint" job a required status check in branch protection so that a broken
# workflow cannot merge. It runs on every pull request (no \`paths:\` filter): a required check
# that never starts blocks the pull request. Self-hosted runner labels go in .github/actionlint.yaml.
# shellcheck and pyflakes are off (-shellcheck= -pyflakes=) so that the first run reports workflow
# errors only; turn shellcheck on with -shellcheck=shellcheck once the run: scripts are clean.
# Pins: ${PINS.actionlint.repo} ${PINS.actionlint.version}, ${checkout.repo} ${checkout.version}.
name: actionlint

on:
  pull_request:
  merge_group:
  push:
    branches: [${branch}]

permissions:
  contents: read

jobs:
  actionlint:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: ${usesLine(checkout)}
        with:
          persist-credentials: false
      - name: Download actionlint ${PINS.actionlint.version}
        id: get_actionlint
        shell: bash
        run: |
          curl -fsSL "${DOWNLOAD_URL}" -o "$RUNNER_TEMP/download-actionlint.bash"
          bash "$RUNNER_TEMP/download-actionlint.bash" ${bareVersion(PINS.actionlint)} "$RUNNER_TEMP"
      - name: Check workflow files
        shell: bash
        run: |
          echo "::add-matcher::${ACTIONLINT_MATCHER}"
          "\${{ steps.get_actionlint.outputs.executable }}" -color -shellcheck= -pyflakes=
`;
}

/** actionlint's documented problem matcher: findings become annotations on the pull request. */
export const MATCHER_JSON = `${JSON.stringify(
  {
    problemMatcher: [
      {
        owner: 'actionlint',
        pattern: [
          {
            regexp:
              '^(?:\\x1b\\[\\d+m)?(.+?)(?:\\x1b\\[\\d+m)*:(?:\\x1b\\[\\d+m)*(\\d+)(?:\\x1b\\[\\d+m)*:(?:\\x1b\\[\\d+m)*(\\d+)(?:\\x1b\\[\\d+m)*: (?:\\x1b\\[\\d+m)*(.+?)(?:\\x1b\\[\\d+m)* \\[(.+?)\\]$',
            file: 1,
            line: 2,
            column: 3,
            message: 4,
            code: 5,
          },
        ],
      },
    ],
  },
  null,
  2,
)}\n`;
