/** Whether third-party code ends up in what the repository ships. */
export type Scope = 'shipped' | 'test-only' | 'build-only' | 'unknown';

/** Folders whose contents only tests, benchmarks or fuzzers use. */
const TEST_DIR = /^(?:tests?|testing|unittests?|test[_-]?suite|benchmarks?|bench|perf|fuzz|fuzzing|fuzzers?|testdata|test[_-]data|examples?|samples?)$/i;

/**
 * Folders whose build files are data, not the repository's own build: a build tool's test cases,
 * fixtures, documentation snippets and project templates declare nothing for this repository.
 */
const NOT_THE_BUILD = /^(?:test ?cases|fixtures?|testdata|test[_-]data|docs?|documentation|manual[ _-]tests|templates?|cookiecutter.*|skeletons?)$/i;

export function isTestPath(path: string): boolean {
  return path
    .split('/')
    .slice(0, -1)
    .some((p) => TEST_DIR.test(p));
}

export function isNotTheBuild(path: string): boolean {
  return path
    .split('/')
    .slice(0, -1)
    .some((p) => NOT_THE_BUILD.test(p) || /\{\{.*\}\}/.test(p));
}

/** A CMake `if()` condition or a gclient/Bazel condition that only tests and benchmarks take. */
export function isTestCondition(condition: string): boolean {
  return (
    /(?:^|[^A-Za-z])(?:BUILD_TESTING|\w*_?TESTS?\b|\w*_?TESTING\b|\w*BENCHMARKS?\b|\w*FUZZ\w*|\w*EXAMPLES?\b)/i.test(condition) &&
    !/^NOT\b/i.test(condition.trim())
  );
}

/** Several sites of one upstream: shipped if any ships it; unknown if any site is unsure; else test-only or build-only. */
export function mergeScope(scopes: readonly Scope[]): Scope {
  if (scopes.includes('shipped')) return 'shipped';
  if (scopes.includes('unknown') || scopes.length === 0) return 'unknown';
  return scopes.every((s) => s === 'build-only') ? 'build-only' : 'test-only';
}
