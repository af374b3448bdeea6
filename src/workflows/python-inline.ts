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

/** The top-level statements of Python code, split on newlines and `;` outside brackets and strings. */
function statements(code: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let depth = 0;
  let quote: string | undefined;
  let from = 0;
  const push = (end: number) => {
    const raw = code.slice(from, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) out.push({ text: raw.trim(), offset: from + lead });
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (code.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = undefined;
      }
      continue;
    }
    if (c === '#') {
      while (i < code.length && code[i] !== '\n') i++;
      i--;
      continue;
    }
    if (c === '"' || c === "'") quote = code.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
    if (quote) {
      i += quote.length - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ';' || c === '\n')) {
      // (A block's indented lines come out as statements too: a verdict dropped there is dropped.)
      push(i);
      from = i + 1;
    }
  }
  push(code.length);
  return out;
}

/** Module names the code imports (`import numpy as np` → np, numpy; `import scipy.sparse` → scipy). */
function imported(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)/g))
    for (const part of m[1]!.split(',')) {
      const [mod, alias] = part.trim().split(/\s+as\s+/);
      names.add(alias ?? mod!.split('.')[0]!);
    }
  return names;
}

/** The test calls of inline Python whose verdict is thrown away. */
export function discardedVerdicts(code: string): DiscardedVerdict[] {
  const modules = imported(code);
  const out: DiscardedVerdict[] = [];
  for (const s of statements(code)) {
    // Only a call that is the whole statement: `sys.exit(numpy.test())`, `assert …`, `r = …`, `if not …` use it.
    const m = /^([A-Za-z_][\w.]*)\s*\(/.exec(s.text);
    if (!m || !s.text.endsWith(')')) continue;
    const callee = m[1]!;
    const [head] = callee.split('.');
    let returns: string | undefined;
    if (callee === 'pytest.main' && modules.has('pytest')) returns = 'an exit code';
    else if (callee === 'doctest.testmod' && modules.has('doctest')) returns = 'a count of failures';
    else if (callee === 'nose.run' && modules.has('nose')) returns = 'a boolean';
    else if (callee === 'unittest.main' && modules.has('unittest') && /\bexit\s*=\s*False\b/.test(s.text)) returns = 'a result object (exit=False)';
    else if (/\.TextTestRunner\(.*\)\.run$/.test(callee) || /^unittest\.TextTestRunner\b/.test(s.text)) returns = 'a result object';
    else if (/^[A-Za-z_]\w*\.test$/.test(callee) && modules.has(head!)) returns = 'its verdict';
    if (returns) out.push({ call: s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text, offset: s.offset, returns });
  }
  return out;
}
