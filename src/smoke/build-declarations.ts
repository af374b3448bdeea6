/**
 * Compiled and generated modules declared by build files. Each function reads one file's text and
 * returns dotted names (or bare leaf names when the build file does not say the package).
 */

export interface Declared {
  name: string;
  why: string;
}

const SETUP_EXTENSION = /\b\w*[Ee]xtension\(\s*(?:name\s*=\s*)?f?["']([\w.%{}]+)["']/g;
const CMAKE_MODULE =
  /\b(?:pybind11_add_module|nanobind_add_module|python3?_add_library|Python3?_add_library|Python_add_library)\s*\(\s*([\w-]+)|\badd_library\s*\(\s*([\w-]+)\s+MODULE\b/gi;
/** Bazel rules that build a Python extension (`pybind_extension`, `nanobind_extension`, `py_extension`, macros named so). */
const BAZEL_EXTENSION = /\b\w*_extension\s*\(\s*name\s*=\s*["'](\w+)["']/g;
/** `cc_binary(name = "_x.so", linkshared = 1)`: the old way to build one. */
const BAZEL_SHARED = /\bcc_binary\s*\(\s*name\s*=\s*["'](\w+)\.so["']/g;
/** `genrule(… outs = ["x.py"] …)` and other rules' `outs`: Python files the build writes. */
const BAZEL_OUTS = /\bouts\s*=\s*\[([^\]]*)\]/g;

/**
 * `Extension("pkg.mod", …)`, `CppExtension(name="pkg._C", …)`, or an alias such as
 * `extension("pkg._C", …)` in setup.py. A name formatted at build time (`"dgl._ffi.%s.%s" % …`,
 * `f"pkg.{name}"`) becomes a pattern with `*` for each value.
 */
export function setupExtensions(path: string, text: string): Declared[] {
  return [...text.matchAll(SETUP_EXTENSION)].map((m) => ({ name: m[1]!.replace(/%[sd]|\{[^}]*\}/g, '*'), why: `declared in ${path}` }));
}

/** `pybind11_add_module(_ext …)`, `add_library(_ext MODULE …)` and friends in CMake: the leaf name only. */
export function cmakeModules(path: string, text: string): Declared[] {
  return [...text.matchAll(CMAKE_MODULE)].map((m) => ({ name: (m[1] ?? m[2])!, why: `declared in ${path}` }));
}

/** Modules a Bazel BUILD file builds in its own package folder, by path: extensions (compiled) and rule outputs (generated). */
export function bazelModules(dir: string, path: string, text: string): { path: string; kind: 'compiled' | 'generated'; why: string }[] {
  const at = (leaf: string) => (dir ? `${dir}/${leaf}` : leaf);
  const out: { path: string; kind: 'compiled' | 'generated'; why: string }[] = [];
  for (const m of [...text.matchAll(BAZEL_EXTENSION), ...text.matchAll(BAZEL_SHARED)]) out.push({ path: at(m[1]!), kind: 'compiled', why: `built by ${path}` });
  for (const m of text.matchAll(BAZEL_OUTS)) {
    for (const f of m[1]!.matchAll(/["']([\w/]+)\.py["']/g)) out.push({ path: at(f[1]!), kind: 'generated', why: `written by ${path}` });
  }
  return out;
}
