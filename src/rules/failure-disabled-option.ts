import type { RuleMeta } from '../core/rule.js';
import { spanOf } from '../sources/yaml-source.js';
import { escapeRegExp } from '../core/regexp.js';
import { clip } from '../core/clip.js';
import { commandWords, listParts, type ScriptNode } from '../sources/shell-script.js';
import type { ScriptSite, WorkflowAnalysis } from '../workflows/analysis.js';
import { neverRuns } from '../workflows/never-runs.js';
import { hiddenFailures } from '../workflows/hidden/index.js';
import { continueOnErrorValue } from '../sources/workflow.js';
import { outputRead } from '../workflows/bash/output-read.js';
import { roleNote } from '../workflows/roles/role.js';
import { FAILURE_OPTIONS, type FailureOption, failureOptionOf } from '../workflows/roles/failure-options.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'failure-disabled-option',
  summary: "a command-line option turns the tool's failure off (`flake8 --exit-zero`, `golangci-lint run --issues-exit-code=0`)",
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'medium',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: 'Linters and scanners take an option that makes them exit 0 whatever they find: `flake8`, `pylint`, `ruff check` and `bandit` with `--exit-zero`, `golangci-lint run --issues-exit-code=0`, `hadolint --no-fail`, `checkov --soft-fail`, `tflint --force`, `sqlfluff lint --nofail`, `vale --no-exit`, `cppcheck --error-exitcode=0`, `trivy --exit-code 0`, `gitleaks --exit-code 0`. The step is green whatever the tool found, like `|| true`, but written in the tool\'s own words. Medium: the option asks for a report, so the check can never fail the run. Low where the job also runs the same tool without the option (GitHub\'s starter workflow runs `flake8 --select=E9,F63,F7,F82` strictly, then `flake8 --exit-zero --max-complexity=10` for statistics): the strict run is the check. Not reported when the output goes somewhere that can judge it: a pipe (`| reviewdog -fail-on-error`), a file (`> flake8.txt`, `--output-file`, `-o`), a `$( … )`. Low as well where another step of the job lints and may fail (`pylint --exit-zero` in "Run pylint" beside `tox -e lint` in "Run linting suite"): the lenient run is advice beside the job\'s gate. Maven\'s `-Dmaven.test.failure.ignore=true` (and Surefire\'s `-DtestFailureIgnore=true`) passes `mvn verify` with failed tests. Also a tool whose findings fail nothing until an option says so: valgrind exits with the program\'s own status unless given `--error-exitcode=N` (`valgrind python3 -m unittest …` in "run tests under valgrind" passes whatever memory errors it reports); a profiler (`--tool=callgrind`) measures; the option may come from `VALGRIND_OPTS`, a `.valgrindrc` the job writes or a variable (`valgrind $VG_FLAGS ./t`); only a search of the report that can fail judges it (`grep -q "ERROR SUMMARY: 0 errors" vg.log`), not a `tee`, `cat` or `>` of it (the report goes to stderr); a step allowed to fail is the continue-on-error rule\'s.',
    fix: 'Remove the option so the tool fails on what it finds; if the result is informational on purpose, mark it with `# groundwork: allow-failure <reason>`.',
    bad: '- run: flake8 . --count --exit-zero --max-complexity=10 --statistics',
    good: '- run: flake8 . --count --max-complexity=10 --statistics',
  },
};

const REPORT_FILE = /^(--output-file|--output|-o|--output-format=sarif|--format=sarif|--sarif-file-output|--report-path|--report|--log-file|--xml-file)(=|$)/;

interface Use {
  site: ScriptSite;
  node: ScriptNode;
  words: string[];
  option: FailureOption;
}

/** The program a command runs and its words from there: through wrappers, and `python -m flake8` as flake8. */
const NAMED = new RegExp(`(^|[^\\w-])(${FAILURE_OPTIONS.map((o) => escapeRegExp(o.program)).join('|')})($|[^\\w-])`);

function* uses(a: WorkflowAnalysis, sites: readonly ScriptSite[]): Generator<Use> {
  for (const site of sites) {
    // (The text first: `site.parsed` parses the script.)
    if (!NAMED.test(site.value.value) || !site.parsed) continue;
    if (site.parsed.hasError || (site.step && neverRuns(a.model, site.job, site.step))) continue;
    for (const node of site.parsed.nodes) {
      if (node.type !== 'command' || !NAMED.test(node.text)) continue;
      const f = failureOptionOf(commandWords(node));
      if (f) yield { site, node, words: f.words, option: f.option };
    }
  }
}

/**
 * A run of the tool that fails on what it finds: without the option, on something to check (not
 * `--version`/`--help`), not masked (`|| true`), and a tool that fails by default.
 */
