import type { Confidence } from '../../core/finding.js';
import { verdictOnPassThrough } from '../bash/status-gate.js';
import { commandName, commandWords } from '../../sources/shell-script.js';
import { continueOnErrorValue } from '../../sources/workflow.js';
import { failsOnEmptyInput, pipeFedByEcho, readsOwnFiles } from '../bash/consumers.js';
import { assignedFrom, evaluatedByShell, valueFate } from '../bash/values.js';
import { CRITICAL_ROLES, QUIET_ROLES, severityOf, type Severity } from '../roles/role.js';
import { roleOfName } from '../roles/lexicon.js';
import { callsRemote } from '../roles/remote.js';
import { resolveCommand, toolRole } from '../roles/tools.js';
import { dependsOn, installedBefore, testsProject } from './build-chain.js';
import { buildStage } from './build-stage.js';
import { installedBy, runsBuiltProgram, runsItsOutput } from './built-program.js';
import { installReader } from './installed-tree.js';
import { strictUpload } from './strict-uploads.js';
import { exclusive } from '../natives.js';
import { judgedAfter } from './judged-results.js';
import { lostDirectory } from './lost-directory.js';
import { probedAfter } from './native-probe.js';
import { envPrefix, runKey, runPlace } from './run-place.js';
import { otherBranch } from './branches.js';
import { refineRole } from './refine-role.js';
import { sphinxAgain } from './sphinx-again.js';
import { againstRef, localListing, textFilter } from '../roles/command-kinds.js';
import type { Collected } from './collect.js';
import { findAncestor, inCondition, lastStage, outputConsumed, outputFile, markCheckAfter, searchTernary, sizeCheckAfter } from './output-checks.js';
import { buildTreeReader, lastMadeOf, producedPaths, readsProduced, testsProduced, withAssignedPaths } from './produced.js';
import { outputGate, publishedName } from './output-gates.js';
import { resultCheckAfter } from './result-checks.js';
import { emptyTestFeed, FINDINGS_PRINTED, loopFeed, matrixFeed, outputTested, printsFindings, publishedGate, readerCheck, shippedFile } from './fail-open.js';
import { jobAllowedWhereStepRuns } from '../allowed-legs.js';
import { lintedOnOtherLegs, onSameLegs } from './same-legs.js';
import { fallbackVerdict } from './fallback-verdict.js';
import { retryLoopVerdict } from './retry-loop.js';
import {
  afterStepFailure,
  alwaysFails,
  failsAfter,
  FAILURE_ONLY,
  nativeVerdict,
  outcomeCheck,
  outcomeReaders,
  restoredAfter,
  verdictAfter,
} from './script-verdicts.js';
import type { HiddenFailure } from './types.js';
import { pipeReaderVerdict } from './pipe-readers.js';
import { laterInJob } from './job-order.js';
import { publishedStatusReader } from './unread-status.js';
import type { JobFacts } from './job-facts.js';
import { envGate } from './env-gate.js';
import { testsRunElsewhere } from './covering-run.js';
import { readInNeedingJob } from './artifact-readers.js';
import { runsWhenever } from '../event-truth.js';
import { expectedFailure } from './expected-failure.js';
import { programRerun, runsWhatItBuilt } from './later-runs.js';
import { failureTurnedOff } from '../roles/failure-options.js';

const maxSeverity = (a: Severity, b: Severity): Severity => (a === 'high' || b === 'high' ? 'high' : a === 'medium' || b === 'medium' ? 'medium' : 'low');

/**
 * Decides, for each hidden failure of a site, whether something catches it after all (`handled`),
 * whether it matters more than its role says (`escalation`), and its severity and confidence.
 */
