import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { listParts, type ScriptNode } from '../sources/shell-script.js';
import { shellLabel } from '../workflows/effective-shell.js';
import { andMore, commandOf, maskGroups, whyItMatters } from '../workflows/hidden/groups.js';
import type { HiddenHow } from '../workflows/hidden/types.js';
import { insertShellBash } from '../workflows/insert-shell.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'pipe-without-pipefail',
  summary: 'a pipe hides the failure of the command on its left because the shell has no pipefail',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'A pipeline\'s status is its last command\'s. GitHub runs a `run:` step with no `shell:` as `bash -e {0}`, without pipefail, so `pytest | tee log.txt` succeeds whenever `tee` does, even if every test failed. Only an explicit `shell: bash` adds `-o pipefail`; `sh`, `bash -c "…"` and actions that run scripts with `bash -c` have none. Not hidden: a pipe whose last command fails on empty input (`tool | grep PATTERN`, `diff <(tool) expected`, `phpstan --error-format=checkstyle | cs2pr`, which also fails on errors in the report), a pipe in an `if`/`while` condition (a question, not a failure), and a value whose emptiness a later check catches (`X=$(gh api … | jq …)` then `if [ -z "$X" ]; then exit 1`). Hidden twice, so reported even for a helper command: an API call whose empty result is replaced by a default and published as a step output (`[ -z "$X" ] && X="*"; echo "files=$X" >> "$GITHUB_OUTPUT"`); and a value published as an output that decides whether later work runs (`NEW=$(./build.sh next-version | jq -r \'.v // empty\')` as `new_version`, with `if: needs.prepare.outputs.new_version != \'\'` on the release job): an empty value skips the work and the run stays green (medium). Not hidden: a pipe followed in its block by a statement that always fails (`(echo "$f"; symbolize "$f") | tee "$f.txt"; false` in a loop over error logs). A text filter in the middle of a pipe (`echo "$files" | tr "\\n" " " | xargs`) has no failure that matters; `xargs CMD` runs CMD and is judged as CMD (`find … | xargs -n40 valgrind ./fuzz | tee log` hides a test). A command no table knows, in a step whose own test or build command the table knows, prepares for it when it runs before it (low) and is more of the step\'s work when it runs after it (`python -m tinygrad.viz.cli --json | jq empty` after the tests: medium, `jq empty` passes on no input). Medium as well: a benchmark (or a command whose role nothing says) whose saved output the workflow searches for failures (`asv run … | tee log`, then `grep -q "benchmark failed" log && exit 1`): the workflow treats its failures as failures, and a run that dies before reporting any passes the search; a later step without an `if:` that writes the same file anew ends that reading. An output gate that only skips minor work (a job that removes a label or posts a comment) is not reported. Medium, fail-open: a producer that fails for ordinary reasons (a service call, git against a ref a shallow checkout may lack) feeding a checker that passes on no input (`git diff -U0 origin/main | flake8 --diff`, `git diff --name-only origin/main | xargs clang-format --dry-run --Werror`, or a text program that exits non-zero on what it reads: `git diff origin/$BASE -- CHANGES | awk \'… END { exit bad }\'`), or feeding a `while read` loop that checks each line (`done < <(git diff --name-only HEAD^1 HEAD)` around `clang-format --dry-run -Werror "$f"`); a listing of the checkout (`git ls-files \'*.sh\' | xargs shellcheck`) is not. Medium as well: a file the command writes that a later step of the job publishes (`scdoc < x.scd | gzip -c > x.1.gz`, then `upload_asset.sh ./x.1.gz` or `gh release upload`): the release ships a broken file. No escalation for a value computed from a listing of the checkout (`git tag --list \'pkg-*\' | head -1`, `git ls-tree HEAD sub | awk …`, `git log -1 --format=%ct`): it does not fail, and an empty answer is an answer. Low as well: results saved by a `tee` anywhere after the command and re-read later in the same script by a reader that fails on failed results (`go test -json | tee output.json | tparse … || true` then `tparse -file output.json`). Low: a step that runs only on matrix legs where its job is allowed to fail (`if: endsWith(matrix.python, \'t\')` in a job with `continue-on-error: ${{ endsWith(matrix.python, \'t\') }}`): nothing it hides can fail the run there, and the continue-on-error rule reports the job. A search of the output in an output process substitution (`docker run img | tee >(grep "Hello there")`) is the step\'s check, and bash never reads its status: it can never fail, and is reported with the step\'s role (a verification at least). A saved status (`rc=$?`, `exit_code=${PIPESTATUS[0]}`) handles the failure only when something after it can fail the script on it (`exit "$rc"`, `[ "$rc" -eq 0 ]` as a statement, a write for a later step, a fallback or a count of failures in the `if` that reads it: `failure=$((failure + 1))`); read only in conditions whose branches print or `exit 0` (`if [[ $exit_code -eq 2 ]] && grep -q "Error 2816" log; then exit 0; fi`), it is lost. Low: a test run piped to a file that a later line searches for the summary a finished run prints (`node test.js | tee out.txt` then `grep -qxF \'0 failures, 0 errors.\' out.txt`): a run that died prints no summary, and the search fails the step. A run of the same tests that differs only in what pytest prints (`-v`, `-q`, `-rs`, `--tb=…`) counts as the same command run unmasked. Not hidden: `gh api … | jq --exit-status \'…\'` on a job whose runners ship jq 1.7 or later (`ubuntu-latest`, `ubuntu-24.04`, `ubuntu-slim`, macOS and Windows images, no container): jq -e exits 4 when it reads nothing. jq 1.6 (`ubuntu-22.04` and older, many containers) exits 0 there, so the pipe hides the producer. Medium: a diff against a ref that is empty on some of the workflow\'s events (`git diff --name-only origin/"$BASE_REF"` with `BASE_REF: ${{ github.event.pull_request.base.ref }}` in a workflow also run on push), whose count or list is published as an output that skips the tests (`echo "go=$(… | wc -l)" | tee -a "$GITHUB_OUTPUT"`, then `if: needs.changes.outputs.go != 0`): on those events git fails, prints nothing and the tests are skipped with a green run. Not for a workflow run only on pull requests, or a job or step whose `if:` asks for the event. Not hidden: `kustomize build x | kubectl apply -f -` (or `create`, `replace`): kubectl fails with "no objects passed to apply" when it reads nothing. Nor a download into a decompressor reading stdin (`curl -sSL URL | gunzip > data.csv`, `| xz -dc`), which fails on empty input, or into ImageMagick reading an image from it (`xwd -root | convert xwd:- shot.png`). Medium as well: a value written to `$GITHUB_ENV` that a later step\'s `if:` reads (`echo "PROJECT_VERSION=$(mvn help:evaluate … | grep -v \'\\[\')" >> $GITHUB_ENV`, then `if: ${{ endsWith(env.PROJECT_VERSION, \'-SNAPSHOT\') }}` on the deploy): an empty value skips the step. A count of a file the script itself wrote before (`grep … > new.txt || true`, then `wc -l < new.txt | tr -d \' \'`) has nothing of its own to fail on: the redirect created the file. A value published for a matrix is put together from several parts only when they are independent producers: `go list ./... | grep x | jq -cRn \'[inputs]\'` is one listing, and its failure empties the matrix, which GitHub refuses loudly. A benchmark run told to fail on a benchmark\'s error (`asv run --strict … | tee log`) smoke-tests the benchmarks: a test, high. Medium: one of several listings put together into the output a later job\'s matrix is built from (`{ cibuildwheel --print-build-identifiers --platform linux | jq -nRc …; cibuildwheel … --platform macos | jq -nRc …; } | jq -sc` published as `include`, read by `include: ${{ fromJson(needs.plan.outputs.include) }}`): a failed listing drops its platform\'s legs and the other legs pass. Not for a matrix made by one listing: losing it whole fails the job (`fromJSON(\'\')`). The loop may be further down, past text filters (`for t in $tags; do buildah manifest inspect "$img:$t" | jq …; done | jq -rs … | while read …; do buildah bud …; done`), or read the value through a variable (`ids="$(… | jq …)"` then `for id in ${ids}; do buildah bud …; done`); a loop that builds each item counts as one that checks it. A registry query (`docker`, `podman` or `buildah manifest inspect`, `skopeo`, `crane`) is a service call. Not reported: a pipe sent to the background (`vmstat 5 | tee log &`), a monitor whose status nobody reads (pipefail would change nothing). Not a probe: a pipe in an `if` whose branch on failure exits non-zero (`if govulncheck ./... | tee out.txt; then …; else exit 1; fi`, `if ! make test | tee log; then exit 1; fi`): the `if` is meant as the verdict, but it reads `tee`\'s status, so that branch never runs. A file the pipe writes that a later step publishes by a pattern (`file: bin/z*` with upload-release-action\'s `file_glob`) ships broken: medium. A command the tool table does not know whose output goes, past text filters, only into the job\'s environment or outputs (`cmake -P CpuCount.cmake | sed \'s/^-- //\' | tee -a $GITHUB_ENV`) works out a value for later steps: setup (low), whatever the job is named for; where that value decides whether later work runs, that is reported apart. A build\'s log whose error lines a later line or step counts and exits with (`egrep "Error:|error:" full.txt | … > short.txt`, then `exit $(tail -n 1 short.txt | awk \'{print $2}\')`) catches a failed build, which prints them: low, where it surfaces; a test run\'s log searched so does not (a run that dies prints none). A step switched off by `&& !always()` in its `if:` never runs. Handled: `mypy … | mypy-baseline filter`, whose filter exits 1 on every error not in its baseline. A copy of a known linter kept in the repository (`python scripts/tools/clang-format-diff.py -p1`) is that linter: fed by `git diff` against the base branch, which a shallow checkout lacks, it passes on no input (medium). After an earlier step checks out the merge base, the pull request\'s base or an earlier commit (`git checkout `git merge-base HEAD origin/dev``, `ref: ${{ github.base_ref }}`), the steps build and measure a baseline for comparison, not the change: low, until a checkout back to the change. A program of the project whose output only feeds the step summary (`/tmp/qsv stats … | qsv select … | tee -a "$GITHUB_STEP_SUMMARY"`) makes a table nothing checks: a report (a known check, `pytest | tee -a "$GITHUB_STEP_SUMMARY"`, keeps its role). Low, where it surfaces: the saved output searched at the script\'s end through a pipe for a mark of success (`docker run img sh -c \'… && earthly --version\' | tee apt.log && tail -n 1 apt.log | grep "earthly version 1.2"`), which a failed install does not print. A search pipe on the left of `&& a || b` (`status=$(sentry-cli releases list | grep -q X && echo released || echo unreleased)`) is a question like an `if` condition: a failed producer answers no, and pipefail would change nothing. No escalation for a value whose last stage prints even when it reads nothing (`DISTROS=$(git diff … | jq -Rsc \'[split("\\n")[] | select(. != "")]\')`): `jq -s` and `jq -n` with a filter that builds one array print `[]` when they read nothing, so a failed producer does not empty the output that gates a job; `jq -rs \'.[0].version // empty\'` prints nothing, and the empty output skips the release. Handled as well: output saved by `tee` that the script\'s last line fails on when it holds any character at all (`! grep -q \'[^[:space:]]\' /tmp/typos.json`, `! grep -q . F`), like `[ -s F ]`; on a line before the last, bash ignores the negated status. A step named for a check of the machine ("Check resources before" running `vm_stat | head -10`, "Check disk space") prints what the runner has: not reported.',
    fix: 'Set `shell: bash` on the step (`groundwork fix` adds it), or in `defaults.run.shell` of the job or workflow, or start the script with `set -o pipefail` (inside `bash -c "…"` too). pipefail does not reach a `<( … )`: read its list into a variable first (`files=$(git diff --name-only …)` under errexit fails the step), then loop over it.',
    bad: '- name: Run tests\n  run: pytest test/ | tee test.log',
    good: '- name: Run tests\n  shell: bash\n  run: pytest test/ | tee test.log',
  },
};

