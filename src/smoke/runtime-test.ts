import type { PythonProject } from './project.js';
import { CONDITIONAL, EXPECTS_FAILURE, GUARDED, IN_FALLBACK, IN_FUNCTION, IN_TYPE_CHECKING, PATH_CHECK, SKIPPED, UNREACHABLE } from './records.js';

/** Imports that do not run when the module is imported, or may fail without failing it. */
const NOT_AT_IMPORT = IN_FUNCTION | IN_TYPE_CHECKING | GUARDED | CONDITIONAL | IN_FALLBACK | EXPECTS_FAILURE | PATH_CHECK | SKIPPED | UNREACHABLE;

/** The seed's path for the runtime test. */
export const DEFAULT_TEST_PATH = 'test/test_import_smoke.py';

/** Top-level directories that hold no library code, never tested as packages. */
const NOT_LIBRARY = new Set([
  'test',
  'tests',
  'testing',
  'benchmark',
  'benchmarks',
  'examples',
  'example',
  'docs',
  'doc',
  'tools',
  'scripts',
  'build',
  'setup',
  'conftest',
  'third_party',
  'src',
]);

export interface PublicModule {
  module: string;
  /** Literal `__all__` names the module must define. */
  names: string[];
  /** Third-party modules its import needs that are not core dependencies. */
  optional: string[];
}

export interface GeneratedTest {
  text: string;
  modules: number;
  withNames: number;
  withOptional: number;
}

interface ProjectModule {
  py: string;
  /** The sys.path folder it is imported from. */
  home: string;
}

/** Every Python source module of the repository's packages, by dotted name. */
function projectModules(project: PythonProject): Map<string, ProjectModule> {
  const out = new Map<string, ProjectModule>();
  const { homes } = project.layout;
  for (const path of project.scans.keys()) {
    if (!path.endsWith('.py')) continue;
    const dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
    if (!homes.topPackage(dir)) continue;
    const id = homes.identity(path);
    // A package the build maps to its name (package_dir) has no folder to put on sys.path: it is tested once installed.
    if (id && id.home !== undefined && !out.has(id.name)) out.set(id.name, { py: path, home: id.home });
  }
  return out;
}

/**
 * The public modules of the repository's packages, the way PyTorch's test_public_bindings sees
 * them: no underscore component, no test modules, none that raise at import on purpose.
 */
