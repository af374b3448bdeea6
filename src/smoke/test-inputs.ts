import { dirOf } from './paths.js';
/**
 * Python files that are data, not code: the inputs of tests. They are not analysed (they may be
 * broken on purpose: a linter's test cases, a compiler's error tests), and are counted instead.
 *
 * - Folders of test inputs by name: `fixtures/`, `testdata/`, `test_data/` anywhere; `data/`,
 *   `resources/`, `inputs/` … inside a test folder.
 * - In a test folder that is not part of a library package, a file that no runner collects
 *   (pytest's `python_files`, unittest's `test*.py`), that is no conftest.py, and that no code
 *   reaches through imports: nothing runs it as code.
 * - A file that does not parse, outside any package and imported by nothing: a template or an old
 *   script, not the project's Python.
 */

/** Folder names that hold test inputs wherever they are. */
const INPUT_DIR = /^(?:fixtures?|__fixtures__|test_?data|test-data|testfiles|test_files|test-files|__snapshots__|snapshots|cassettes)$/i;
/** Folder names that hold test inputs inside a test folder (`tests/data/`, pylint's `regrtest_data/`). */
const INPUT_DIR_IN_TESTS = /^(?:\w*[_-])?(?:data|resources?|inputs?|samples?|examples?|expected|golden|corpus|cases)$/i;
/** A cheap first test: every input folder name holds one of these. */
const INPUT_HINT = /fixture|data|snapshot|cassette|test|file/i;

/** Folder names of test suites (`test`, `tests`, `testing`, `unittests`, `test cases`, `integration_tests` …). */
const TEST_DIR = /^(?:tests?|testing|unit_?tests?|test[ _-]?(?:cases?|suites?)|[\w-]*[_-]tests?|tests?[_-][\w-]*)$/i;

export function isTestDir(name: string): boolean {
  return TEST_DIR.test(name);
}

/** Whether a path is inside a folder of test inputs by that folder's name. */
export function inInputFolder(path: string): boolean {
  if (!INPUT_HINT.test(path)) return false;
  const parts = path.split('/');
  parts.pop();
  let inTests = false;
  for (const p of parts) {
    if (INPUT_DIR.test(p) || (inTests && INPUT_DIR_IN_TESTS.test(p))) return true;
    if (TEST_DIR.test(p)) inTests = true;
  }
  return false;
}

export interface InputContext {
  /** Whether a folder is a regular package (has `__init__.py`). */
  isPackageDir: (dir: string) => boolean;
  isCollectedTest: (path: string) => boolean;
  /** The repository files each analysed file imports. */
  imports: ReadonlyMap<string, readonly string[]>;
  /** Files with syntax problems. */
  broken: ReadonlySet<string>;
}

/**
 * The files among `analysed` that are test inputs or do not parse as the project's Python, by the
 * rules above. Reachability starts from every file that is code for sure: outside test folders,
 * collected tests, conftest.py files.
 */
export function testInputs(analysed: readonly string[], c: InputContext): { inputs: Set<string>; unparsable: Set<string> } {
  const inTestTree = new Map<string, boolean>();
  for (const path of analysed) inTestTree.set(path, inTestFolder(path, c.isPackageDir));
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (p: string) => {
    if (!reached.has(p)) {
      reached.add(p);
      queue.push(p);
    }
  };
  for (const path of analysed) if (!inTestTree.get(path) || c.isCollectedTest(path)) reach(path);
  // Importing a package module runs the package's __init__ files first: found once per folder, not per import.
  const initsAbove = new Map<string, string[]>();
  const initsOf = (dir: string) => {
    let inits = initsAbove.get(dir);
    if (!inits) {
      inits = [];
      for (let d = dir; d && c.isPackageDir(d); d = dirOf(d))
        for (const init of [`${d}/__init__.py`, `${d}/__init__.pyi`]) if (c.imports.has(init)) inits.push(init);
      initsAbove.set(dir, inits);
    }
    return inits;
  };
  while (queue.length) {
    const p = queue.pop()!;
    for (const target of c.imports.get(p) ?? []) {
      reach(target);
      for (const init of initsOf(dirOf(target))) reach(init);
    }
  }
  const inputs = new Set<string>();
  const unparsable = new Set<string>();
  for (const path of analysed) {
    if (inTestTree.get(path) && !reached.has(path)) inputs.add(path);
    else if (c.broken.has(path) && !c.isPackageDir(dirOf(path)) && !importedByOthers(path, c.imports)) unparsable.add(path);
  }
  return { inputs, unparsable };
}

/** In a test folder that is not part of a library package (`tests/`, not `numpy/_core/tests/`). */
export function inTestFolder(path: string, isPackageDir: (dir: string) => boolean): boolean {
  if (!/test/i.test(path)) return false;
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (!TEST_DIR.test(parts[i]!)) continue;
    const parent = parts.slice(0, i).join('/');
    return !(parent && isPackageDir(parent));
  }
  return false;
}

function importedByOthers(path: string, imports: ReadonlyMap<string, readonly string[]>): boolean {
  for (const [from, targets] of imports) if (from !== path && targets.includes(path)) return true;
  return false;
}
