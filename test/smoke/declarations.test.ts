import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bazelModules, cmakeModules, setupExtensions } from '../../src/smoke/build-declarations.js';
import { dependencyNamespace, importNamesOf, pyprojectRequirements, requirementsLines, setupRequires } from '../../src/smoke/dependencies.js';
import { GitIgnore } from '../../src/smoke/gitignore.js';
import { MesonReader } from '../../src/smoke/meson.js';

describe('smoke: compiled modules and dependencies declared by build files', () => {
  it('reads extension modules from setup.py (aliases and formatted names too), CMake and Bazel', () => {
    const setup =
      'ext = [CppExtension(name="torch._C", sources=s), Extension("pkg.fast", []),\n  extension(\n    "torchrl._torchrl", sources), Extension("dgl._ffi.%s.%s" % (sub, fn))]';
    assert.deepEqual(
      setupExtensions('setup.py', setup).map((d) => d.name),
      ['torch._C', 'pkg.fast', 'torchrl._torchrl', 'dgl._ffi.*.*'],
    );
    assert.deepEqual(
      cmakeModules(
        'CMakeLists.txt',
        'pybind11_add_module(_ext src/a.cpp)\nnanobind_add_module( _nb b.cpp)\nPython_add_library(_py MODULE c.c)\nadd_library(_mod MODULE d.c)\nadd_library(core SHARED e.c)',
      ).map((d) => d.name),
      ['_ext', '_nb', '_py', '_mod'],
    );
    const build = 'pybind_extension(\n    name = "_jax",\n)\ngenrule(name = "g", outs = ["_ops_gen.py", "x.h"])\ncc_binary(name = "_old.so", linkshared = 1)';
    assert.deepEqual(
      bazelModules('jaxlib', 'jaxlib/BUILD', build).map((m) => `${m.kind} ${m.path}`),
      ['compiled jaxlib/_jax', 'compiled jaxlib/_old', 'generated jaxlib/_ops_gen'],
    );
  });

  it('evaluates meson.build: install locations built from variables, loops, subdir(), install_subdir and generated .py outputs', () => {
    const files: Record<string, string> = {
      'meson.build': "py = import('python').find_installation()\nnp_dir = py.get_install_dir() / 'numpy'\nsubdir('numpy')\n",
      'numpy/meson.build': [
        "py.extension_module('_umath', 'a.c', install: true, subdir: 'numpy/_core')",
        "foreach name : ['_rational_tests', '_struct_ufunc_tests']",
        "  py.extension_module(name, name + '.c', install_dir: np_dir / '_core')",
        'endforeach',
        "foreach n, src : {'_a': 'a.c'}",
        "  py.extension_module(n, src, subdir: 'numpy/x')",
        'endforeach',
        "py.extension_module(computed_elsewhere, 'b.c', subdir: 'numpy')",
        "configure_file(input: 'version.py.in', output: 'version.py', install_dir: np_dir)",
        "install_subdir('vendored/array_api_compat', install_dir: np_dir / '_lib')",
        "py.install_sources(['tools/helper.py'], subdir: 'numpy/_utils')",
        "configure_file(input: 'numpy.pc.in', output: 'numpy.pc', install_dir: np_dir / '_core/lib/pkgconfig')",
      ].join('\n'),
    };
    const reader = new MesonReader((p) => files[p]);
    reader.read('');
    const r = reader.install;
    assert.deepEqual(
      r.modules.map((m) => `${m.kind} ${m.name}`),
      [
        'compiled numpy._core._umath',
        'compiled numpy._core._rational_tests',
        'compiled numpy._core._struct_ufunc_tests',
        'compiled numpy.x._a',
        'generated numpy.version',
      ],
    );
    assert.deepEqual(r.unknownModules, ['numpy'], 'a name it cannot evaluate marks the folder');
    assert.deepEqual(
      r.mappings.map((m) => `${m.module} <- ${m.path}`),
      ['numpy._lib.array_api_compat <- numpy/vendored/array_api_compat', 'numpy._utils.helper <- numpy/tools/helper.py'],
    );
    assert.ok(r.dirs.includes('numpy._core.lib.pkgconfig'));
  });

  it("tells what .gitignore rules ignore, in git's order: anchored, any depth, folders, negations", () => {
    const g = new GitIgnore();
    g.add('', '# generated\n/torch/version.py\n*_pb2.py\nbuild/\n_generated/\n*.so\n');
    g.add('pkg', '*\n!keep.py\n');
    assert.ok(g.ignores('torch/version.py'));
    assert.ok(!g.ignores('other/torch/version.py'), 'a leading slash anchors the rule to its .gitignore');
    assert.ok(g.ignores('a/b/onnx_pb2.py'));
    assert.ok(g.ignores('x/_generated/mod.py'), 'a folder rule covers what is under it');
    assert.ok(!g.ignores('x/build.py'), 'a folder rule does not match a file');
    assert.ok(g.ignores('pkg/gen.py'));
    assert.ok(!g.ignores('pkg/keep.py'), 'a negation re-includes');
    assert.ok(!g.ignores('src/mod.py'));
  });

  it('maps declared requirements to import names, core apart from optional, and names their namespaces', () => {
    const toml =
      '[project]\nname = "x"\ndependencies = [\n  "PyYAML>=6",  # yaml\n  "typing-extensions",\n]\n\n[project.optional-dependencies]\ntest = ["pytest", "scikit-learn; python_version>\'3.9\'"]\n\n[tool.poetry.dependencies]\npython = "^3.9"\nrequests = "^2"\n';
    const reqs = pyprojectRequirements(toml);
    assert.deepEqual(reqs.core, ['PyYAML>=6', 'typing-extensions', 'requests']);
    assert.deepEqual(reqs.optional, ['pytest', "scikit-learn; python_version>'3.9'"]);
    assert.deepEqual([...reqs.core, ...reqs.optional].flatMap(importNamesOf), ['yaml', 'typing_extensions', 'requests', 'pytest', '_pytest', 'sklearn']);
    assert.deepEqual(requirementsLines('numpy>=1.24  # arrays\n-r other.txt\n\ngit+https://x/y.git\nfilelock\n'), ['numpy>=1.24', 'filelock']);
    assert.deepEqual(setupRequires('setup(install_requires=["sympy", "networkx>=2"])'), ['sympy', 'networkx>=2']);
    assert.deepEqual(['jaraco.classes', 'google-auth>=2', 'protobuf>=4', 'numpy'].map(dependencyNamespace), ['jaraco', 'google', 'google', undefined]);
  });
});
