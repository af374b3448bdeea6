import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { commandWords } from '../sources/shell-script.js';
import type { ScriptSite } from '../workflows/analysis.js';
import { cmdNatives } from '../workflows/natives-cmd.js';
import { pwshNatives } from '../workflows/natives-pwsh.js';
import { discardedVerdicts } from '../workflows/python-inline.js';
import { resolveCommand } from '../workflows/roles/resolve-command.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'test-result-discarded',
  summary: 'inline Python calls a test entry point that returns its verdict, and throws the verdict away',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'Python exits 0 unless an exception escapes or the code calls `sys.exit`. `python -c "import numpy; numpy.test()"` runs the whole test suite and exits 0 whatever it found: `numpy.test()` (and `scipy.test()`, `astropy.test()`, `statsmodels.test()`, `sympy.test()`, `pywt.test()`) returns its verdict, `pytest.main()` an exit code, `doctest.testmod()` a count of failures, `nose.run()` a boolean, `unittest.main(exit=False)` and `unittest.TextTestRunner().run()` a result object. Called as a statement of its own, the verdict is lost and the step is green with failing tests. Reported in `python -c` (bash, pwsh and cmd steps) and in `shell: python` steps. Not reported: a call whose value is used (`sys.exit(pytest.main([...]))`, `assert numpy.test()`, `r = …` then a check), `unittest.main()` (it exits), `pandas.test()` (it calls `sys.exit`), a `.test()` of another package or of something the code did not import (whether it exits is not known).',
    fix: 'Turn the verdict into the exit status: `sys.exit(pytest.main([...]))`, `sys.exit(not numpy.test())` (test() returns True on success), `sys.exit(doctest.testmod().failed > 0)`, `unittest.main()` without `exit=False`; or run the suite through its command line (`python -m pytest --pyargs numpy`).',
    bad: "- name: Test installed wheel\n  run: python -c \"import pytest; pytest.main(['--pyargs', 'mypkg'])\"",
    good: "- name: Test installed wheel\n  run: python -c \"import sys, pytest; sys.exit(pytest.main(['--pyargs', 'mypkg']))\"",
  },
};

const ENTRY_POINT = /\.test\s*\(|\bpytest\.main\b|\bdoctest\.testmod\b|\bnose\.run\b|\bunittest\.main\b|\bTextTestRunner\b/;

interface Inline {
  code: string;
  /** Offset of the code's first character in the site's script. */
  at: number;
}

/** The inline Python of a site: `python -c CODE` arguments, or the whole script of a `shell: python` step. */
function inlinePython(site: ScriptSite): Inline[] {
  if (site.shell.program === 'python') return [{ code: site.value.value, at: 0 }];
  const out: Inline[] = [];
  if (site.parsed) {
    for (const n of site.parsed.nodes) {
      if (n.type !== 'command') continue;
      const words = commandWords(n);
      const r = resolveCommand(words);
      if (r?.program !== 'python') continue;
      const args = n.children.filter((c) => c.field === 'argument');
      const i = args.findIndex((a) => a.text === '-c');
      const code = args[i + 1];
      if (i < 0 || !code) continue;
      const quoted = /^["']/.test(code.text);
      out.push({ code: quoted ? code.text.slice(1, -1) : code.text, at: code.start + (quoted ? 1 : 0) });
    }
    return out;
  }
  const natives =
    site.shell.program === 'cmd'
      ? cmdNatives(site.value.value)
      : site.shell.program === 'pwsh' || site.shell.program === 'powershell'
        ? pwshNatives(site.value.value, site.shell.program)
        : [];
  for (const n of natives) {
    const r = resolveCommand(n.words);
    const i = n.words.indexOf('-c');
    if (r?.program === 'python' && i > 0 && n.words[i + 1]) {
      const code = n.words[i + 1]!;
      const at = site.value.value.indexOf(code, n.start);
      out.push({ code, at: at < 0 ? n.start : at });
    }
  }
  return out;
}

export const testResultDiscarded: WorkflowRule = {
  meta,
  *check(a) {
    // A step run by bash on some legs and pwsh on others is two sites with one text: one finding.
    const seen = new Set<number>();
    for (const site of a.scripts) {
      // Cheap text test first: only a script that names a test entry point can drop its verdict.
      if (!ENTRY_POINT.test(site.value.value)) continue;
      for (const inline of inlinePython(site)) {
        for (const d of discardedVerdicts(inline.code)) {
          const start = inline.at + d.offset;
          const key = scriptSpan(site, start, start).start;
          if (seen.has(key)) continue;
          seen.add(key);
          const finding: FindingDraft = {
            ruleId: meta.id,
            message: `\`${d.call}\` returns ${d.returns} and Python exits 0 whatever it says, in ${scriptLabel(site)}: failing tests leave the step green (role: test, from the call)`,
            span: scriptSpan(site, start, start + Math.min(d.call.length, inline.code.length - d.offset)),
            scope: site.step?.span ?? site.job.idSpan,
            severity: 'high',
            confidence: 'high',
          };
          yield finding;
        }
      }
    }
  },
};
