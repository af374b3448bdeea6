import { PythonLexer } from '../smoke/lexer.js';
import { clip } from '../core/clip.js';

/**
 * Python run inline (`python -c "import numpy; numpy.test()"`, a `shell: python` step) exits 0 unless
 * an exception escapes or the code calls `sys.exit`. Test entry points that return their verdict
 * instead of raising it then pass whatever the tests did: `numpy.test()` and its kin return a bool,
 * `pytest.main()` an exit code, `doctest.testmod()` a count of failures, `unittest.main(exit=False)`
 * and `TextTestRunner().run()` a result object. Called as a statement of its own, that verdict is
 * thrown away.
 */
export interface DiscardedVerdict {
  /** The call as written (`numpy.test()`). */
  call: string;
  /** Its offset in the code. */
  offset: number;
  /** What the call returns, for messages. */
  returns: string;
}

/**
 * The statements of Python code: its logical lines (the import scanner's tokenizer joins brackets and
 * `\\` continuations, and knows strings and comments), split at a `;` outside brackets. A block's
 * indented lines come out as statements too: a verdict dropped there is dropped.
 */
function statements(code: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  const L = new PythonLexer(code);
  while (L.nextLine()) {
    let from = 0;
    for (let i = 0; i <= L.count; i++) {
      if (i < L.count && !(L.isOp(i, ';') && L.depth[i] === 0)) continue;
      if (i > from) out.push({ text: code.slice(L.start[from], L.end[i - 1]), offset: L.start[from]! });
      from = i + 1;
    }
  }
  return out;
}

/** The names the code imports modules as, to the module (`import numpy as np` → np: numpy; `import scipy.sparse` → scipy: scipy). */
function imported(code: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)/g))
    for (const part of m[1]!.split(',')) {
      const [mod, alias] = part.trim().split(/\s+as\s+/);
      names.set(alias ?? mod!.split('.')[0]!, mod!.split('.')[0]!);
    }
  return names;
}

/**
 * Packages whose `test()` returns its verdict rather than exiting: numpy and scipy (a bool), astropy,
 * statsmodels and PyWavelets (pytest's status), sympy (a bool). Others differ (pandas' `test()` calls
 * `sys.exit`), so an unknown package's `test()` is not judged.
 */
const RETURNS_VERDICT = new Set(['numpy', 'scipy', 'astropy', 'statsmodels', 'sympy', 'pywt']);

/** The end of the call that opens at `open` (the matching parenthesis), outside strings; -1 if none. */
function callEnd(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The test calls of inline Python whose verdict is thrown away. */
export function discardedVerdicts(code: string): DiscardedVerdict[] {
  const modules = imported(code);
  const out: DiscardedVerdict[] = [];
  for (const s of statements(code)) {
    // Only a call that is the whole statement: `sys.exit(numpy.test())`, `assert …`, `r = …`,
    // `numpy.test() or sys.exit(1)` use it.
    const m = /^([A-Za-z_][\w.]*)\s*\(/.exec(s.text);
    if (!m) continue;
    const end = callEnd(s.text, m[0].length - 1);
    const callee = m[1]!;
    const [head] = callee.split('.');
    const module = modules.get(head!);
    let returns: string | undefined;
    // `unittest.TextTestRunner(verbosity=2).run(suite)`: the runner's call, then `.run(…)` as the whole rest.
    const runner = /^(unittest\.)?TextTestRunner$/.test(callee) && end > 0 ? /^\.run\s*\(/.exec(s.text.slice(end + 1)) : null;
    if (runner) {
      if (callEnd(s.text, end + 1 + runner[0].length - 1) === s.text.length - 1) returns = 'a result object';
    } else if (end !== s.text.length - 1) continue;
    else if (callee === 'pytest.main' && module === 'pytest') returns = 'an exit code';
    else if (callee === 'doctest.testmod' && module === 'doctest') returns = 'a count of failures';
    else if (callee === 'nose.run' && module === 'nose') returns = 'a boolean';
    else if (callee === 'unittest.main' && module === 'unittest' && /\bexit\s*=\s*False\b/.test(s.text)) returns = 'a result object (exit=False)';
    else if (/^[A-Za-z_]\w*\.test$/.test(callee) && module !== undefined && RETURNS_VERDICT.has(module)) returns = 'its verdict';
    if (returns) out.push({ call: clip(s.text, 60), offset: s.offset, returns });
  }
  return out;
}