const KINDS: ReadonlySet<HiddenHow> = new Set(['pipe-left', 'process-substitution']);

export const pipeWithoutPipefail: WorkflowRule = {
  meta,
  *check(a) {
    const fixed = new Set<unknown>();
    for (const g of maskGroups(a, KINDS)) {
      const h = g.worst;
      const sh = h.site.shell;
      const nested = h.view?.nested;
      const under = nested ? `\`${nested.runner}\`, which has no pipefail` : shellLabel(sh);
      let fix: FindingDraft['fix'];
      const step = h.site.step;
      // `a | tee log || true`: the `||` takes the whole pipe's status, so pipefail alone changes nothing.
      const orMasked = h.how === 'pipe-left' && h.mask?.type === 'pipeline' && orLeft(h.mask);
      if (
        !orMasked &&
        !nested &&
        step &&
        !step.shell &&
        !h.site.input &&
        !h.site.windows &&
        sh.source === 'runner default' &&
        sh.program === 'bash' &&
        g.severity !== 'low' &&
        // pipefail says nothing of a `<( … )`: bash never reads its status.
        g.items.every((i) => i.how === 'pipe-left') &&
        !fixed.has(step)
      ) {
        const edit = insertShellBash(a.model.file.text, step);
        if (edit) {
          fixed.add(step);
          fix = { title: `set \`shell: bash\` (pipefail) on ${scriptLabel(h.site)}`, safety: 'safe', edits: [edit] };
        }
      }
      const message =
        h.how === 'process-substitution'
          ? `${commandOf(h)} runs in \`${h.mask?.text.startsWith('>(') ? '>' : '<'}( … )\` in ${scriptLabel(h.site)}, whose status bash never reads (pipefail does not change that): its failure is hidden${andMore(g)}${whyItMatters(h)}`
          : `${commandOf(h)} is on the left of a pipe in ${scriptLabel(h.site)}, under ${under}: its failure is hidden${orMasked ? ` (and the pipe is followed by \`||\`, so pipefail alone would not fail the step)` : ''}${andMore(g)}${whyItMatters(h)}`;
      yield {
        ruleId: meta.id,
        message,
        span: scriptSpan(h.site, h.maskRange.start, h.maskRange.end),
        scope: h.site.step?.span ?? h.site.job.idSpan,
        severity: g.severity,
        confidence: g.confidence,
        fix,
      };
    }
  },
};

/** Whether a pipe is the left operand of an `||` list (`a | tee log || true`). */
function orLeft(pipeline: ScriptNode): boolean {
  const parts = pipeline.parent?.type === 'list' ? listParts(pipeline.parent) : undefined;
  return parts?.op === '||' && parts.left === pipeline;
}
