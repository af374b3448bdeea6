import { isMap, isSeq } from 'yaml';
import { PINS, type KnownPin } from '../recipes/known-pins.js';
import type { SourceFile } from '../sources/source-file.js';
import { parseYaml } from '../sources/yaml-source.js';
import { covered, detectTooling, type Tooling } from './tooling.js';

export interface HookSpec {
  /** The hook repository, or `local`. */
  pin?: KnownPin;
  local?: boolean;
  /** Hook entries as YAML lines (without the leading `- `), one list per hook; `group` is the kind of check (EQUIVALENT_HOOKS). */
  hooks: { id: string; group?: string; lines: string[] }[];
  /** Why this repository gets it, for the notes. */
  because: string;
}

const PY = /\.pyi?$/;
const CXX = /\.(c|cc|cpp|cxx|h|hh|hpp|hxx|cu|cuh)$/;
const YAML = /\.ya?ml$/;
const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/;

const LINTRUNNER_LINES = [
  'name: lintrunner',
  'entry: lintrunner',
  '# `system` runs the lintrunner on PATH (`pip install lintrunner && lintrunner init`); pre-commit 4.4 calls it `unsupported`.',
  'language: system',
  'types: [text]',
  'require_serial: true',
];

/**
 * The hooks a repository needs (M13), from what it contains and the tooling it already uses:
 * kept, never replaced (flake8 stays flake8, black stays black, lintrunner runs the linters it
 * configures), and a kind of check the existing configuration already does is not added again.
 * clang-format is added only where a `.clang-format` says what the style is.
 */
export function hooksFor(files: readonly string[], tooling: Tooling = detectTooling(files, () => undefined)): HookSpec[] {
  const has = (re: RegExp) => files.some((f) => re.test(f));
  const wanted = (group: string) => !covered(group, tooling);
  const specs: HookSpec[] = [];
  const standard: HookSpec['hooks'] = [];
  if (wanted('trailing-whitespace')) standard.push({ id: 'trailing-whitespace', group: 'trailing-whitespace', lines: [] });
  if (wanted('end-of-file-fixer')) standard.push({ id: 'end-of-file-fixer', group: 'end-of-file-fixer', lines: [] });
  if (has(YAML) && wanted('check-yaml')) standard.push({ id: 'check-yaml', group: 'check-yaml', lines: ['args: [--allow-multiple-documents]'] });
  if (standard.length)
    specs.push({
      pin: PINS.preCommitHooks,
      hooks: standard,
      because: 'whitespace and end-of-file fixers for every repository' + (has(YAML) ? '; check-yaml for its YAML files' : ''),
    });
  if (tooling.lintrunner) {
    if (wanted('lintrunner'))
      specs.push({
        local: true,
        hooks: [{ id: 'lintrunner', group: 'lintrunner', lines: LINTRUNNER_LINES }],
        because: '.lintrunner.toml: the repository lints through lintrunner, which runs its Python and C++ linters',
      });
  } else {
    if (has(PY)) specs.push(...pythonHooks(tooling, wanted));
    if (has(CXX) && tooling.clangFormatConfig && wanted('cxx-format'))
      specs.push({
        pin: PINS.clangFormat,
        hooks: [{ id: 'clang-format', group: 'cxx-format', lines: ['types_or: [c++, c, cuda]'] }],
        because: "C/C++/CUDA files, styled by the repository's .clang-format: clang-format",
      });
  }
  if (has(WORKFLOW) && wanted('actionlint')) specs.push(actionlintHook());
  return specs;
}

