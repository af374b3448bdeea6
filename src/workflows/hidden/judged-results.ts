import { CRITICAL_ROLES } from '../roles/role.js';
import { toolRole } from '../roles/tools.js';
import type { JobFacts } from './job-facts.js';
import type { HiddenFailure } from './types.js';

/** A file a test harness writes its results to: `libffi.log`, `testsuite/*.sum`, `results.xml`, `test-suite.trs`. */
const RESULTS = /[\w*}-]\.(log|sum|trs|xml|tap)\b/;

/**
 * Mask (or a shell without -e), then judge: `make check || true` followed, in the same script, by a program that reads the
 * results and fails the step on them (`./rlgl.exe e --policy=… $(find . -name libffi.log)`, a junit
 * checker). The mask lets the judge run; what it fails on is outside the workflow, so the finding is
 * low and says where to look. A print, an upload or a report of the results (`cat test-suite.log`) is
 * not a judge.
 */
export function judgedAfter(h: HiddenFailure, facts: JobFacts): { text: string; line: number } | undefined {
  if ((h.how !== 'or-mask' && h.how !== 'errexit-off') || (h.role.role !== 'test' && h.role.role !== 'verify')) return undefined;
  const judge = facts.loudBySite.get(h.site)?.find((l) => {
    if (l.offset < h.maskRange.end) return false;
    const role = toolRole(l.words)?.role;
    return (
      (role === undefined || CRITICAL_ROLES.has(role)) &&
      l.words.slice(1).some((w) => RESULTS.test(w) || underOwnName(w, h.words) || (sameFolder(w, h.words) && CHECKS_RESULTS.test(l.words[0] ?? '')))
    );
  });
  if (!judge) return undefined;
  const text = judge.words.join(' ');
  return { text: text.length > 60 ? `${text.slice(0, 57)}…` : text, line: facts.lineOf(judge.site, judge.offset) };
}

/** A program named for judging results (`./tests/check-test.sh`, `verify_results.py`), not a linter or a doc generator of the folder. */
const CHECKS_RESULTS = /(^|[/\\])((check|verif|result|summar|junit|tap)[\w.-]*|[\w.-]*[-_](check|verify|results?|summary)[\w.-]*)$/i;

/**
 * The folder the masked command ran its tests in, given to the judge too (`cimake -C tests/??-x`, then
 * `./tests/check-test.sh \`pwd\`/tests/??-x`, which reads the folder's summary).
 */
function sameFolder(path: string, masked: readonly string[]): boolean {
  const dir = (w: string) => w.replace(/^(`pwd`|\$\(pwd\)|\$\{?PWD\}?|\$\{?GITHUB_WORKSPACE\}?|\.)\//, '').replace(/\/+$/, '');
  const p = dir(path);
  return p.includes('/') && masked.slice(1).some((w) => dir(w) === p);
}

/**
 * A path under a folder named for what the masked command ran (`make linkcheck` writes
 * `docs/build/linkcheck/output.json`, which `ci/filter_links.py` then reads).
 */
function underOwnName(path: string, masked: readonly string[]): boolean {
  const dirs = path.split(/[/\\]/).slice(0, -1);
  return dirs.length > 0 && masked.slice(1).some((w) => /^[a-z][\w-]{3,}$/i.test(w) && dirs.includes(w));
}