export function assess(hidden: HiddenFailure[], facts: JobFacts): void {
  for (const h of hidden) {
    const line = (offset: number) => facts.lineOf(h.site, offset);
    refineRole(h, facts);
    let again: string | undefined;

    // Caught by the command reading the output.
    if (h.how === 'pipe-left' && h.node && h.view) {
      const pipeline = findAncestor(h.node, 'pipeline');
      const reader = pipeline ? lastStage(pipeline) : undefined;
      const negated = pipeline?.children[0]?.type === 'negated_command';
      const subReader = pipeline?.parent?.type === 'process_substitution' && pipeline.parent.parent?.type === 'command' ? pipeline.parent.parent : undefined;
      const gate = pipeline && (inCondition(pipeline) || searchTernary(pipeline)) ? (verdictOnPassThrough(pipeline) ?? 'probe') : undefined;
      if (gate && gate !== 'probe') [h.escalation, h.severity] = [gate, 'medium'];
      else if (gate) h.handled = 'the pipe is a condition: its status only chooses what runs next';
      else if (subReader && failsOnEmptyInput(subReader, h.site.job) && ['propagates', 'checked'].includes(h.view.fates.fate(subReader).kind))
        h.handled = `\`${commandName(subReader)}\` reads the pipe's output and ${failsOnEmptyInput(subReader, h.site.job)}`;
      else if (reader && !negated) {
        // `! tool | grep x` asserts that nothing matches: an empty output passes, so the reader catches nothing.
        const fate = h.view.fates.fate(reader);
        const why = failsOnEmptyInput(reader, h.site.job);
        if (why && (fate.kind === 'propagates' || fate.kind === 'checked'))
          h.handled = `${why} when \`${commandName(h.node) ?? h.text}\` fails without output, which fails the step`;
        // `git diff -U0 origin/main | flake8 --diff`: a checker of what the pipe brings passes on
        // nothing, so the producer's failure passes the check (fail-open).
        // Only for a producer that fails for ordinary reasons: a service call, or git against a ref
        // that a shallow or fork checkout may not have (`git diff upstream/$BASE`); a listing of the
        // checkout (`git ls-files`, `find`, `cat`) does not.
        const checker = !why && reader !== h.node && (callsRemote(h.words) || againstRef(h.words)) ? readerCheck(commandWords(reader)) : undefined;
        if (checker && !checker.weak && (checker.role === 'lint' || checker.role === 'verify') && (fate.kind === 'propagates' || fate.kind === 'checked')) {
          h.escalation = `its output is what \`${checker.because}\` checks, and with no input that check passes`;
          h.severity = 'medium';
        }
      }
    }
    if (h.how === 'process-substitution' && h.node && h.view) {
      const sub = findAncestor(h.node, 'process_substitution');
      const reader = sub?.parent?.type === 'command' ? sub.parent : undefined;
      if (reader && failsOnEmptyInput(reader, h.site.job) && ['propagates', 'checked'].includes(h.view.fates.fate(reader).kind))
        h.handled = `\`${commandName(reader)}\` reads its output and ${failsOnEmptyInput(reader, h.site.job)}`;
    }
    if (!h.handled && !h.escalation) {
      const loop = loopFeed(h, line);
      const empty = loop ? undefined : emptyTestFeed(h);
      // A linter's findings are what it prints (`[ -z "$(gofmt -l .)" ]`): the test fails on them.
      if ((empty || (!loop && outputTested(h))) && printsFindings(h)) again ??= FINDINGS_PRINTED;
      else if (loop || empty) {
        // A check that holds whenever the command works: medium at most.
        [h.escalation, h.severity] = [loop ?? empty, 'medium'];
        if (empty && CRITICAL_ROLES.has(h.role.role)) h.role = { ...h.role, inherited: true };
      }
    }

    // What becomes of the value the command was computing. (Not a probe's: `grep -c` finding nothing is its answer.)
    if (!h.handled && h.node && h.view && assignedFrom(h.node) && h.role.role !== 'probe') {
      const v = valueFate(h.view.parsed, h.node);
      h.value = v;
      if (v?.kind === 'fail-closed') h.handled = `an empty $${v.variable} fails the check at line ${line(h.view.toSite(v.at.start))}`;
      // An empty value lets the check pass: in a step that checks (`nm _C.so | grep -c bad`), for a check or the
      // step's own program, and for a service call (rate limit, token, outage); not for a local listing in a
      // housekeeping step, nor a text filter fed from the script's own values (`echo "$out" | grep -v …`).
      else if (v?.kind === 'fail-open' && printsFindings(h)) again ??= `${FINDINGS_PRINTED} (line ${line(h.view.toSite(v.at.start))})`;
      else if (
        v?.kind === 'fail-open' &&
        !(textFilter(h.words) && (pipeFedByEcho(h.node) || readsOwnFiles(h.node, h.view.parsed.nodes))) &&
        (CRITICAL_ROLES.has(h.site.role.role) || isCheckOrUnknown(h.words) || callsRemote(h.words))
      ) {
        // The check holds whenever the command works; only a command that fails slips through: medium.
        h.escalation = `its output sets $${v.variable}, and ${v.empty === '' ? 'an empty value' : `the value ${v.empty}`} passes the check at line ${line(h.view.toSite(v.at.start))}`;
        [h.severity, h.role] = ['medium', CRITICAL_ROLES.has(h.role.role) ? { ...h.role, inherited: true } : h.role];
      } else if (v?.kind === 'data' && v.published && h.site.step && h.view && !textFilter(h.words) && !localListing(h.words)) {
        // `NEW=$(… | jq -r '.v // empty')` published as an output whose emptiness skips the release jobs (`jq -s` never empties it).
        const name = publishedName(v.published.text, v.variable);
        const gate = name && !v.nonEmpty ? outputGate(facts.fileText, facts.jobs, h.site.job, h.site.step, name) : undefined;
        if (gate)
          h.escalation = `its output sets $${v.variable}, published as ${name} at line ${line(h.view.toSite(v.published.start))}, and an empty value skips ${gate.what} (\`if: ${gate.cond.slice(0, 80)}\`), so the run stays green`;
        else if (name) h.escalation = matrixFeed(h, facts, name, v.published, line);
        // Or written to $GITHUB_ENV, and tested by a later step before its check.
        else if (!v.nonEmpty) h.escalation = envGate(facts, h.site.step, v.published.text, v.variable, () => line(h.view!.toSite(v.published!.start)));
        if (h.escalation) h.severity = 'medium';
      } else if (v?.kind === 'defaulted' && !h.deliberate && v.published && !textFilter(h.words) && !localListing(h.words)) {
        // (A text filter over values the step already has, `comm <(printf …) <(printf …)`, does not fail for ordinary reasons.)
        h.escalation = `an empty $${v.variable} is replaced by a default at line ${line(h.view.toSite(v.at.start))} and published at line ${line(h.view.toSite(v.published.start))}, so later steps and jobs get a valid-looking value`;
        h.severity = 'medium';
      }
    }

    // Published straight into an output that gates later work, or a file a later step ships.
    if (!h.handled && !h.escalation) {
      const published = publishedGate(h, facts, line) ?? shippedFile(h, facts);
      if (published) {
        h.escalation = published;
        h.severity = 'medium';
      }
    }

    // What the command after `||` makes of the failure.
    if (!h.handled) {
      const fallback = fallbackVerdict(h, line);
      h.handled = fallback.handled;
      if (fallback.again) again = fallback.again;
    }
    // A comparison whose output is the product (`diff … > changes.diff`, `diff … | gzip`): a report, not a check.
    // So is one in a step whose name says it shows things ("Dump cache content and diff").
    if (!h.handled && h.node && h.role.role === 'verify' && /^(diff|cmp|git)$/.test(resolveCommand(h.words)?.program ?? '')) {
      const shows = roleOfName(h.site.step?.name?.value)?.role === 'report';
      if (shows || outputConsumed(h.node))
        h.role = {
          role: 'report',
          because: shows ? `step name "${h.site.step!.name!.value}": it shows the differences` : `\`${h.words[0]}\` writes its output for a report`,
        };
    }

    // Its output goes to a file that a later line or step tests for content (`[ ! -s out.txt ]`): a
    // finding shows there. (A grep for a word in the output is not enough: a crash prints no such word.)
    if (!h.handled && h.node && h.view && (h.how === 'pipe-left' || h.how === 'errexit-off' || h.how === 'or-mask')) {
      const file = outputFile(h.node);
      const check = file ? sizeCheckAfter(h, file, facts) : undefined;
      if (check) h.handled = `its output, ${file}, is tested at line ${check}`;
    }
    const piped = !h.handled ? pipeReaderVerdict(h) : undefined;
    if (piped?.handled) h.handled = piped.handled;
    else if (piped?.again) again ??= piped.again;
    const reader = !h.handled && h.published ? publishedStatusReader(h, h.published, facts) : undefined;
    if (reader) h.handled = `its saved status is published as ${h.published!.name}, which ${reader} reads`;

    // A negative test (`npx manifold-cad ./no-import.mjs || echo "Negative smoke test failed as expected"`): the
    // message after `||` says the failure is what the step wants, so its loss hides nothing.
    if (!h.handled && h.how === 'or-mask' && expectedFailure(h.site.value.value.slice(h.commandRange.end, h.maskRange.end)))
      h.handled = `the message after \`||\` says its failure is expected: a negative test`;

    // The step's own circumstances.
    const step = h.site.step;
    if (!h.handled && step?.if && FAILURE_ONLY.test(step.if.value))
      h.handled = 'the step runs only after a failure (`if: failure()`): the job has already failed';
    const failedBefore = !h.handled && step ? afterStepFailure(h.site.job, step) : undefined;
    if (failedBefore) h.handled = `the step runs only after step ${failedBefore} failed (\`if: ${step!.if!.value.trim()}\`), which has already failed the job`;
    const loopVerdict =
      !h.handled && h.node && h.view ? retryLoopVerdict(h.node, h.view.nested ? h.view.nested.options.errexit : h.site.shell.errexit) : undefined;
    if (loopVerdict && h.view)
      h.handled = `a failed attempt is retried by the loop, whose \`${loopVerdict.text}\` at line ${line(h.view.toSite(loopVerdict.start))} fails the step when the attempts run out`;
    const decided = !h.handled ? nativeVerdict(h) : undefined;
    if (decided) h.handled = `the script decides its exit itself at line ${line(decided.offset)} (\`${decided.text}\`), after its own checks`;
    const lost = !h.handled ? lostDirectory(h) : undefined;
    if (lost)
      h.handled = `its failure skips the list's \`cd\` back, so \`${lost.text}\` at line ${line(lost.offset)} runs in the wrong folder and fails the step`;
    const probe = !h.handled ? probedAfter(h) : undefined;
    if (probe) h.handled = `the script asks about what it made and throws on a wrong answer at line ${line(probe.offset)} (\`${probe.text}\`)`;
    const exit = !h.handled ? (alwaysFails(h) ?? failsAfter(h)) : undefined;
    if (exit && h.view) h.handled = `it is followed by \`${exit.text}\` (line ${line(h.view.toSite(exit.start))}), which fails the step whenever it runs`;
    if (!h.handled && h.how === 'errexit-off' && h.deliberate) {
      const verdict = verdictAfter(h);
      const restore = restoredAfter(h);
      if (verdict && h.view) h.handled = `after \`set +e\` the script decides for itself at line ${line(h.view.toSite(verdict.start))}`;
      // `set +e; source env.sh; set -e`: errexit is off around a setup command on purpose.
      else if (restore && !CRITICAL_ROLES.has(h.role.role) && h.view)
        h.handled = `\`set +e\` … \`${restore.text}\` (line ${line(h.view.toSite(restore.start))}) wraps a ${h.role.role} command on purpose`;
    }

    // `hf download … --local-dir d || true` then `if [ ! -f d/baseline.txt ]; then …`: the script
    // tests for what the command writes and decides what its absence means.
    if (!h.handled) {
      const probe = testsProduced(h.site.value.value.slice(h.commandRange.end), producedPaths(h.words));
      if (probe)
        h.handled = `the script tests for ${probe.path}, which it writes, at line ${line(h.commandRange.end + probe.offset)} and decides what its absence means`;
    }

    // Run again, unmasked, elsewhere in the job: the failure surfaces there (low, and say where); not `! test -f x`, whose opposite that would be.
    if (!h.handled && h.how !== 'negated') {
      const text = runKey(h.words, envPrefix(h.node));
      // On the same legs: the Linux run of a step does not catch what its Windows run hides.
      const sameLegs = (l: Collected['loud'][number]) =>
        onSameLegs(h.site, l.site, facts.job, facts.doc) && runsWhenever(facts.job.if?.value, h.site.step, l.site.step, facts.events);
      const place = runPlace(h.site, h.commandRange.start, facts.fileText);
      const loud = facts.loudByText
        .get(text)
        ?.find(
          (l) =>
            !(l.site === h.site && l.offset === h.commandRange.start) &&
            sameLegs(l) &&
            runPlace(l.site, l.offset, facts.fileText) === place &&
            !(l.site === h.site && otherBranch(h, l.offset)),
        );
      if (loud) again = `the same command runs unmasked at line ${facts.lineOf(loud.site, loud.offset)}, where a failure surfaces`;
      else again ??= lintedOnOtherLegs(h, facts.loudByText.get(text)) ?? sphinxAgain(h, facts) ?? testsRunElsewhere(h, facts);
    }
    // Its saved output decides a later exit (`tee out.txt` … `if [ "$fails" -gt 0 ]; then exit 2`): the
    // run was let go on so that a report could be made, and the failure surfaces there.
    if (!h.handled && !again && h.node && h.view && (h.how === 'pipe-left' || h.how === 'errexit-off' || h.how === 'or-mask')) {
      // The last command of `docker run img sh -c '…; earthly --version' | tee apt.log`: its status is
      // the host's, whose output the outer pipe saves.
      const host = h.how === 'pipe-left' && h.view.nested && !findAncestor(h.node, 'pipeline') ? h.view.nested.host : undefined;
      const file = outputFile(host ?? h.node);
      const check = file ? resultCheckAfter(h, file, facts) : undefined;
      // (`if grep -q "INFO: Initializing raylib" /tmp/output; then …; else exit 1; fi`: a mark of success.)
      const mark = file && check?.how !== 'exit' && check?.how !== 'reader' ? markCheckAfter(h, file, facts, host) : undefined;
      if (mark) again = `its output, ${file}, is searched at line ${mark} for a mark of success, and the step fails without it`;
      else if (check?.how === 'exit') again = `its output, ${file}, decides the exit at line ${check.line} (\`${check.text}\`), where a failure surfaces`;
      else if (check?.how === 'reader') again = `its output, ${file}, is checked by \`${check.text}\` at line ${check.line}, whose failure fails its step`;
      else if (check?.how === 'annotation') again = `its output, ${file}, is counted into an annotation on the run at line ${check.line}`;
      else if (check && (h.role.role === 'stats' || h.role.role === 'other') && !h.escalation) {
        // The workflow fails the run on failures this command reports (`asv run … | tee log`, then `grep -q
        // "benchmark failed" log && exit 1`), so its failure matters here; a run that dies before it
        // reports anything passes that search. (Only for a command whose role says nothing else: a
        // benchmark, or the step's own program; a setup or upload writing to the same log is not what
        // the search is about.)
        h.escalation = `the workflow fails the run on failures its output ${file} reports (\`${check.text}\` at line ${check.line}), but a run that dies before reporting any passes that search`;
        h.severity = 'medium';
      }
    }
    const judge = !h.handled && !again ? judgedAfter(h, facts) : undefined;
    if (judge) again = `its results are judged by \`${judge.text}\` at line ${judge.line}, which fails the step on them`;
    // A later command of the same `a && b` list is skipped when the hidden one fails: it cannot catch it.
    // Nor does one in the other branch of an `if` (pwsh `if (…) { build a } else { build b }`).
    const runsAfterFailure = (l: Collected['loud'][number]) =>
      !(h.how === 'and-left' && l.site === h.site && l.offset >= h.maskRange.start && l.offset < h.maskRange.end) &&
      !(h.native && l.native && l.site === h.site && exclusive(h.native, l.native));
    const after = (l: Collected['loud'][number]) => laterInJob(l, h) && runsAfterFailure(l);
    if (
      !h.handled &&
      (h.how === 'errexit-off' || h.how === 'errexit-ignored' || h.how === 'and-left' || h.how === 'native' || h.how === 'pipe-left' || h.how === 'or-mask')
    ) {
      // A configure step whose build follows, or a build of the project that a later build repeats,
      // in this script or a later step of the job (`ninja -C build` then, in "Run unit tests",
      // `ninja -C build test`).
      const places = (l: Collected['loud'][number]) => () => ({
        earlier: runPlace(h.site, h.commandRange.start, facts.fileText),
        later: runPlace(l.site, l.offset, facts.fileText),
      });
      const later = facts.loud.find((l) => after(l) && dependsOn(l.words, h.words, places(l)));
      if (later)
        h.handled = `\`${later.words.slice(0, 3).join(' ')}\` at line ${facts.lineOf(later.site, later.offset)} needs what it does, and fails without it`;
    }
    if (!h.handled && (h.how === 'errexit-off' || h.how === 'errexit-ignored' || h.how === 'and-left' || h.how === 'native')) {
      // It makes a program that a later command runs (`./v tool.v` then `./tool`; `go install` then `wails -help`).
      const runs = runsItsOutput(
        h.words,
        (facts.loudBySite.get(h.site) ?? []).filter((l) => l.offset > h.commandRange.start && runsAfterFailure(l)),
        installedBy(h.words, h.site, h.commandRange.start, facts.fileText),
      );
      if (runs) h.handled = `it makes \`${runs.words[0]}\`, which line ${facts.lineOf(runs.site, runs.offset)} runs and which fails without it`;
    }
    const made = !h.handled && h.role.role === 'build' ? runsBuiltProgram(h.site, h.commandRange.start, facts.loud.filter(after), facts.fileText) : undefined;
    if (made) h.handled = `\`${made.words[0]}\` at line ${facts.lineOf(made.site, made.offset)} runs a program it builds, and fails without it`;
    if (!h.handled && (h.how === 'errexit-off' || h.how === 'errexit-ignored' || h.how === 'and-left' || h.how === 'native')) {
      // It writes files a later command reads (`auditwheel repair -w wh/` then `mv wh/*.whl dist/`).
      const [produced, lastMade] = [producedPaths(h.words), lastMadeOf(h.words)];
      for (const l of produced.length ? facts.loud : []) {
        const path = after(l) ? readsProduced(withAssignedPaths(l.words, l.site.value, l.offset), produced, lastMade) : undefined;
        if (!path) continue;
        h.handled = `\`${l.words.slice(0, 3).join(' ')}\` at line ${facts.lineOf(l.site, l.offset)} reads ${path}, which it writes, and fails without it`;
        break;
      }
      const t = h.handled ? undefined : buildTreeReader(h.words, facts.loud.filter(after));
      const reads = t && `\`${t.words.slice(0, 3).join(' ')}\` at line ${facts.lineOf(t.site, t.offset)} reads ${t.path}, which it makes, and fails without it`;
      if (reads) t.partial ? (again ??= reads) : (h.handled = reads);
      // `pip install . pytest` then `pytest`: the tests import what it built and installed (low: a
      // pure-Python package may still be imported from the checkout).
      // (Not when an earlier install of the same project stays in place for them: `pip install .`, then `pip install --force-reinstall .`.)
      const tests =
        !h.handled && h.role.role !== 'test' && buildStage(h.words) === 'project' && !installedBefore(h, facts.loud, facts.fileText)
          ? facts.loud.find((l) => after(l) && testsProject(l.words, h.words))
          : undefined;
      if (tests)
        again ??= `\`${tests.words.slice(0, 3).join(' ')}\` at line ${facts.lineOf(tests.site, tests.offset)} tests what it builds, and fails when the build is missing`;
    }
    // What a later step reads of its product: an install prefix (`make install` then `ls
    // build/install/lib`), or an upload that fails on no files (`bin\Release\*.nupkg`).
    if (!h.handled && (h.how === 'errexit-off' || h.how === 'errexit-ignored' || h.how === 'and-left' || h.how === 'native')) {
      h.handled = installReader(h, hidden, facts, after);
      if (!h.handled && !again) again = strictUpload(h, facts);
    }
    // `cmake --build build` then `./build/app`: running the very program it builds fails without it.
    if (!h.handled) h.handled = runsWhatItBuilt(h, facts, runsAfterFailure) ?? readInNeedingJob(h, facts);
    // `./hugo -s docs/` then `./hugo --renderToMemory -s docs/`: the same program on the same input again.
    if (!h.handled && !again) again = programRerun(h, facts, runsAfterFailure);

    // Severity and confidence.
    let severity: Severity = severityOf(h.role);
    if (QUIET_ROLES.has(h.role.role) && !h.escalation) severity = 'low';
    // A step that runs whatever happened before (`if: always()`) is post-processing by convention: with
    // only the job's name to say what its command is for, that command is not the job's main work.
    // (A check whose own script name says what it is, like lint steps run with always(), keeps its role.)
    if (h.role.inherited && /^job\b/.test(h.role.because) && !h.escalation && step?.if && /\balways\(\)/.test(step.if.value)) severity = 'low';
    if (h.escalation) severity = maxSeverity(severity, h.severity);
    // (Not for a mask written on purpose on a helper, `cp report.md out/ || true`: the author chose.)
    // (Nor for an environment the step's shell takes on, `eval "$(pixi shell-hook -e docs)"`: what the
    // step runs next needs it, and fails the step without it.)
    if (step && !h.handled && !QUIET_ROLES.has(h.role.role) && !(h.node && evaluatedByShell(h.node)) && !(h.deliberate && !CRITICAL_ROLES.has(h.role.role))) {
      const check = outcomeCheck(h.site.job, step);
      if (check && severity === 'low') {
        severity = 'medium';
        h.escalation = `${h.escalation ? `${h.escalation}; ` : ''}the step's failure is what a later step checks (\`${check.if!.value.trim()}\`), and this failure never makes the step fail`;
      }
    }
    // A step allowed to fail (`continue-on-error: true`) changes nothing in the run when it fails: what
    // its script hides costs only the step's own mark, and continue-on-error reports the step.
    // (Unless a later step reads its outcome: then the step's failure is what decides. A mask written
    // on purpose, `ruff check . || true`, stays: removing continue-on-error would leave it hiding.)
    const allowed = step && continueOnErrorValue(step.continueOnError) === 'true';
    if (!again && !h.deliberate && allowed && outcomeReaders(facts.fileText, h.site.job, step).length === 0)
      again = 'its step has `continue-on-error: true`, so the run passes whatever the step does (see continue-on-error)';
    // Its own option keeps it from failing on what it finds (`flake8 --exit-zero`): failure-disabled-option says so.
    if (!again && failureTurnedOff(h.words)) again = 'its own option keeps it from failing on what it finds (see failure-disabled-option)';
    // The job is allowed to fail on every leg where the step runs (the step is made for those legs).
    if (!again && step && facts.doc && jobAllowedWhereStepRuns(facts.doc, h.site.job, step))
      again = `its job has \`continue-on-error: ${continueOnErrorValue(h.site.job.continueOnError)}\` on every leg where the step runs, so the run passes whatever the step does (see continue-on-error)`;
    if (again) {
      severity = 'low';
      h.escalation = undefined;
      h.caught = again;
    }
    h.severity = severity;
    h.confidence = confidenceOf(h);
  }
}

function confidenceOf(h: HiddenFailure): Confidence {
  if (h.site.shell.dynamic) return 'medium';
  if (h.known && CRITICAL_ROLES.has(h.role.role)) return 'high';
  if (h.role.inherited) return 'low';
  return 'medium';
}

/** A command the tool table calls a check, or does not know (the step's own program). */
function isCheckOrUnknown(words: readonly string[]): boolean {
  const t = toolRole(words);
  return !t || CRITICAL_ROLES.has(t.role);
}
