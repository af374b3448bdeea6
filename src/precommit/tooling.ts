import { own } from '../core/own.js';
/**
 * The lint and format tooling a repository already uses, read from its configuration files and
 * its existing `.pre-commit-config.yaml`. M13 keeps that tooling: a repository formatted with black
 * gets black's hook, not a second formatter that would rewrite every file.
 */
export interface Tooling {
  flake8: boolean;
  black: boolean;
  isort: boolean;
  ufmt: boolean;
  ruff: boolean;
  lintrunner: boolean;
  /** A `.clang-format` at the root: without one clang-format would restyle every file to LLVM's defaults. */
  clangFormatConfig: boolean;
  /** Hook ids the existing pre-commit configuration already runs. */
  existingHooks: ReadonlySet<string>;
}

/** What each kind of check can be done by: a repository running any of them has that check. */
export const EQUIVALENT_HOOKS: Record<string, readonly string[]> = {
  'trailing-whitespace': ['trailing-whitespace'],
  'end-of-file-fixer': ['end-of-file-fixer'],
  'check-yaml': ['check-yaml'],
  'python-lint': ['ruff', 'ruff-check', 'flake8', 'pylint', 'lintrunner'],
  'python-format': ['ruff-format', 'black', 'ufmt', 'yapf', 'autopep8', 'lintrunner'],
  'python-imports': ['isort', 'usort', 'ufmt', 'ruff', 'ruff-check', 'lintrunner'],
  'cxx-format': ['clang-format', 'lintrunner'],
  actionlint: ['actionlint', 'actionlint-docker', 'actionlint-system'],
  lintrunner: ['lintrunner'],
};

export function detectTooling(files: readonly string[], read: (path: string) => string | undefined, existingHooks: ReadonlySet<string> = new Set()): Tooling {
  const has = (p: string) => files.includes(p);
  const text = (p: string) => (has(p) ? (read(p) ?? '') : '');
  const pyproject = text('pyproject.toml');
  const cfg = `${text('setup.cfg')}\n${text('tox.ini')}`;
  const section = (s: string, name: string) => new RegExp(`^\\[${name.replace(/\./g, '\\.')}[\\].]`, 'm').test(s);
  return {
    flake8: has('.flake8') || section(cfg, 'flake8') || existingHooks.has('flake8'),
    black: section(pyproject, 'tool.black') || existingHooks.has('black'),
    isort: has('.isort.cfg') || section(pyproject, 'tool.isort') || section(cfg, 'isort') || existingHooks.has('isort'),
    ufmt: section(pyproject, 'tool.ufmt') || existingHooks.has('ufmt'),
    ruff: has('ruff.toml') || has('.ruff.toml') || section(pyproject, 'tool.ruff') || existingHooks.has('ruff') || existingHooks.has('ruff-check'),
    lintrunner: has('.lintrunner.toml'),
    clangFormatConfig: has('.clang-format') || has('_clang-format'),
    existingHooks,
  };
}

/** Whether the existing configuration already does this kind of check, under any of its hook ids. */
export function covered(group: string, tooling: Tooling): boolean {
  return (own(EQUIVALENT_HOOKS, group) ?? [group]).some((id) => tooling.existingHooks.has(id));
}
