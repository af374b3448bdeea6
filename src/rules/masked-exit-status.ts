import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { isStatement, listParts } from '../sources/shell-script.js';
import { orRightKind } from '../workflows/bash/or-right.js';
import { andMore, commandOf, maskGroups, whyItMatters, type MaskGroup } from '../workflows/hidden/groups.js';
import type { HiddenHow } from '../workflows/hidden/types.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowAnalysis } from '../workflows/analysis.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'masked-exit-status',
  summary: "`|| true`, `|| :`, `|| echo`, a fallback or `export X=$(…)` throws away a command's failure",
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'A command followed by `|| true` (or `|| :`, `|| echo …`, `|| exit 0`) always succeeds, so the step is green even when the command fails; `a || b` replaces a\'s failure with b\'s attempt; `export X=$(cmd)` and `local X=$(cmd)` return the status of `export`, not of `cmd`. Severity follows what is hidden: a test, build, lint or verification command is high; a setup or install command is low; probes (`grep`, `command -v`), log dumps and cleanup (`rm`, `pkill`) are not reported. Not hidden: `|| exit 1` and `|| { echo …; exit 1; }` (an assertion), `|| rc=$?` with `$rc` checked later, `X=$(cmd || true)` when an empty `$X` fails a later check (`if [ -z "$X" ]; then exit 1`). Low, because the workflow cannot show it: a fallback to a script of the repository (`make check || ci/print_stacktrace.sh fail`), whose exit status the step takes. Hidden twice, so reported even for a helper command: `N=$(tool | grep -c x || true)` when `N=0` passes the check that follows (`if [ "$N" -gt 3 ]; then exit 1`), in a step that checks, for the step\'s own program or for a service call (`gh api`, `curl`); not for a known local listing in a housekeeping step (a bot\'s `BAD=$(git diff --cached --name-only | grep -v src/ || true)`). A coverage upload (`coveralls || true`) is an upload, whatever the job is called: low. Not hidden either: a chain of attempts of one program (`t.sh -n 0 || t.sh -n 1 || t.sh -n 2`), where the last attempt\'s failure fails the step (unless it ends in `|| true`); a masked download whose product the script tests for and decides on (`hf download … --local-dir /tmp/prev || true` then `if [ ! -f /tmp/prev/baseline.txt ]; then … exit 0; fi`). Hidden as well: `! cmd` on a line that is not the script\'s last, an assertion that `cmd` fails whose status bash ignores even under -e (shellcheck SC2251); `! cmd || exit 1`, `if cmd; then exit 1; fi` or the last line keep it. Not a check: `diff old new || true` in a step that does not say it checks ("Diff constraint file"), which prints the differences (diff exits 1 when there are some); in a step named "Check generated files are up to date" it is; a file against its own backup (`sed -i.bak … $f` then `diff -u $f.bak $f || true`) shows the edit just made, whatever the step is named. Low: mask, then judge, where a later command of the script reads the results file and fails the step on it (`make check || true` then `./rlgl e --policy=… $(find . -name libffi.log)`); `cat test-suite.log` judges nothing. A program run without arguments (`./gltfpack || true`) prints its usage and exits non-zero by design: not reported. A masked run is caught by the same command run unmasked only in the same place (the step\'s `working-directory:` and the last `cd`), and only on every matrix leg where the masked one runs: `npm run test:db` under `if: matrix.database-type != \'oracledb\'` does not catch `npm run test:db || true` under `if: matrix.database-type == \'oracledb\'`. Low: a linter that fixes (`pre-commit run -a || true`) in a job that then commits the changes or opens a pull request: it exits non-zero whenever it changed a file. Coverage report generators (`gcov`, `lcov`, `genhtml`, `llvm-cov`, `grcov`) are reports, whatever the step is called ("Run gcov coverage analysis"); `gcovr --fail-under-line` is a check. A default that replaces the empty result of a text filter over values the step already has (`comm <(printf …) <(printf …)`) is low: such a filter does not fail for ordinary reasons. The same command run unmasked in the other branch of the same `if` (`if [ "$pre" = true ]; then run_tests.sh || echo warn; else run_tests.sh; fi`) does not catch it: only one branch runs. A script of the repository run without arguments (`tools/ci/run_tests.sh || echo …`) reads its settings from the environment; only a program without arguments is taken as a usage print, and not a file in a scripts or tools folder or with a source file\'s extension run by its shebang (`scripts/run-clang-tidy-cached.cc || true` runs clang-tidy over every file). A help print masked with `|| true` (`./gltfpack -h || true`) is a print too. `asv compare` writes a table (a report); `asv continuous` is the check. Medium, fail-open: a `for` loop that checks each item of a list computed by a command that fails for ordinary reasons (`for f in $(git diff --name-only origin/main); do shellcheck "$f"; done`, or a service call): bash ignores the status of a substitution in a `for` list, so a failed diff runs the loop zero times and the step passes; a listing of the checkout (`$(git ls-files \'*.sh\')`) or a loop that only prints is not reported. Hidden as well: `cmd &` followed by a bare `wait`, which waits for every job and returns 0 whatever they did (`wait $pid` returns the job\'s status); a command in the background that nobody waits for is a daemon (a server for the tests) and is not reported. An archive (`tar -c`, `zip`) packs files for an upload, unless a later step of the job publishes a release: then it is a release asset. Hidden too: a command run by `find … -exec CMD {} \\;` (or `-execdir`), whose status find takes as a test of that file before exiting 0 whatever it was (`find -exec shellcheck {} \\;` never fails); with `-exec … {} +` find exits non-zero when an invocation fails. A build or test of an earlier revision (`produce-package.sh --commit=HEAD~1 … || true`, beside the unmasked build of the checked-out one) is a baseline for comparison: low. A task named by a variable (`pixi run "$task"` over a matrix of tasks, in a step named "Run tests") is whatever the step runs it for; a package\'s program run by the package manager (`yarn danger ci`, `pnpm exec jest`) is judged as that program. An action\'s script input named for what it does (vmactions\' `prepare:`, which installs the VM\'s packages) takes that role, whatever the step is called. Handled: a rerun of the tests that failed after `||` (`hatch run cov:test || hatch run test:test --lf`), whose own failure fails the step. Handled: a call after `||` of a function the script defines whose body ends in a failing exit (`is_full_sha "$SHA" || fail_closed "Missing SHA"`, with `fail_closed() { printf …; exit 1; }`). Hidden too: `eval "$(tool completion bash)"`, where a generator that fails prints nothing and `eval ""` succeeds; `eval "$(conda shell.bash hook)"` is setup, and `eval $(size x.elf | awk …)` computes values. Hidden as well: every command after an unconditional `exit 0` (or a bare `exit`) of the script itself ("temporarily get the job green"), which never runs while the step passes; an `exit 0` inside an `if` or at the end is not reported. Hidden too: a command feeding a search in a negated pipe (`! (report | tee summary | grep \':x:\')`), which fails the step when the output holds a marker: when the command fails, the pipe fails and `!` turns that into success; a listing of the checkout (`! git diff --name-only | grep …`) is not reported, nor `! pytest broken | tee log`, which asserts that the first stage fails. A fallback that prints the value the next check fails on (`R=$(node check.js || echo "ERROR")` then `if [ "$R" = "ERROR" ]; then exit 1`) fails closed: not hidden. Low: a linter whose findings are what it prints, tested for emptiness directly or through a variable (`[ -z "$(gofmt -l .)" ]`, `output=$(find . -name "*.sh" -exec shellcheck {} \\;)` then `if [ "$output" ]; then exit 1; fi`): the test fails on what it finds; a run that fails and prints nothing (a bad path, a file that does not parse, a timeout) passes it. Medium, fail-open: another check\'s program whose output is tested for emptiness (a test run, a build); a listing or a search there (`[ -n "$(git status --porcelain)" ]`) asks a question and is not reported. `N=$(clinfo -l | grep -c Device || true)` keeps the 0 that `grep -c` prints when nothing matches, so `if [[ $N -eq 0 ]]; then exit 1` fails closed. A negated search hides its producer with or without pipefail (`! wasm-tools print --skeleton target/x.wasm | grep \'import "env"\'` under the default shell: a producer that fails prints nothing, the search finds nothing and `!` passes): reported for the step\'s own program and for a reader of a file the job made (`objdump`, `wasm-tools print`, `cat log.txt`), with the check\'s role. Low: a test run told to rewrite what it compares with (`UPDATE_SNAPS=always ./scripts/run_tests.sh || true`, `--update-snapshots`, a VCR record mode) in a job that then commits or proposes the changes: it fails whenever the snapshots changed, and the pull request it opens runs the tests again. A negated search that is an `if` condition whose `then` branch fails (`if ! wasm-objdump -d x.wasm | grep -q simd; then exit 1; fi`) catches a producer that fails: the empty search takes that branch. One whose `then` only prints (`if ! ./run-lint | grep -q ERROR; then echo clean; else exit 1; fi`) passes with nothing checked, and is reported. The environment written before a command is part of the run: `MODIN_ENGINE=ray python -c …` does not run `MODIN_ENGINE=dask python -c …` again. Housekeeping of images and caches (`buildah rmi --prune`, `docker builder prune -f`, `docker volume prune -f`) is cleanup wherever it runs: low. Not hidden: a retry loop whose success path sets a flag that the statement after the loop fails on (`cmd && ok=true && break || sleep 120; done; $ok || exit 1`). A negative test, `cli test ./cases/bad && exit 1`, expects the failure: not hidden. Written `cli test ./cases/bad && exit 1 || exit 0` on a line that is not the last, it ends the script either way, so the cases after it never run (reported at that line). A program named by a variable takes its role from its subcommand (`$CLI_PATH test`: a test), never from the shell\'s `test`. An upload by a command (`sleet push`, `aws s3 cp`) in a workflow run only on release events (by hand besides) is the release: a mask on it hides a failed release (not a `git push`, which commits a changelog there as often as it ships). A script of the repository whose output the step keeps in a variable (`SPEC=$(… | node scripts/e2e-diagram-scope.mjs || echo "")`) works out a value, whatever a word of its name (e2e) says: setup, low. Not hidden: `asv continuous BASE HEAD || true` followed by `asv compare` of the same run, which prints the comparison its exit would have judged (a benchmark report for a comment); `CodeChecker parse` (exit 2 when there are reports) renders what `CodeChecker analyze` found. A check piped into a search whose match fails the step (`if python -c "…twine check…" | grep warning; then exit 1; fi`, `twine check dist/* | grep -q WARNING && exit 1`) is the mirror of `! cmd | grep X`: a check that crashes prints nothing, the search finds nothing and the step passes, with or without pipefail (not a `while` condition, nor an `if` whose other branch fails too). A file the step writes is shipped only by a publisher that can run in the same run: a size report written on `pull_request` and an "Upload Release Assets" step under `if: github.event_name == \'release\'` never meet (low). An empty output that skips a job whose steps only fetch a report and post it (a PR comment job) skips nothing that matters (low). A guard that starts an object (`xcrun simctl boot "$DEVICE" || true`, already booted) is caught by the next subcommand of the same tool on the same object (`xcrun simctl spawn "$DEVICE" app`), which fails without it. Not hidden: a search that can see the failure, because the producer\'s errors go into the pipe (`make 2>&1 | grep -qi error`, `make |& grep …`) or because it looks for the marks the producer prints when it fails (`pytest | grep -q FAILED`); nor `cmd | grep -q X && exit 1` as the script\'s last statement, whose no-match status fails the step. An `if:` with a top-level `||` is one alternative, not a list of conditions (`push && main || release` runs on release), and the job\'s `if:` counts too. Low, with where it surfaces: output written to a file that a later line searches for a mark of success, where no match fails the step (`cmd > /tmp/output 2>&1 || true`, then `if grep -q "INFO: Initializing raylib" /tmp/output; then … else exit 1; fi`, or `grep -q X F || exit 1`): a crash prints no such mark. A search for a failure mark (`if grep -q Error F; then exit 1; fi`) is not: a crash prints none either. Not hidden: a fallback that builds the same tree again through another front end (`meson compile -C builddir || ninja -C builddir`), which fails the step on the same errors. A masked command under a comment that says it only informs (`# Informational (and not an ideal state)`, "advisory", "non-blocking") is a report the author chose: no claim. The mark check counts only a search of the same file that fails the step when nothing matches (not one followed by `|| true`, `;` or `| head`, nor in a step that runs only on failure or is allowed to fail), and for a test runner only a mark of complete success (`100% tests passed`, `0 failed`): "tests passed" also prints beside failures. A command in a step allowed to fail catches no other step\'s failure. A fallback that builds nothing (`ninja -n`, `make -i`, `-t clean`) answers for nothing. A masked compile under a comment that says it warms a cache (`# Build integration test binary to warm the cache`) fills the cache for what follows: low. A run bounded by `timeout` whose fallback says it expects the timeout (`timeout 10s weed shell … > log || echo "completed or timed out - checking logs"`) reports, unless the tool table knows it as a check (`timeout 600 pytest || echo "tests timed out"` hides failed tests). `if git status --porcelain -- fixtures | grep -q .; then exit 1; fi` (also `git ls-files`, `git tag -l`) reads the job\'s own checkout, which it has no ordinary way to fail: no finding; in a job with a `container:` git may refuse a checkout it does not own, and the search passes on nothing. A program named by expressions given a teardown or read verb (`${{ inputs.SUDO }} ${{ inputs.BINARY }} stop buildkitd || true`, `… logs buildkitd`) cleans up or reports, whatever the step is called. `helm template NAME CHART` renders a chart (NAME is a release name, even `test`); `helm test` tests, `helm lint` lints. Hidden too: a check whose verdict only sets the status of its block, which a `||` then swallows (`grep -rn "var_dump(" src/ && (echo "found"; exit 1) || echo ok`, or `{ echo found; false; } || echo ok`): `exit 1` in `( … )` ends the subshell, not the script, so the check can never fail the step; `&& exit 1 || …` and `&& { …; exit 1; } || …` end the script, and inside an `if` condition the list is a question. `! test -f lib/bundled.py` on a line that is not the last is an assertion bash ignores, like any negated command. A status saved only to hand it to later steps (`pytest … || PYTEST_EXIT=$?` then `echo "pytest-exit=${PYTEST_EXIT:-0}" >> "$GITHUB_OUTPUT"`, or a write to `$GITHUB_ENV`) is handled where something reads it (`steps.<id>.outputs.pytest-exit` anywhere in the file, the job\'s `outputs:` that hand it on, a later step naming the variable); where nothing does, the failure passes. A search that is an `if` condition is a verdict only when the `then` branch fails by a statement of its own; `if locale -a | grep -q fr_FR.UTF-8; then <tests, each with its own exit 1>; else echo skipping; fi` asks whether to run the work. `! test -f X` after `make uninstall` is not caught by an earlier unmasked `test -f X`, which asserts the opposite. Low, where it surfaces: a suite tracked rather than gated, whose saved log the script counts and shows on the run as an annotation (`make tests &> tmp.log || true`, `FAIL=$(grep FAIL tmp.log | wc -l)`, then `if [[ "$FAIL" -gt 0 ]]; then echo "::warning ::$output"; fi`).',
    fix: 'Drop the `|| true` from checked commands (`groundwork fix` does it for `|| true` and `|| :` on a statement of its own). If failure is expected, test for the expected condition instead (`grep -q`, `command -v`), capture the status (`cmd || rc=$?` … `exit $rc`), or keep it with `# groundwork: allow-failure <reason>`. Assign before exporting: `X=$(cmd); export X`.',
    bad: '- name: Run tests\n  run: pytest test/ || true',
    good: '- name: Run tests\n  run: pytest test/',
  },
};

