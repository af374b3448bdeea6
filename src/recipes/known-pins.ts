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
  // Hooks of the Python tooling a repository may already use (M13 keeps it rather than replacing it).
  flake8: { repo: 'PyCQA/flake8', version: '7.3.0', sha: 'c48217e1fc006c2dddd14df54e83b67da15de5cd' },
  black: { repo: 'psf/black-pre-commit-mirror', version: '26.3.1', sha: 'fa505ab9c3e0fedafe1709fd7ac2b5f8996c670d' },
  isort: { repo: 'PyCQA/isort', version: '8.0.1', sha: 'a333737ed43df02b18e6c95477ea1b285b3de15a' },
  ufmt: { repo: 'omnilib/ufmt', version: 'v2.9.1', sha: 'cfcf691970cecebd3657222d56344c6aa87be66d' },
} as const satisfies Record<string, KnownPin>;

/**
 * The newest release of each major of the actions generated workflows use, read from the upstream
 * tags (annotated tags peeled to their commit). A generated workflow takes the major the repository
 * already uses, so it is never older than the repository's own workflows.
 */
export const ACTION_RELEASES: Record<string, readonly KnownPin[]> = {
  'actions/checkout': [
    PINS.checkout,
    { repo: 'actions/checkout', version: 'v5.1.0', sha: 'fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09' },
    { repo: 'actions/checkout', version: 'v6.1.0', sha: 'd23441a48e516b6c34aea4fa41551a30e30af803' },
    { repo: 'actions/checkout', version: 'v7.0.1', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1' },
  ],
  'actions/upload-artifact': [
    { repo: 'actions/upload-artifact', version: 'v4.6.2', sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02' },
    { repo: 'actions/upload-artifact', version: 'v5.0.0', sha: '330a01c490aca151604b8cf639adc76d48f6c5d4' },
    { repo: 'actions/upload-artifact', version: 'v6.0.0', sha: 'b7c566a772e6b6bfb58ed0dc250532a479d7789f' },
    { repo: 'actions/upload-artifact', version: 'v7.0.0', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f' },
  ],
  'actions/setup-python': [
    { repo: 'actions/setup-python', version: 'v5.6.0', sha: 'a26af69be951a213d495a4c3e4e4022e16d87065' },
    { repo: 'actions/setup-python', version: 'v6.3.0', sha: 'ece7cb06caefa5fff74198d8649806c4678c61a1' },
    { repo: 'actions/setup-python', version: 'v7.0.0', sha: '5fda3b95a4ea91299a34e894583c3862153e4b97' },
  ],
  'actions/setup-node': [
    { repo: 'actions/setup-node', version: 'v4.4.0', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020' },
    { repo: 'actions/setup-node', version: 'v5.0.0', sha: 'a0853c24544627f65ddf259abe73b1d18a591444' },
    { repo: 'actions/setup-node', version: 'v6.5.0', sha: '249970729cb0ef3589644e2896645e5dc5ba9c38' },
    { repo: 'actions/setup-node', version: 'v7.0.0', sha: '820762786026740c76f36085b0efc47a31fe5020' },
  ],
};

/** `uses: owner/name@<sha> # vX.Y.Z`, the form `groundwork pin` writes. */
export function usesLine(pin: KnownPin): string {
  return `${pin.repo}@${pin.sha} # ${pin.version}`;
}

/** The version without its leading `v`, as actionlint's download script takes it. */
export function bareVersion(pin: KnownPin): string {
  return pin.version.replace(/^v/, '');
}
