import { CONTRIBUTING_MARKER } from './generate.js';

/** Where contributors look, in GitHub's order; the first that exists gets the section. */
export const CONTRIBUTING_FILES = [
  'CONTRIBUTING.md',
  'CONTRIBUTING.rst',
  'CONTRIBUTING.txt',
  'CONTRIBUTING',
  '.github/CONTRIBUTING.md',
  '.github/CONTRIBUTING.rst',
  'docs/CONTRIBUTING.md',
  'docs/CONTRIBUTING.rst',
  'docs/contributing.md',
  'docs/contributing.rst',
  'doc/contributing.rst',
  'doc/contributing.md',
];

/** The repository's contributing guide, or CONTRIBUTING.md when it has none: never a second one beside it in another format. */
export function contributingPath(files: readonly string[]): string {
  return CONTRIBUTING_FILES.find((f) => files.includes(f)) ?? 'CONTRIBUTING.md';
}

/** The setup section in the file's own format (Markdown, reStructuredText, plain text), appended once. */
export function contributingSectionFor(
  path: string,
  existing: string | undefined,
  markdown: (existing: string | undefined) => string | undefined,
): string | undefined {
  if (path.endsWith('.md')) return markdown(existing);
  if (existing?.includes(CONTRIBUTING_MARKER.replace(/<!--\s*|\s*-->/g, ''))) return undefined;
  const rst = path.endsWith('.rst');
  const title = 'Pre-commit hooks';
  const section = [
    rst ? `.. ${CONTRIBUTING_MARKER.replace(/<!--\s*|\s*-->/g, '')}` : `# ${CONTRIBUTING_MARKER.replace(/<!--\s*|\s*-->/g, '')}`,
    '',
    title,
    rst ? '-'.repeat(title.length) : '-'.repeat(title.length),
    '',
    `The repository lints before you push with pre-commit (${rst ? '``.pre-commit-config.yaml``' : '.pre-commit-config.yaml'})${rst ? '::' : ':'}`,
    '',
    '    pip install pre-commit',
    '    pre-commit install          # runs the hooks on every commit',
    '    pre-commit run --all-files  # once, on the whole tree',
    '',
    `Hook revisions are frozen to commit SHAs; update them with ${rst ? '``pre-commit autoupdate --freeze``' : '`pre-commit autoupdate --freeze`'} and review the diff.`,
    '',
  ].join('\n');
  return existing ? `${existing.replace(/\n*$/, '')}\n\n${section}` : section;
}
