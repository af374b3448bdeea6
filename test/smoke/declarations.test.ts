import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cmakeModules, gitignoredModules, mesonModules, setupExtensions } from '../../src/smoke/build-declarations.js';
import { importNamesOf, pyprojectRequirements, requirementsLines, setupRequires } from '../../src/smoke/dependencies.js';

describe('smoke: compiled modules and dependencies declared by build files', () => {
  it('reads extension modules from setup.py (aliases too), CMake, meson and .gitignore', () => {
    const setup = 'ext = [CppExtension(name="torch._C", sources=s), Extension("pkg.fast", []),\n  extension(\n    "torchrl._torchrl", sources)]';
    assert.deepEqual(setupExtensions('setup.py', setup).map((d) => d.name), ['torch._C', 'pkg.fast', 'torchrl._torchrl']);
    assert.deepEqual(cmakeModules('CMakeLists.txt', 'pybind11_add_module(_ext src/a.cpp)\nnanobind_add_module( _nb b.cpp)\nPython_add_library(_py MODULE c.c)').map((d) => d.name), ['_ext', '_nb', '_py']);
    assert.deepEqual(mesonModules('meson.build', "py.extension_module('_umath',\n  sources,\n  subdir: 'numpy/_core',\n)\npy.extension_module('_top', 'x.c')").map((d) => d.name), ['numpy._core._umath', '_top']);
    assert.deepEqual(gitignoredModules('# generated\n/torch/version.py\ntorch/_C/__init__.pyi\n*.so\nbuild/\n!keep.py\n'), ['torch/version.py', 'torch/_C/__init__.pyi']);
  });

  it('maps declared requirements to import names, core apart from optional', () => {
    const toml = '[project]\nname = "x"\ndependencies = [\n  "PyYAML>=6",  # yaml\n  "typing-extensions",\n]\n\n[project.optional-dependencies]\ntest = ["pytest", "scikit-learn; python_version>\'3.9\'"]\n\n[tool.poetry.dependencies]\npython = "^3.9"\nrequests = "^2"\n';
    const reqs = pyprojectRequirements(toml);
    assert.deepEqual(reqs.core, ['PyYAML>=6', 'typing-extensions', 'requests']);
    assert.deepEqual(reqs.optional, ['pytest', "scikit-learn; python_version>'3.9'"]);
    assert.deepEqual([...reqs.core, ...reqs.optional].flatMap(importNamesOf), ['yaml', 'typing_extensions', 'requests', 'pytest', '_pytest', 'sklearn']);
    assert.deepEqual(requirementsLines('numpy>=1.24  # arrays\n-r other.txt\n\ngit+https://x/y.git\nfilelock\n'), ['numpy>=1.24', 'filelock']);
    assert.deepEqual(setupRequires('setup(install_requires=["sympy", "networkx>=2"])'), ['sympy', 'networkx>=2']);
  });
});