/** The repository's own Python tooling; ruff (the seed's choice) only where it uses none. */
function pythonHooks(t: Tooling, wanted: (group: string) => boolean): HookSpec[] {
  const out: HookSpec[] = [];
  const none = !t.flake8 && !t.black && !t.isort && !t.ufmt && !t.ruff;
  if (wanted('python-lint')) {
    if (t.flake8 && !t.ruff)
      out.push({
        pin: PINS.flake8,
        hooks: [{ id: 'flake8', group: 'python-lint', lines: [] }],
        because: 'Python files: flake8, which the repository configures',
      });
    else
      out.push({
        pin: PINS.ruff,
        hooks: [{ id: 'ruff-check', group: 'python-lint', lines: [] }],
        because: none ? 'Python files: ruff check (the repository configures no linter)' : 'Python files: ruff check, which the repository configures',
      });
  }
  if (wanted('python-format')) {
    if (t.ufmt)
      out.push({
        pin: PINS.ufmt,
        hooks: [{ id: 'ufmt', group: 'python-format', lines: [] }],
        because: 'Python files: ufmt (black and usort), which the repository configures',
      });
    else if (t.black)
      out.push({
        pin: PINS.black,
        hooks: [{ id: 'black', group: 'python-format', lines: [] }],
        because: 'Python files: black, which the repository configures',
      });
    else if (t.ruff || none)
      out.push({
        pin: PINS.ruff,
        hooks: [{ id: 'ruff-format', group: 'python-format', lines: ['args: [--check]'] }],
        because: 'Python files: ruff format --check',
      });
  }
  if (t.isort && !t.ufmt && wanted('python-imports'))
    out.push({
      pin: PINS.isort,
      hooks: [{ id: 'isort', group: 'python-imports', lines: [] }],
      because: 'Python files: isort, which the repository configures',
    });
  // Two specs on one hook repository become one entry.
  const merged: HookSpec[] = [];
  for (const spec of out) {
    const same = merged.find((m) => m.pin === spec.pin);
    if (same) {
      same.hooks.push(...spec.hooks);
      same.because = `${same.because}; ${spec.because.replace(/^Python files: /, '')}`;
    } else merged.push({ ...spec, hooks: [...spec.hooks] });
  }
  return merged;
}

export function actionlintHook(): HookSpec {
  return { pin: PINS.actionlint, hooks: [{ id: 'actionlint', group: 'actionlint', lines: [] }], because: 'GitHub workflows: actionlint (M05)' };
}

/** One `- repo:` entry at the given indentation of the `repos:` list; `exclude` goes on each hook (merging into a file whose top-level exclude is the user's). */
export function repoBlock(spec: HookSpec, indent: string, exclude?: string): string {
  const head = spec.local
    ? [`${indent}- repo: local`]
    : [`${indent}- repo: https://github.com/${spec.pin!.repo}`, `${indent}  rev: ${spec.pin!.sha}  # frozen: ${spec.pin!.version}`];
  const hooks = spec.hooks.flatMap((h) => [
    `${indent}    - id: ${h.id}`,
    ...h.lines.map((l) => `${indent}      ${l}`),
    ...(exclude ? [`${indent}      exclude: ${quoted(exclude)}`] : []),
  ]);
  return [...head, `${indent}  hooks:`, ...hooks].join('\n');
}

/** A regex as a single-quoted YAML scalar: backslashes stay as they are. */
function quoted(regex: string): string {
  return `'${regex.replace(/'/g, "''")}'`;
}

/** `^(third_party/fmt|extern/zlib)/`: the vendored roots `sbom` found, which no hook should rewrite. */
export function excludeRegex(roots: readonly string[]): string | undefined {
  if (roots.length === 0) return undefined;
  const escaped = [...new Set(roots)].sort().map((r) => r.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(${escaped.join('|')})/`;
}

export function newConfig(specs: HookSpec[], exclude?: string): string {
  return [
    '# pre-commit hooks (M13), written by `groundwork init pre-commit`.',
    '# Install once: pip install pre-commit && pre-commit install',
    '# Run on everything: pre-commit run --all-files',
    '# Revs are frozen to commit SHAs; update with: pre-commit autoupdate --freeze',
    ...(exclude ? ['# Vendored third-party code (groundwork sbom) is not ours to restyle:', `exclude: ${quoted(exclude)}`] : []),
    'repos:',
    ...specs.map((s) => repoBlock(s, '  ')),
    '',
  ].join('\n');
}

/**
 * Adds the hooks an existing configuration lacks as new `- repo:` entries after its last one,
 * leaving every existing byte in place; hooks whose id is already configured are not added again.
 */
export function mergeConfig(existing: SourceFile, specs: HookSpec[], exclude?: string): { text: string; added: string[] } {
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
  const block = missing.map((s) => repoBlock(s, indent, exclude)).join('\n');
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
