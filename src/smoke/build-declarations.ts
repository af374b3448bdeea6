/**
 * Compiled and generated modules declared by build files. Each function reads one file's text and
 * returns dotted names (or bare leaf names when the build file does not say the package).
 */

export interface Declared {
  name: string;
  why: string;
}

const SETUP_EXTENSION = /\b\w*[Ee]xtension\(\s*(?:name\s*=\s*)?["']([\w.]+)["']/g;
const CMAKE_MODULE = /\b(?:pybind11_add_module|nanobind_add_module|python3?_add_library|Python3?_add_library|Python_add_library)\s*\(\s*([\w-]+)/gi;
const MESON_MODULE = /\bextension_module\s*\(\s*['"](\w+)['"]/g;

/** `Extension("pkg.mod", …)`, `CppExtension(name="pkg._C", …)`, or an alias such as `extension("pkg._C", …)` in setup.py. */
export function setupExtensions(path: string, text: string): Declared[] {
  return [...text.matchAll(SETUP_EXTENSION)].map((m) => ({ name: m[1]!, why: `declared in ${path}` }));
}

/** `pybind11_add_module(_ext …)` and friends in CMake: the leaf name only. */
export function cmakeModules(path: string, text: string): Declared[] {
  return [...text.matchAll(CMAKE_MODULE)].map((m) => ({ name: m[1]!, why: `declared in ${path}` }));
}

/** `py.extension_module('_name', …, subdir: 'pkg/sub')` in meson.build. */
export function mesonModules(path: string, text: string): Declared[] {
  const out: Declared[] = [];
  for (const m of text.matchAll(MESON_MODULE)) {
    const call = text.slice(m.index!, closingParen(text, m.index! + m[0].length));
    const subdir = /\bsubdir\s*:\s*['"]([\w/]+)['"]/.exec(call)?.[1];
    out.push({ name: subdir ? `${subdir.replace(/\//g, '.')}.${m[1]}` : m[1]!, why: `declared in ${path}` });
  }
  return out;
}

/** Literal paths in the root .gitignore that name Python files: modules the build generates. */
export function gitignoredModules(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/^\//, '');
    if (!line || line.startsWith('#') || line.startsWith('!') || /[*?[\]]/.test(line)) continue;
    if (/\.pyi?$/.test(line)) out.push(line);
  }
  return out;
}

function closingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return text.length;
}