const KINDS: ReadonlySet<HiddenHow> = new Set([
  'or-mask',
  'or-fallback',
  'declaration',
  'substitution-arg',
  'errexit-ignored',
  'status-lost',
  'negated',
  'background-wait',
  'find-exec',
  'after-exit',
  'negated-search',
  'swallowed-verdict',
  'unread-status',
]);

function what(g: MaskGroup): string {
  const h = g.worst;
  const mask = h.mask;
  switch (h.how) {
    case 'or-mask':
      return `is followed by \`|| ${mask ? listParts(mask)?.right.text.trim().slice(0, 30) : 'true'}\`, so its failure is ignored`;
    case 'unread-status':
      return `saves its status only to hand it on as ${h.published?.env ? 'the variable' : 'the step output'} \`${h.published?.name}\`, which nothing in the workflow reads, so its failure passes`;
    case 'swallowed-verdict':
      return `ends in a verdict that only sets its block's status (\`exit 1\` in \`( … )\`, or \`false\`), and \`|| ${mask ? listParts(mask)?.right.text.trim().slice(0, 30) : 'true'}\` then passes: the check can never fail the step`;
    case 'or-fallback':
      return `falls back to \`${mask ? listParts(mask)?.right.text.trim().slice(0, 40) : '…'}\` when it fails, so its failure is replaced by the fallback's`;
    case 'declaration':
      return "runs inside `export`/`local X=$(…)`, whose status is the declaration's, not the command's";
    case 'substitution-arg':
      return 'runs in a `$(…)` used as an argument, whose status nobody reads';
    case 'errexit-ignored':
      return 'runs in a block on the left of `||` or `&&`, where bash ignores -e, so the block goes on after it fails';
    case 'status-lost':
      return 'runs under `script -c` without `-e`, which exits 0 whatever the command did';
    case 'negated-search':
      return 'feeds a search whose match fails the step (`! (cmd | grep X)`, `if cmd | grep X; then exit 1; fi`): when it fails it prints nothing, so the search finds nothing (under pipefail the pipe fails), and the step passes';
    case 'after-exit':
      return 'never runs: an earlier statement ends the script first (`exit 0`, or `cmd && exit 1 || exit 0` either way), so the step passes without it';
    case 'find-exec':
      return 'runs under `find … -exec … \\;`, which takes its status as a test and exits 0 whatever it was, so its failure is lost';
    case 'background-wait':
      return 'runs in the background (`&`) and the bare `wait` after it returns 0 whatever it did, so its failure is lost';
    case 'negated':
      return "is negated with `!` on a line that is not the script's last: bash ignores a negated status, even under -e, so when it succeeds the assertion fails nothing";
    default:
      return 'fails unnoticed';
  }
}

