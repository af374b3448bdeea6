import type { PinFor } from '../recipes/action-pins.js';
import { VERSION } from '../version.js';

/**
 * Actions the monthly workflow uses, pinned to full commit SHAs. Each SHA was checked against
 * the pins real projects carry for the same release (pytorch/executorch, pytorch/test-infra in
 * the shared corpus); update both columns together.
 */
export const PINNED_ACTIONS = {
  checkout: { uses: 'actions/checkout', sha: '11bd71901bbe5b1630ceea73d27597364c9af683', version: 'v4.2.2' },
  uploadArtifact: { uses: 'actions/upload-artifact', sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02', version: 'v4.6.2' },
} as const;

export const DEPS_WORKFLOW_PATH = '.github/workflows/audit-third-party.yml';

function uses(a: { uses: string; sha: string; version: string }): string {
  return `${a.uses}@${a.sha} # ${a.version}`;
}

type Pinned = { uses: string; sha: string; version: string };

/**
 * The seed's M09 cron job: monthly, read-only token, full submodule history, OSV dump offline.
 * `pinFor` gives the repository's own major of each action (never an older one than it uses).
 */
export function depsAuditWorkflow(cron = '17 6 1 * *', pinFor?: PinFor): string {
  const pinned = (a: Pinned): Pinned => {
    const p = pinFor?.(a.uses, { repo: a.uses, sha: a.sha, version: a.version });
    return p ? { uses: p.repo, sha: p.sha, version: p.version } : a;
  };
  return `# Monthly audit of vendored third-party code (M09): upstream releases and OSV vulnerabilities.
# Written by \`groundwork init deps-audit\`; the job fails on a known vulnerability or a pin older
# than deps.maxAge (groundwork.yml).
name: audit-third-party

on:
  schedule:
    - cron: '${cron}'
  workflow_dispatch:

permissions:
  contents: read

jobs:
  audit:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: ${uses(pinned(PINNED_ACTIONS.checkout))}
        with:
          submodules: recursive
          fetch-depth: 0
          persist-credentials: false
      - name: Download the OSV dump of git-range advisories
        run: |
          set -euo pipefail
          mkdir -p "$RUNNER_TEMP/osv"
          curl --fail --silent --show-error --location --retry 3 \\
            -o "$RUNNER_TEMP/osv/all.zip" https://osv-vulnerabilities.storage.googleapis.com/GIT/all.zip
      - name: Audit third-party versions
        run: |
          set -euo pipefail
          npx --yes groundwork@${VERSION} deps . --osv-db "$RUNNER_TEMP/osv" --format markdown --out third-party-audit.md
      - name: Keep the report
        if: \${{ !cancelled() }}
        uses: ${uses(pinned(PINNED_ACTIONS.uploadArtifact))}
        with:
          name: third-party-audit
          path: third-party-audit.md
          if-no-files-found: warn
`;
}
