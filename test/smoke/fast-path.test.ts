import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scanPython } from '../../src/smoke/scanner.js';
import { FIXTURES } from '../helpers/tmp-repo.js';

/** Lines the fast path passes over or reads only in part, each next to what makes it matter. */
const TRICKY = [
  'def f():\n    x = 1; import semicolon_import\n',
  'def f():\n    s = "never closed\n    import after_bad_string\n',
  'def f():\n    t = (1,\n    import in_brackets_is_not_an_import\n',
  'def f():\n    y = f"{d["k"]:>{w}}" ; import after_fstring\n',
  "def f():\n    z = rb\"\\\" + '\\''\n    import after_escapes\n",
  'def f():\n    if x: import inline_body\n    while y: import inline_loop\n',
  'def f():\n    if TYPE_CHECKING:\n        import only_typing\n',
  'def f():\n    if typing.TYPE_CHECKING:  # comment\n        import only_typing2\n',
  'def f():\n    mod = importlib.import_module("dyn.mod")\n',
  'def f():\n    sys.modules["inj.mod"] = m\n',
  'def f():\n    globals()["name"] = 1\n',
  'def f():\n    try:\n        import guarded\n    except ImportError:\n        pass\n    else:\n        import in_else\n',
  'def f():\n    for i in x:\n        import in_loop\n    else:\n        import loop_else\n',
  'def f():\n    with a as b:\n        import in_with\n',
  'def f():\n    if a:\n        pass\n    elif b:\n        import in_elif\n    else:\n        import in_else\n',
  'def f():\n    if (a and\n            b):\n        import multiline_test\n',
  'def f():\n    if a: \\\n        import continued\n',
  'def f():\n    def g(x={1: 2}, y=lambda: 3):\n        import nested_def\n',
  'def f():\n    class K:\n        import in_class\n',
  'def f():\n    x = 1\n  y = 2\n    import bad_dedent\n',
  'def f():\n    x = )\n    import after_unmatched\n',
  'def f():\n    print "py2"\n',
  'def f():\n    match x:\n        case 1:\n            import in_case\n',
  'def f():\n\tx = 1\n\timport tab_indented\n',
  'def f():\r\n    x = 1\r\n    import crlf\r\n',
  'def f(a=(b := 1)):\n    pass\nclass K(base, metaclass=(M := type)):\n    pass\n',
  'def f():\n    pass\ndef g(): import same_line_def\nclass C: x = 1\n',
  'async def f():\n    async with a as b:\n        import in_async_with\n',
  'class K:\n    x = 1\n    def m(self):\n        return 2\n    import class_level\n',
  '@decorator(x := 1)\ndef f():\n    pass\n',
  'def f():\n    x = """\nimport not_real\n"""\n    import real\n',
  'def f():\n    x = 1  # import in_comment\n    import real2\n',
  // The tail of a number is no string prefix (`1.f` is one number token), and a prefix after a def is a string.
  'def f():\n    x = 1.f"{"\n    import after_number\n',
  'def f():\n    x = .5f"{"\n    import after_number2\n',
  'def f():\n    x = y.f"{"\n    import after_attribute\n',
  'def f"":\n    pass\nclass b"":\n    pass\nclass rb"x":\n    pass\n',
];

/** Python files under `dir` (a bounded walk: every `step`-th file). */
function pythonFiles(dir: string, step: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === '__pycache__' || name === 'site-packages' || name === '.git') continue;
      const path = join(d, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(path);
      else if (st?.isFile() && (name.endsWith('.py') || name.endsWith('.pyi'))) out.push(path);
    }
  };
  walk(dir);
  return out.filter((_, i) => i % step === 0);
}

function sameAsEveryLineRead(text: string, stub = false): string | undefined {
  const fast = scanPython(text, { stub });
  const full = scanPython(text, { stub, tokenizeEveryLine: true });
  try {
    assert.deepEqual(fast, full);
    return undefined;
  } catch (e) {
    return (e as Error).message.slice(0, 400);
  }
}

describe('smoke scanner fast path', () => {
  it('passing lines over gives exactly what reading every line gives, on hand-written edge cases', () => {
    const differences = TRICKY.map((src) => [src, sameAsEveryLineRead(src)] as const).filter(([, d]) => d);
    assert.deepEqual(differences, []);
    // The cases are not vacuous: they hold imports, problems and names for the fast path to lose.
    const all = TRICKY.map((src) => scanPython(src));
    assert.ok(all.filter((s) => s.imports.length > 0).length >= 25);
    assert.ok(all.filter((s) => s.problems.length > 0).length >= 4);
  });

  const stdlib = spawnSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' });
  it('gives exactly the same scan on the local standard library and the fixtures', {
    skip: stdlib.status === 0 ? false : 'python3 is not installed (its standard library is the corpus)',
  }, () => {
    const files = [...pythonFiles(stdlib.stdout.trim(), 2), ...pythonFiles(join(FIXTURES, 'smoke'), 1)];
    assert.ok(files.length > 400, `expected a real corpus, got ${files.length} files`);
    const differences: string[] = [];
    for (const file of files) {
      const d = sameAsEveryLineRead(readFileSync(file, 'latin1'), file.endsWith('.pyi'));
      if (d) differences.push(`${file}: ${d}`);
    }
    assert.deepEqual(differences, []);
  });
});
