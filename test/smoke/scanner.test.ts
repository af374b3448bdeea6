import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { CONDITIONAL, GUARDED, IN_FALLBACK, IN_FUNCTION, IN_TYPE_CHECKING } from '../../src/smoke/records.js';
import { scanPython } from '../../src/smoke/scanner.js';
import { FIXTURES } from '../helpers/tmp-repo.js';
import { astRecords, canonicalImports, python3 } from './canonical.js';

const contextOf = (src: string, module: string) => scanPython(src).imports.find((r) => r.module === module)?.context;

describe('smoke scanner: import records and contexts', () => {
  it('tells module level, function, TYPE_CHECKING, guarded and conditional imports apart', () => {
    const src = [
      'import os',
      'from typing import TYPE_CHECKING',
      'if TYPE_CHECKING:',
      '    from a import A',
      'else:',
      '    import b',
      'try:',
      '    import c',
      'except (ValueError, ImportError):',
      '    import d',
      'def f():',
      '    import e',
      '    try: import g',
      '    except ModuleNotFoundError: pass',
      'for x in y: import h',
      'try:',
      '    import i',
      'except ValueError:',
      '    pass',
    ].join('\n');
    assert.equal(contextOf(src, 'os'), 0);
    assert.equal(contextOf(src, 'a'), IN_TYPE_CHECKING);
    assert.equal(contextOf(src, 'b'), CONDITIONAL);
    assert.equal(contextOf(src, 'c'), GUARDED);
    assert.equal(contextOf(src, 'd'), CONDITIONAL | IN_FALLBACK, 'the handler of except ImportError holds the fallback');
    assert.equal(contextOf(src, 'e'), IN_FUNCTION);
    assert.equal(contextOf(src, 'g'), IN_FUNCTION | GUARDED);
    assert.equal(contextOf(src, 'h'), CONDITIONAL);
    assert.equal(contextOf(src, 'i'), 0, 'a try that does not catch ImportError does not guard');
  });

  it('reads relative, parenthesised, aliased and star imports, and literal import_module calls', () => {
    const s = scanPython(
      'from ..pkg.mod import (a,\n    b as c,\n)\nfrom . import *\nimport importlib\nm = importlib.import_module("x.y")\nn = importlib.import_module(f"x.{v}")\nimport_module(".sub", __name__)\n',
    );
    const [first, star, , dyn, rel] = s.imports;
    assert.deepEqual(
      [first!.level, first!.module, first!.names.map((n) => [n.name, n.asname, n.line])],
      [
        2,
        'pkg.mod',
        [
          ['a', undefined, 1],
          ['b', 'c', 2],
        ],
      ],
    );
    assert.equal(star!.names[0]!.name, '*');
    assert.deepEqual([dyn!.kind, dyn!.module], ['dynamic', 'x.y']);
    assert.deepEqual([rel!.level, rel!.module, rel!.relativeTo], [1, 'sub', 'module']);
    assert.equal(s.imports.length, 5, 'an f-string argument is not a literal');
  });

  it('collects module-level bindings, __all__, injections and what makes a module open', () => {
    const s = scanPython(
      [
        'import a.b, c as d',
        'from e import f as g',
        'x = y = 1',
        'p, (q, *r) = t',
        's[0] = 1',
        'o.attr = 2',
        'ann: int = 3',
        'bare: int',
        'def fn(): global gl; gl = 1',
        'class K: inner = 1',
        'for i in []: pass',
        'with open(p) as fh: pass',
        "__all__ = ['fn', 'K']",
        "__all__ += ['x']",
        "sys.modules['pkg.injected'] = object()",
        "sys.modules[__name__ + '.sub'] = object()",
      ].join('\n'),
    );
    assert.deepEqual(new Set(s.bindings), new Set(['a', 'd', 'g', 'x', 'y', 'p', 'q', 'r', 'ann', 'fn', 'gl', 'K', 'i', 'fh', '__all__']));
    assert.deepEqual(s.all, ['fn', 'K', 'x']);
    assert.deepEqual(s.injected, ['pkg.injected', '.sub']);
    assert.equal(s.openReason, undefined);
    assert.match(scanPython('def __getattr__(name):\n    raise AttributeError(name)\n').openReason ?? '', /__getattr__/);
    assert.match(scanPython('for n in names:\n    globals()[n] = 1\n').openReason ?? '', /globals/);
    assert.equal(scanPython('v = globals()["x"]\n').openReason, undefined, 'reading globals() changes nothing');
  });

  it('skips strings of every kind, including PEP 701 f-strings with nested quotes and format specs', () => {
    const src = 'a = f"{x["k"]:>{w}} {y!r} {{import no}}"\nb = rf"\\{{%(x)"\nc = """\nimport fake\n"""\nd = b\'import fake2\'\nimport real\n';
    assert.deepEqual(
      scanPython(src).imports.map((r) => r.module),
      ['real'],
    );
    assert.deepEqual(scanPython(src).problems, []);
  });

  it('reports Python 2 syntax, unterminated strings and unclosed brackets as problems, and goes on', () => {
    const s = scanPython('import os\nprint "hello"\nexcept_ok = 1\nx = (1,\nimport late\n');
    assert.match(s.problems.map((p) => p.message).join('; '), /Python 2 print statement/);
    assert.match(s.problems.map((p) => p.message).join('; '), /never closed/);
    assert.ok(s.imports.some((r) => r.module === 'os'));
    assert.match(scanPython('s = "abc\nimport after\n').problems[0]!.message, /unterminated string/);
    assert.match(scanPython('s = """abc\n').problems[0]!.message, /unterminated triple-quoted/);
  });

  it('survives very deep nesting without recursion', () => {
    const deep = `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\nimport after\n`;
    const blocks = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(2000)}import inner\n`;
    assert.deepEqual(
      scanPython(deep).imports.map((r) => r.module),
      ['after'],
    );
    assert.equal(scanPython(blocks).imports[0]!.context, CONDITIONAL);
  });
});

describe("smoke scanner agrees with Python's own ast", () => {
  const py = python3();
  it('gives the same import records and module-level names on the fixtures and the local standard library', { skip: py.ok ? false : py.reason }, () => {
    const stdlib = spawnSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).stdout.trim();
    const all = walk(stdlib, (d) => d !== 'site-packages' && d !== '__pycache__');
    // Every 3rd file keeps the run short while covering every package of the standard library.
    const files = [...walk(FIXTURES, () => true).filter((f) => f.includes('/smoke/')), ...all.filter((_, i) => i % 3 === 0)];
    assert.ok(files.length > 300, `expected a real corpus, got ${files.length} files`);
    let compared = 0;
    let records = 0;
    const mismatches: string[] = [];
    for (const ref of astRecords(files)) {
      if (ref.error) continue; // Python itself cannot parse it (Python 2 test data, bad encodings)
      const scan = scanPython(readFileSync(ref.path, 'utf8'), { stub: ref.path.endsWith('.pyi') });
      const mine = canonicalImports(scan);
      records += mine.length;
      compared++;
      if (JSON.stringify(mine) !== JSON.stringify(ref.imports))
        mismatches.push(
          `${ref.path}: scanner ${JSON.stringify(mine.filter((r) => !ref.imports!.includes(r)).slice(0, 3))} ast ${JSON.stringify(ref.imports!.filter((r) => !mine.includes(r)).slice(0, 3))}`,
        );
      else if (JSON.stringify([...new Set(scan.bindings)].sort()) !== JSON.stringify(ref.bindings)) mismatches.push(`${ref.path}: module-level names differ`);
    }
    assert.ok(compared > 300 && records > 2000, `compared ${compared} files, ${records} records`);
    assert.deepEqual(mismatches, []);
  });
});

function walk(dir: string, enter: (name: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) {
      if (enter(name)) walk(path, enter, out);
    } else if (name.endsWith('.py') || name.endsWith('.pyi')) out.push(path);
  }
  return out;
}
