/**
 * Every commit SHA groundwork writes into generated files, with the release it stands for. They
 * were read from the upstream repositories' tags (2026-11); there is no network at generation time,
 * so this table is the single place to update. `groundwork pin --verify` re-checks them online.
 */
export interface KnownPin {
  /** owner/name on GitHub. */
  repo: string;
  version: string;
  sha: string;
}

export const PINS = {
  checkout: { repo: 'actions/checkout', version: 'v4.2.2', sha: '11bd71901bbe5b1630ceea73d27597364c9af683' },
  actionlint: { repo: 'rhysd/actionlint', version: 'v1.7.12', sha: '914e7df21a07ef503a81201c76d2b11c789d3fca' },
  preCommitHooks: { repo: 'pre-commit/pre-commit-hooks', version: 'v6.0.0', sha: '3e8a8703264a2f4a69428a0aa4dcb512790b2c8c' },
  ruff: { repo: 'astral-sh/ruff-pre-commit', version: 'v0.16.4', sha: 'aab412d509121cb5f7533134b7e67f9fab59c682' },
  clangFormat: { repo: 'pre-commit/mirrors-clang-format', version: 'v22.1.2', sha: '07a0f7667439f60724899f6ae288e4a4f572e0e1' },
} as const satisfies Record<string, KnownPin>;

/** `uses: owner/name@<sha> # vX.Y.Z`, the form `groundwork pin` writes. */
export function usesLine(pin: KnownPin): string {
  return `${pin.repo}@${pin.sha} # ${pin.version}`;
}

/** The version without its leading `v`, as actionlint's download script takes it. */
export function bareVersion(pin: KnownPin): string {
  return pin.version.replace(/^v/, '');
}
