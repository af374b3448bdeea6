import { at, parseToml, strings, table } from './toml.js';
import { own } from '../core/own.js';

/** Distribution names whose import name differs from the normalised distribution name. */
const IMPORT_NAMES: Record<string, string[]> = {
  pyyaml: ['yaml'],
  pillow: ['PIL'],
  'scikit-learn': ['sklearn'],
  'scikit-image': ['skimage'],
  beautifulsoup4: ['bs4'],
  protobuf: ['google.protobuf'],
  'opencv-python': ['cv2'],
  'opencv-python-headless': ['cv2'],
  'python-dateutil': ['dateutil'],
  'typing-extensions': ['typing_extensions'],
  'importlib-metadata': ['importlib_metadata'],
  pyzmq: ['zmq'],
  attrs: ['attr', 'attrs'],
  'msgpack-python': ['msgpack'],
  pytest: ['pytest', '_pytest'],
  'jax-cuda12-plugin': ['jax_cuda12_plugin'],
  'tensorflow-cpu': ['tensorflow'],
  'faiss-cpu': ['faiss'],
  pycryptodome: ['Crypto'],
  setuptools: ['setuptools', 'pkg_resources'],
  'python-magic': ['magic'],
  pywin32: ['win32api', 'win32con'],
  'huggingface-hub': ['huggingface_hub'],
  sentencepiece: ['sentencepiece'],
  'lm-eval': ['lm_eval'],
};

export interface DeclaredDependencies {
  /** Import names of the dependencies every install has. */
  core: Set<string>;
  /** Import names of extras, dev and test requirements. */
  optional: Set<string>;
  /**
   * First parts of dependency names made of several (`jaraco.classes`, `google-auth`): namespace
   * packages that the dependencies may also install into, so a piece missing from the repository's
   * portion of such a namespace may be theirs.
   */
  namespaces: Set<string>;
}

/** The distribution name a requirement starts with. */
function distributionName(requirement: string): string | undefined {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1];
}

/**
 * The namespace package a requirement installs into: `jaraco` for `jaraco.classes`, `google` for
 * `google-cloud-storage` and for protobuf (`google.protobuf`); nothing for a one-part name.
 */
export function dependencyNamespace(requirement: string): string | undefined {
  const dotted = importNamesOf(requirement).find((n) => n.includes('.'));
  if (dotted) return dotted.split('.')[0];
  const parts = distributionName(requirement)?.toLowerCase().split(/[-_.]/);
  return parts && parts.length > 1 ? parts[0] : undefined;
}

/** The top-level import names a requirement such as `PyYAML>=6; python_version>"3"` provides. */
export function importNamesOf(requirement: string): string[] {
  const dist = distributionName(requirement);
  if (!dist) return [];
  const key = dist.toLowerCase().replace(/[._]/g, '-');
  return own(IMPORT_NAMES, key) ?? [key.replace(/-/g, '_')];
}

/**
 * Requirements in a pyproject.toml: `[project] dependencies` (core), `optional-dependencies` and
 * `[dependency-groups]` (optional), poetry's dependency tables (their keys).
 */
export function pyprojectRequirements(text: string): { core: string[]; optional: string[] } {
  const doc = parseToml(text);
  const poetry = table(at(doc, 'tool', 'poetry'));
  const groups = Object.values(table(poetry?.group) ?? {}).map((g) => Object.keys(table(table(g)?.dependencies) ?? {}));
  const core = [...strings(at(doc, 'project', 'dependencies')), ...Object.keys(table(poetry?.dependencies) ?? {}).filter((k) => k !== 'python')];
  const optional = [
    ...Object.values(table(at(doc, 'project', 'optional-dependencies')) ?? {}).flatMap(strings),
    ...Object.values(table(doc?.['dependency-groups']) ?? {}).flatMap(strings),
    ...groups.flat(),
  ];
  return { core, optional };
}

/** Lines of a requirements file, without options, comments and includes. */
export function requirementsLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('-') && !l.includes('://'));
}

/** `install_requires=[…]` strings in a setup.py. */
export function setupRequires(text: string): string[] {
  const m = /install_requires\s*=\s*\[([^\]]*)\]/.exec(text);
  return m ? [...m[1]!.matchAll(/["']([^"']+)["']/g)].map((x) => x[1]!) : [];
}