export function publicModules(project: PythonProject, packages: readonly string[] = []): { packages: string[]; modules: PublicModule[]; homes: string[] } {
  const { scans } = project;
  const all = projectModules(project);
  const tops = packages.length
    ? packages.map((p) => p.replace(/\//g, '.').replace(/\.$/, ''))
    : [...new Set([...project.layout.homes.allHomes().values()].map((h) => h.name))]
        .filter((n) => !NOT_LIBRARY.has(n.split('.')[0]!) && !n.startsWith('_'))
        .sort();
  const modules: PublicModule[] = [];
  const homes = new Set<string>();
  for (const [name, m] of all) {
    if (!tops.some((t) => name === t || name.startsWith(`${t}.`))) continue;
    homes.add(m.home);
    const parts = name.split('.');
    if (parts.some((p) => p.startsWith('_') || p === 'test' || p === 'tests' || p.startsWith('test_') || p.endsWith('_test') || p === 'conftest')) continue;
    const scan = scans.get(m.py);
    if (!scan || scan.raisesAtTopLevel || scan.problems.length) continue;
    modules.push({ module: name, names: scan.all && !scan.allDynamic ? [...new Set(scan.all)] : [], optional: optionalDependencies(project, all, name) });
  }
  modules.sort((a, b) => (a.module < b.module ? -1 : 1));
  return { packages: tops, modules, homes: [...homes].sort() };
}

/** Third-party modules imported, unguarded, while `module` and what it imports internally are loaded. */
function optionalDependencies(project: PythonProject, all: Map<string, ProjectModule>, module: string): string[] {
  const { scans, resolver, dependencies } = project;
  const external = new Set<string>();
  const parts = module.split('.');
  const queue = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  const seen = new Set(queue);
  while (queue.length) {
    const name = queue.shift()!;
    const file = all.get(name)?.py;
    const scan = file ? scans.get(file) : undefined;
    if (!file || !scan) continue;
    for (const record of scan.imports) {
      if (record.context & NOT_AT_IMPORT) continue;
      const r = resolver.resolve(file, record);
      if ((r.category === 'third-party' || r.category === 'unknown') && r.module) external.add(r.module.split('.')[0]!);
      if (r.category !== 'internal' || !r.module) continue;
      const next = [r.module, ...record.names.map((n) => `${r.module}.${n.name}`).filter((n) => all.has(n))];
      for (const n of next) {
        const chain = n.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'));
        for (const c of chain)
          if (!seen.has(c)) {
            seen.add(c);
            queue.push(c);
          }
      }
    }
  }
  return [...external].filter((n) => !dependencies.core.has(n)).sort();
}

/** The Python source of the runtime test: a data table and a short unittest body. */
export function runtimeTest(project: PythonProject, options: { testPath: string; rootFromTest: string; packages?: readonly string[] }): GeneratedTest {
  const { packages, modules, homes } = publicModules(project, options.packages);
  const fromTest = (r: string) => [options.rootFromTest, r].filter(Boolean).join('/') || '.';
  const roots = homes.map(fromTest);
  const row = (m: PublicModule) => `    (${py(m.module)}, ${tuple(m.names)}, ${tuple(m.optional)}),`;
  const text = `# Generated by \`groundwork smoke --write-test\` (M01) from the repository's own sources.
# Regenerate it when modules are added or removed; do not edit the table by hand.
"""Import smoke test: imports every public module and checks the names its literal __all__ lists.

Run it after the build, or against nightly binaries:
    python ${options.testPath}        or        python -m pytest ${options.testPath}
The static check \`groundwork smoke\` runs before the build; this test catches what only a real
import shows. Every module is its own test, so every failure is reported, not only the first.
"""
import importlib
import importlib.util
import os
import sys
import unittest

PACKAGES = ${tuple(packages)}

_HERE = os.path.dirname(os.path.abspath(__file__))
_CHECKOUT = os.path.normpath(os.path.join(_HERE, ${py(options.rootFromTest || '.')}))
# The folders of this checkout that the packages are imported from.
_ROOTS = ${tuple(roots)}


def _in_checkout(path):
    path = os.path.abspath(path or os.getcwd())
    return path == _CHECKOUT or path.startswith(_CHECKOUT + os.sep)


def _installed(package):
    """Where \`package\` is installed outside this checkout, looked up with the checkout off sys.path; None if nowhere."""
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if not _in_checkout(p)]
    try:
        spec = importlib.util.find_spec(package.split(".")[0])
    except (ImportError, ValueError):
        spec = None
    finally:
        sys.path[:] = saved
    if spec is None:
        return None
    places = [p for p in list(spec.submodule_search_locations or []) + [spec.origin] if p and p not in ("built-in", "frozen")]
    outside = [p for p in places if not _in_checkout(p)]
    return outside[0] if outside else None


# An installed package is tested as installed, from outside the checkout: some packages refuse to
# import from their source folder (numpy, h5py), and a wheel is what users get. Otherwise the
# checkout is tested, also when this file is run as a script.
_PLACES = {package: _installed(package) for package in PACKAGES}
if PACKAGES and all(_PLACES.values()):
    sys.path[:] = [p for p in sys.path if not _in_checkout(p)]
    TESTED = "the installed packages (" + ", ".join(f"{p} from {place}" for p, place in _PLACES.items()) + "), not the checkout"
else:
    for _root in reversed(_ROOTS):
        _path = os.path.normpath(os.path.join(_HERE, _root))
        if _path not in sys.path:
            sys.path.insert(0, _path)
    TESTED = "the checkout at " + _CHECKOUT + " (no installed package found)"

# (module, names it must define, optional third-party modules it needs)
MODULES = (
${modules.map(row).join('\n')}
)


def missing_optional(names):
    missing = []
    for name in names:
        try:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
        except (ImportError, ValueError):
            missing.append(name)
    return missing


class ImportSmokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        print(f"import smoke test: testing {TESTED}", file=sys.stderr)
        broken = []
        for package in PACKAGES:
            try:
                importlib.import_module(package)
            except Exception as e:  # noqa: BLE001 - any failure means the package is unusable
                broken.append(f"{package}: {type(e).__name__}: {e}")
        if broken:
            raise RuntimeError("the package itself cannot be imported, so no module can be checked:\\n  " + "\\n  ".join(broken))

    def check_module(self, module, names, optional):
        missing = missing_optional(optional)
        if missing:
            self.skipTest(f"{module} needs {', '.join(missing)}, which is not installed")
        try:
            mod = importlib.import_module(module)
        except Exception as e:  # noqa: BLE001 - report the failure, whatever it is
            self.fail(f"import {module} failed: {type(e).__name__}: {e}")
        absent = [name for name in names if not hasattr(mod, name)]
        if absent:
            self.fail(f"{module} does not define {', '.join(absent)}, listed in its __all__")


def _add_tests():
    for module, names, optional in MODULES:
        def test(self, module=module, names=names, optional=optional):
            self.check_module(module, names, optional)

        test.__name__ = "test_import_" + module.replace(".", "__")
        test.__doc__ = f"import {module}"
        setattr(ImportSmokeTest, test.__name__, test)


_add_tests()

if __name__ == "__main__":
    unittest.main()
`;
  return {
    text,
    modules: modules.length,
    withNames: modules.filter((m) => m.names.length).length,
    withOptional: modules.filter((m) => m.optional.length).length,
  };
}

function py(s: string): string {
  return JSON.stringify(s);
}

function tuple(items: readonly string[]): string {
  if (items.length === 0) return '()';
  return `(${items.map(py).join(', ')}${items.length === 1 ? ',' : ''})`;
}
