/**
 * Compiled and generated modules that CMake, Bazel and Buck build, read only when an import is
 * about to be reported missing: an intact tree asks for few folders, and a PyTorch-size one has
 * a thousand build files that would otherwise all be read.
 */
import { bazelModules, cmakeModules } from './build-declarations.js';
import { dirOf } from './paths.js';

function isBazel(base: string): boolean {
  return base === 'BUILD' || base === 'BUILD.bazel' || base === 'BUCK' || base === 'TARGETS' || base.endsWith('.bzl');
}

function isCmake(base: string): boolean {
  return base === 'CMakeLists.txt' || base.endsWith('.cmake');
}

export class NativeBuilds {
  /** Bazel and Buck files by folder. */
  private readonly bazelFiles = new Map<string, string[]>();
  private readonly cmakeFiles: string[] = [];
  private readonly byFolder = new Map<string, Map<string, string>>();
  private cmakeLeaves?: Map<string, string>;

  constructor(
    files: readonly string[],
    private readonly read: (path: string) => string | undefined,
    /** Build files that describe no part of this project (test inputs, environments). */
    skip: (path: string) => boolean,
  ) {
    for (const path of files) {
      const base = path.slice(path.lastIndexOf('/') + 1);
      const bazel = isBazel(base);
      if ((!bazel && !isCmake(base)) || skip(path)) continue;
      if (!bazel) this.cmakeFiles.push(path);
      else {
        const dir = dirOf(path);
        const list = this.bazelFiles.get(dir);
        if (list) list.push(path);
        else this.bazelFiles.set(dir, [path]);
      }
    }
  }

  /** Why a module `leaf` in `dir` is built there by a Bazel or Buck rule of that folder; undefined if none is. */
  builtIn(dir: string, leaf: string): string | undefined {
    let built = this.byFolder.get(dir);
    if (!built) {
      built = new Map();
      for (const path of this.bazelFiles.get(dir) ?? []) {
        const text = this.read(path);
        for (const m of text === undefined ? [] : bazelModules(dir, path, text)) built.set(m.path.slice(m.path.lastIndexOf('/') + 1), m.why);
      }
      this.byFolder.set(dir, built);
    }
    return built.get(leaf);
  }

  /** Why a module of this name is a CMake target (`pybind11_add_module(_C …)`): CMake does not say the package. */
  cmakeTarget(leaf: string): string | undefined {
    if (!this.cmakeLeaves) {
      this.cmakeLeaves = new Map();
      for (const path of this.cmakeFiles) {
        const text = this.read(path);
        for (const d of text === undefined ? [] : cmakeModules(path, text)) this.cmakeLeaves.set(d.name, d.why);
      }
    }
    return this.cmakeLeaves.get(leaf);
  }
}
