import { nameKey } from './merge.js';
import type { TreeSnapshot } from './tree.js';
import { archiveRef } from './upstream-url.js';

/**
 * Who the repository itself is: its origin, and the names its own build gives it (root CMake
 * `project()`, `module()` in MODULE.bazel, meson `project()`, `[project] name`). A declaration of
 * any of these is the project, not a dependency.
 */
export function selfNames(tree: TreeSnapshot, origin: string | undefined): { key?: string; names: Set<string> } {
  const names = new Set<string>();
  const ref = origin ? archiveRef(origin) : undefined;
  if (ref?.github) names.add(nameKey(ref.github.split('/')[1]!));
  const grab = (file: string, re: RegExp) => {
    const m = re.exec(tree.read(file) ?? '');
    if (m) names.add(nameKey(m[1]!));
  };
  grab('CMakeLists.txt', /^\s*project\s*\(\s*"?([\w.+-]+)/im);
  grab('MODULE.bazel', /^\s*module\s*\([^)]*?\bname\s*=\s*"([^"]+)"/m);
  grab('meson.build', /^\s*project\s*\(\s*'([^']+)'/m);
  grab('pyproject.toml', /^\[project\][^[]*?^name\s*=\s*"([^"]+)"/ms);
  names.delete('');
  return { key: ref?.key.includes('/') && !ref.key.startsWith('/') ? ref.key : undefined, names };
}
