import { isMap, isScalar, isSeq } from 'yaml';
import { PINS, type KnownPin } from '../recipes/known-pins.js';
import type { SourceFile } from '../sources/source-file.js';
import { parseYaml } from '../sources/yaml-source.js';

export interface HookSpec {
  /** The hook repository, or `local`. */
  pin?: KnownPin;
  local?: boolean;
  /** Hook entries as YAML lines (without the leading `- `), one list per hook. */
  hooks: { id: string; lines: string[] }[];
  /** Why this repository gets it, for the notes. */
  because: string;
}

const PY = /\.pyi?$/;
const CXX = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|cu|cuh)$/;
const YAML = /\.ya?ml$/;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** The hooks a repository needs, from what it contains (M13). */
export function hooksFor(files: readonly string[]): HookSpec[] {
  const has = (re: RegExp) => files.some((f) => re.test(f));
  const specs: HookSpec[] = [];
  const standard: HookSpec['hooks'] = [{ id: 'trailing-whitespace', lines: [] }, { id: 'end-of-file-fixer', lines: [] }];
  if (has(YAML)) standard.push({ id: 'check-yaml', lines: ['args: [--allow-multiple-documents]'] });
  specs.push({ pin: PINS.preCommitHooks, hooks: standard, because: 'whitespace and end-of-file fixers for every repository' + (has(YAML) ? '; check-yaml for its YAML files' : '') });
  if (has(PY)) specs.push({ pin: PINS.ruff, hooks: [{ id: 'ruff-check', lines: [] }, { id: 'ruff-format', lines: ['args: [--check]'] }], because: 'Python files: ruff check and ruff format --check' });
  if (has(CXX)) specs.push({ pin: PINS.clangFormat, hooks: [{ id: 'clang-format', lines: ['types_or: [c++, c, cuda]'] }], because: 'C/C++/CUDA files: clang-format' });
  if (has(WORKFLOW)) specs.push(actionlintHook());
  if (files.includes('.lintrunner.toml')) {
    specs.push({
      local: true,
      hooks: [{ id: 'lintrunner', lines: ['name: lintrunner', 'entry: lintrunner', '# `system` runs the lintrunner on PATH (`pip install lintrunner && lintrunner init`); pre-commit 4.4 calls it `unsupported`.', 'language: system', 'types: [text]', 'require_serial: true'] }],
      because: '.lintrunner.toml: the repository lints through lintrunner',
    });
  }
  return specs;
}

export function actionlintHook(): HookSpec {
  return { pin: PINS.actionlint, hooks: [{ id: 'actionlint', lines: [] }], because: 'GitHub workflows: actionlint (M05)' };
}

/** One `- repo:` entry at the given indentation of the `repos:` list. */
export function repoBlock(spec: HookSpec, indent: string): string {
  const head = spec.local ? [`${indent}- repo: local`] : [`${indent}- repo: https://github.com/${spec.pin!.repo}`, `${indent}  rev: ${spec.pin!.sha}  # frozen: ${spec.pin!.version}`];
  const hooks = spec.hooks.flatMap((h) => [`${indent}    - id: ${h.id}`, ...h.lines.map((l) => `${indent}      ${l}`)]);
  return [...head, `${indent}  hooks:`, ...hooks].join('\n');
}

export function newConfig(specs: HookSpec[]): string {
  return [
    '# pre-commit hooks (M13), written by `groundwork init pre-commit`.',
    '# Install once: pip install pre-commit && pre-commit install',
    '# Run on everything: pre-commit run --all-files',
    '# Revs are frozen to commit SHAs; update with: pre-commit autoupdate --freeze',
    'repos:',
    ...specs.map((s) => repoBlock(s, '  ')),
    '',
  ].join('\n');
}

/**
 * Adds the hooks an existing configuration lacks as new `- repo:` entries after its last one,
 * leaving every existing byte in place; hooks whose id is already configured are not added again.
 */
export function mergeConfig(existing: SourceFile, specs: HookSpec[]): { text: string; added: string[] } {
  const { doc, problems } = parseYaml(existing);
  const repos = isMap(doc.contents) ? doc.contents.get('repos', true) : undefined;
  if (problems.length || !isSeq(repos) || !repos.range) return { text: existing.text, added: [] };
  const present = new Set<string>();
  for (const r of repos.items) {
    const hooks = isMap(r) ? r.get('hooks', true) : undefined;
    if (isSeq(hooks)) for (const h of hooks.items) if (isMap(h)) present.add(String((h.get('id', true) as { value?: unknown } | undefined)?.value ?? ''));
  }
  const missing = specs.map((s) => ({ ...s, hooks: s.hooks.filter((h) => !present.has(h.id)) })).filter((s) => s.hooks.length > 0);
  if (missing.length === 0) return { text: existing.text, added: [] };
  const first = repos.items[0];
  const firstStart = isMap(first) && first.range ? first.range[0] : repos.range[0];
  const lineStart = existing.text.lastIndexOf('\n', firstStart - 1) + 1;
  const indent = /^[ ]*/.exec(existing.text.slice(lineStart))![0];
  const lastItem = repos.items[repos.items.length - 1];
  const end = isMap(lastItem) && lastItem.range ? lastItem.range[1] : repos.range[1];
  const before = existing.text.slice(0, end).replace(/\n*$/, '');
  const after = existing.text.slice(end);
  const added = missing.flatMap((s) => s.hooks.map((h) => h.id));
  const block = missing.map((s) => repoBlock(s, indent)).join('\n');
  return { text: `${before}\n${block}\n${after.replace(/^\n*/, after.trim() ? '\n' : '')}`, added };
}

export const CONTRIBUTING_MARKER = '<!-- groundwork:pre-commit -->';

/** The CONTRIBUTING.md setup section, appended once (found again by its marker). */
export function contributingSection(existing: string | undefined): string | undefined {
  if (existing?.includes(CONTRIBUTING_MARKER)) return undefined;
  const section = [
    CONTRIBUTING_MARKER,
    '## Pre-commit hooks',
    '',
    'The repository lints before you push with [pre-commit](https://pre-commit.com) (`.pre-commit-config.yaml`):',
    '',
    '```bash',
    'pip install pre-commit',
    'pre-commit install          # runs the hooks on every commit',
    'pre-commit run --all-files  # once, on the whole tree',
    '```',
    '',
    'Hook revisions are frozen to commit SHAs; update them with `pre-commit autoupdate --freeze` and review the diff.',
    '',
  ].join('\n');
  return existing ? `${existing.replace(/\n*$/, '')}\n\n${section}` : `# Contributing\n\n${section}`;
}
