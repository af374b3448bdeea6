import { PINS, bareVersion, usesLine } from './known-pins.js';

export const ACTIONLINT_WORKFLOW = '.github/workflows/actionlint.yml';
export const ACTIONLINT_MATCHER = '.github/actionlint-matcher.json';

/** The download script at the release's own commit: a moving branch could change what CI runs. */
export const DOWNLOAD_URL = `https://raw.githubusercontent.com/${PINS.actionlint.repo}/${PINS.actionlint.sha}/scripts/download-actionlint.bash`;

export function actionlintWorkflow(branch: string): string {
  return `# actionlint (M05), written by \`groundwork init actionlint\`: lints every workflow file.
# Make the "actionlint" job a required status check in branch protection so that a broken
# workflow cannot merge. Pins: ${PINS.actionlint.repo} ${PINS.actionlint.version}, ${PINS.checkout.repo} ${PINS.checkout.version}.
name: actionlint

on:
  pull_request:
    paths:
      - ".github/workflows/**"
      - ".github/actionlint.yaml"
      - "${ACTIONLINT_MATCHER}"
  push:
    branches: [${branch}]
    paths:
      - ".github/workflows/**"

permissions:
  contents: read

jobs:
  actionlint:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: ${usesLine(PINS.checkout)}
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
          "\${{ steps.get_actionlint.outputs.executable }}" -color
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
            regexp: '^(?:\\x1b\\[\\d+m)?(.+?)(?:\\x1b\\[\\d+m)*:(?:\\x1b\\[\\d+m)*(\\d+)(?:\\x1b\\[\\d+m)*:(?:\\x1b\\[\\d+m)*(\\d+)(?:\\x1b\\[\\d+m)*: (?:\\x1b\\[\\d+m)*(.+?)(?:\\x1b\\[\\d+m)* \\[(.+?)\\]$',
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