function fixFor(a: WorkflowAnalysis, g: MaskGroup): FindingDraft['fix'] {
  const h = g.worst;
  if (h.how !== 'or-mask' || g.severity === 'low' || h.view?.nested || !h.site.value.map.exact) return undefined;
  const list = h.mask;
  const parts = list ? listParts(list) : undefined;
  if (!list || !parts || !isStatement(list) || orRightKind(parts.right) !== 'noop') return undefined;
  const right = parts.right.text.trim();
  if (right !== 'true' && right !== ':') return undefined;
  const from = h.site.value.map.toFile(parts.left.end);
  const to = h.site.value.map.toFile(list.end);
  if (a.model.file.text.slice(from, to).includes('\n')) return undefined;
  return { title: `remove \`|| ${right}\` after \`${h.text}\``, safety: 'safe', edits: [{ start: from, end: to, text: '' }] };
}

export const maskedExitStatus: WorkflowRule = {
  meta,
  *check(a) {
    for (const g of maskGroups(a, KINDS)) {
      const h = g.worst;
      yield {
        ruleId: meta.id,
        message: `${commandOf(h)} ${what(g)} in ${scriptLabel(h.site)}${h.view?.label ? ` (inside ${h.view.label})` : ''}${andMore(g)}${whyItMatters(h)}`,
        span: scriptSpan(h.site, h.maskRange.start, h.maskRange.end),
        scope: h.site.step?.span ?? h.site.job.idSpan,
        severity: g.severity,
        confidence: g.confidence,
        fix: fixFor(a, g),
      };
    }
  },
};
