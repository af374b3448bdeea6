/** Folder names under which copied third-party code conventionally lives. */
export const DEFAULT_VENDOR_ROOTS: readonly string[] = [
  'third_party',
  'third-party',
  'thirdparty',
  '3rdparty',
  'vendor',
  'vendored',
  'extern',
  'external',
  'subprojects',
];

const LICENCE_FILE = /^(?:un)?licen[cs]e|^copying|^copyright|^notice|^patents$|[-_.]licen[cs]e(?:\.\w+)?$/i;
const MANIFESTS = new Set([
  'package.json',
  'setup.py',
  'pyproject.toml',
  'cargo.toml',
  'cmakelists.txt',
  'meson.build',
  'configure.ac',
  'module.bazel',
  'build.bazel',
  'makefile',
  'go.mod',
  'version',
  'version.txt',
  'readme.chromium',
  'readme.thirdparty',
  'vcpkg.json',
  'conanfile.py',
  'library.json',
]);

export function isLicenceFile(name: string): boolean {
  return LICENCE_FILE.test(name) && !/\.(c|cc|cpp|h|hpp|py|js|ts|go|rs|java|html|css)$/i.test(name);
}

export function isManifest(name: string): boolean {
  return MANIFESTS.has(name.toLowerCase());
}
