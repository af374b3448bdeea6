import type { Milestone, Verification } from './ledger.js';

/** Why a verification means less than it seems: it cannot fail, or it passes for the wrong outcome. */
export interface VerificationFlaw {
  kind: 'cannot-fail' | 'inverted';
  reason: string;
  /** The line of the source document the flaw is shown on. */
  line?: number;
  confidence: 'high' | 'medium' | 'low';
}

/** Reads a repository file, or undefined when it does not exist (yet). */
export type ReadFile = (path: string) => string | undefined;

const NO_RESULTS = /\b(returns?|gives?|prints?|finds?)\s+(0|zero|no)\s+(results?|matches?|lines?|hits?)\b/i;

/**
 * Judges a milestone's verification before running it: a command whose exit code cannot change
 * (`python test_x.py` on a pytest-style module, `… || true`), a grep whose "returns 0 results"
 * means exit code 1, prose that accepts both outcomes. The file it runs is read from the repository,
 * or from the code the source document shows for it when the file does not exist yet.
 */
export function analyseVerification(m: Milestone, read: ReadFile): VerificationFlaw[] {
  const v = m.verification;
  if (!v) return [];
  const line = m.lines.verification;
  const flaws: VerificationFlaw[] = [];
  const stated = v.stated ?? '';
  if (v.kind === 'command') {
    flaws.push(...commandFlaws(v, m, read, line));
  } else if (/\bor\s+states?\b[^.]*\bif clean\b|\beither way\b/i.test(stated)) {
    flaws.push({
      kind: 'cannot-fail',
      reason: `the stated check "${stated}" is met whatever the document says: it accepts both outcomes`,
      line,
      confidence: 'medium',
    });
  }
  return flaws;
}

function commandFlaws(v: Extract<Verification, { kind: 'command' }>, m: Milestone, read: ReadFile, line?: number): VerificationFlaw[] {
  const flaws: VerificationFlaw[] = [];
  const run = v.run.trim();
  if (/(\|\|\s*(true|:|exit 0)|;\s*(true|exit 0))\s*$/.test(run)) {
    flaws.push({ kind: 'cannot-fail', reason: `\`${run}\` ends by forcing exit status 0, so it passes whatever happened before`, line, confidence: 'high' });
  }
  const grep = /^(?:(!)\s*)?(?:e|f)?grep\b(.*)$/.exec(run);
  if (grep && !grep[1] && v.expect === 0 && NO_RESULTS.test(v.stated ?? '')) {
    const pattern = /["']([^"']+)["']/.exec(grep[2]!)?.[1];
    const tags =
      pattern && /^@(main|master)$/.test(pattern)
        ? ` It also looks for ${pattern} only: mutable tags such as @v4 pass unnoticed (\`groundwork pin --check\` checks every ref).`
        : '';
    flaws.push({
      kind: 'inverted',
      reason: `\`${run}\` exits 1 when it finds nothing, so "returns 0 results" is exit code 1, yet exit 0 is expected: as written it passes only while the pattern is still there. Use \`! ${run}\` or expect exit 1.${tags}`,
      line,
      confidence: 'high',
    });
  }
  const py = /^python3?\s+(?!-)(\S+\.py)\s*$/.exec(run);
  if (py) {
    const path = py[1]!;
    const fromRepo = read(path);
    const sketch = m.sketches?.find((s) => s.path === path);
    const text = fromRepo ?? sketch?.text;
    if (text !== undefined && definesButNeverRunsTests(text)) {
      flaws.push({
        kind: 'cannot-fail',
        reason: `\`${run}\` only defines the test functions of ${path} and never calls them, so it exits 0 whatever they would assert${fromRepo === undefined ? ' (judged from the code the document shows)' : ''}. Run it with \`python -m pytest ${path}\`, or give the module a \`__main__\` block that runs its tests.`,
        line: fromRepo === undefined && sketch ? sketch.line : line,
        confidence: 'high',
      });
    }
  }
  return flaws;
}

/** A pytest-style module: test functions or classes, and nothing at top level that would run them. */
export function definesButNeverRunsTests(text: string): boolean {
  if (!/^(def test_\w*|class Test\w*)/m.test(text)) return false;
  if (/^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m.test(text)) return false;
  // A top-level call of a test function or of a runner also makes failures reach the exit code.
  if (/^(test_\w+\(|unittest\.main\(|pytest\.main\(|sys\.exit\()/m.test(text)) return false;
  return true;
}