function strictRun(u: Use): boolean {
  if (u.option.off(u.words) || u.option.quietByDefault || u.words.some((w) => /^(--version|-V|--help|-h)$/.test(w))) return false;
  if (u.option.strict && !u.option.strict(u.words)) return false;
  for (let n: ScriptNode | undefined = u.node; n?.parent; n = n.parent) {
    const parts: ReturnType<typeof listParts> | undefined = n.parent.type === 'list' ? listParts(n.parent) : undefined;
    if (parts?.op === '||' && parts.left === n) return false;
    if (n.parent.type === 'program' || n.parent.type === 'do_group' || n.parent.type === 'compound_statement') break;
  }
  return true;
}

/**
 * For a tool whose failure is off until an option turns it on (valgrind): whether the run is judged
 * another way after all. Its report goes to stderr or a log file, so only a search of the report for
 * its summary counts (`grep -q "ERROR SUMMARY: 0 errors" vg.log`), not a `tee` or `cat` of it; the
 * option may come from `VALGRIND_OPTS` or a `.valgrindrc` the job writes; and a step allowed to fail is
 * the continue-on-error rule's.
 */
function absentJudged(a: WorkflowAnalysis, u: Use): boolean {
  const job = a.model.file.text.slice(spanOf(u.site.job.map).start, spanOf(u.site.job.map).end);
  const env = `${job}\n${a.model.file.text.slice(0, a.model.file.text.search(/^jobs:/m) + 1)}`;
  if (/VALGRIND_OPTS[^\n]*--error-exitcode|\.valgrindrc/.test(env)) return true;
  if (u.site.step && continueOnErrorValue(u.site.step.continueOnError) === 'true') return true;
  // (Or a failing search of the log it writes: `--log-file=err.txt`, then `if grep -q 0x err.txt; then … exit 1; fi`.)
  const log = u.words.map((w) => /^--(log|xml)-file=(.+)$/.exec(w)?.[2]).find(Boolean);
  const searched = `(ERROR SUMMARY|definitely lost|in use at exit|Invalid (read|write)${log ? `|${escapeRegExp(log)}` : ''})`;
  return new RegExp(`(\\bif\\s+!?\\s*grep\\b|\\bgrep\\s+(-\\w+\\s+)*-\\w*q)[^\\n]*${searched}`).test(job);
}

/** A step of the site's job, other than its own, whose role is to lint and which may fail the job. */
function lintGate(a: WorkflowAnalysis, site: ScriptSite, lenient: readonly Use[]): string | undefined {
  const job = site.job;
  // It must fail where the advisory run runs: no condition of its own beyond the advisory step's, and
  // nothing in its script hidden (`tox -e lint || true`, a shell without -e).
  const hidden = hiddenFailures(a);
  const gate = job.steps.find(
    (s) =>
      s !== site.step &&
      continueOnErrorValue(s.continueOnError) === undefined &&
      !lenient.some((u) => u.site.step === s) &&
      (!s.if || s.if.value === site.step?.if?.value) &&
      a.sitesOf(s).every((x) => (hidden.get(x) ?? []).length === 0) &&
      (() => {
        const r = a.roleOf(s, job);
        return r.role === 'lint' && !r.inherited;
      })(),
  );
  return gate && (gate.name ? `step "${gate.name.value}"` : `step ${gate.index + 1}`);
}

export const failureDisabledOption: WorkflowRule = {
  meta,
  *check(a) {
    const byJob = new Map<string, ScriptSite[]>();
    for (const site of a.scripts) byJob.set(site.job.id, [...(byJob.get(site.job.id) ?? []), site]);
    for (const sites of byJob.values()) {
      const all = [...uses(a, sites)];
      for (const u of all) {
        if (!u.option.off(u.words)) continue;
        if (u.option.absent ? absentJudged(a, u) : outputRead(u.node) || u.words.some((w) => REPORT_FILE.test(w))) continue;
        // The same tool run without the option in the job, and failing on what it finds, is the check;
        // this run reports (statistics).
        const strict = all.find((o) => o.option === u.option && strictRun(o));
        const strictLine = strict && a.model.file.lines.position(scriptSpan(strict.site, strict.node.start, strict.node.end).start).line;
        // Another step of the job lints and may fail (`tox -e lint` in "Run linting suite"): this run
        // is advice beside the job's gate.
        const gate = strict || !u.site.step ? undefined : lintGate(a, u.site, all);
        const role = { role: u.option.role, because: `command \`${u.words.slice(0, 2).join(' ')}\`` };
        yield {
          ruleId: meta.id,
          message: `\`${clip(u.words.join(' '), 60)}\` cannot fail ${u.option.absent ? 'on what it finds ' : ''}in ${scriptLabel(u.site)}: ${u.option.absent ?? `the option keeps ${u.option.program} from failing whatever it finds`} ${roleNote(role)}${strict ? `; \`${clip(strict.words.join(' '), 40)}\` at line ${strictLine} runs it ${u.option.absent ? 'so that it fails' : 'without'}, and is the check` : gate ? `; ${gate} lints too and fails on what it finds, so this run is advice beside it` : ''}`,
          span: scriptSpan(u.site, u.node.start, u.node.end),
          scope: u.site.step?.span ?? u.site.job.idSpan,
          severity: strict || gate ? 'low' : 'medium',
          confidence: 'high',
        };
      }
    }
  },
};
