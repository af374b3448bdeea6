import { maskExpressions } from '../../sources/shell-script.js';
import { continueOnErrorValue, type Job, type Step } from '../../sources/workflow.js';
import type { JobFacts } from './job-facts.js';
import { FAILURE_ONLY } from './script-verdicts.js';
import type { HiddenFailure } from './types.js';
import { escapeRegExp } from '../../core/regexp.js';

/**
 * Where a hidden command's saved output (`cmd | tee out.txt`, `cmd > out.log`) still decides the job:
 * a later line or step turns what the file says into a failing exit. The classic shape is a test run
 * allowed to go on so that a report can be made, and a last step that fails on the report's numbers
 * (`numFail=$(jq .NumberOfFail <<< "$STAT")` … `if [ "$numFail" -gt 0 ]; then exit 2; fi`).
 *
 * The data is followed as a shell reader would: through variables assigned from a line that reads the
 * file, files written by such a line, and values published to `$GITHUB_ENV`/`$GITHUB_OUTPUT` for later
 * steps. Text, not a parse: later steps may run under any shell, and only these few forms matter.
 */
export interface ResultCheck {
  /** 1-based line in the workflow file. */
  line: number;
  /** The deciding text, shortened for a message. */
  text: string;
  /**
   * `exit`: an exit with a non-zero status under a condition on the output; `reader`: a checker run on
   * the file; `marker`: only a search of the output for failures (`grep -q "benchmark failed" log &&
   * exit 1`), which passes a run that died before it reported any; `annotation`: counts of the output
   * shown as a `::warning`/`::error` annotation on the run (a suite tracked, not gated).
   */
  how: 'exit' | 'reader' | 'marker' | 'annotation';
}

interface Taint {
  files: Set<string>;
  vars: Set<string>;
  /** Variables set from an inverted search of the output (`grep -v ALLOWED log`): everything else in it. */
  unexpected?: Set<string>;
  patterns: Map<string, RegExp>;
  /** A `NAME<<EOF` block being written to $GITHUB_ENV / $GITHUB_OUTPUT: its lines publish NAME. */
  heredocName?: string;
  /** What was made of the output searched it for errors (`egrep "Error:|error:" full.txt | … > short.txt`). */
  errorSearch?: boolean;
}

/** `exit 2`, `exit $rc`, `exit "$status"`, `exit $?`: an exit that can fail the step (not `exit 0`). */
// (`exit $(tail -n 1 report.txt | awk '{print $2}')`: the status is a value read from the output.)
const EXIT = /(?:^|[\s;&|{(])exit\s+(?:(?:[1-9]\d*|"?\$(?:\?|\{?\w+\}?)"?)(?=\s*(?:$|[;)}&|]|fi\b))|"?\$\()/;
const ASSIGN = /(?:^|[\s;"'(&|])(?:export\s+|local\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_]\w*)\+?=(?!=)/g;
const WRITTEN = /(?:^|[^<&\d])>>?\s*["']?([^\s;|&"'()<>]+)|\btee\s+(?:-a\s+|--append\s+)*["']?([^\s;|&"'()<>]+)/g;
const PUBLISH = /GITHUB_(ENV|OUTPUT)\b|::set-output\s+name=/;
const CHECKER = /check|verif|validat|assert|result|summar/i;
/** Test-result readers that exit non-zero when the results hold a failure (tparse: 1 on a failed test, 2 on a failed build). */
const RESULT_READERS = /^tparse$/;
/** A condition that looks for words in the output (`grep -q "error:" log`). */
const MARKER = /\b[efz]?grep\b/;
/** A search for what compilers and builders print when they fail. */
const ERRORS = /error/i;
/** The stages of a line's pipes: split at `|` outside quotes (a `'^(PASSED|SKIPPED)'` pattern is one word), not at `||`. */
function pipeStages(line: string): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '|' && line[i + 1] !== '|' && line[i - 1] !== '|') {
      out.push(line.slice(from, i));
      from = i + 1;
    }
  }
  out.push(line.slice(from));
  return out;
}

/**
 * The line reads the output with an inverted search (`egrep -v "$IGNORE_PATTERNS" log`): what is left
 * is every line not known to be harmless. (Not `grep FAILED log | grep -v xfail`, a search for one
 * marker whose hits are then filtered.)
 */
function invertedRead(line: string, t: Taint): boolean {
  for (const stage of pipeStages(line)) {
    if (!/\b[efz]?grep\s+(?:\S+\s+)*?(?:-\w*v\w*|--invert-match)\b/.test(stage)) continue;
    for (const f of t.files) if (pattern(t, `r:${f}`, () => `(?:^|[\\s/'"<])${escapeRegExp(f)}(?![\\w.-])`).test(stage)) return true;
  }
  return false;
}

/**
 * `grep -qxF '0 failures, 0 errors.' test-out.txt` as a statement whose failure fails the step: the
 * output must hold the line, and a run that died before writing it fails the search. (`-v` and `-c`
 * succeed on other output.)
 */
const mustContain = (words: readonly string[]) =>
  /^[ef]?grep$/.test(basename(words[0] ?? '')) && !words.slice(1).some((w) => /^-\w*[vcL]/.test(w) || w === '--invert-match' || w === '--count');

/** A `grep` for what the output must hold, written as a line of its own (its failure fails the step). */
const searchesOwnLine = (l: { words: string[]; site: { value: { value: string } }; offset: number }) =>
  mustContain(l.words) && aStatement(l.site.value.value, l.offset);

/** The command at `offset` is a line of its own: not in a pipe, a substitution or a condition. */
function aStatement(script: string, offset: number): boolean {
  const start = script.lastIndexOf('\n', offset - 1) + 1;
  const end = script.indexOf('\n', offset);
  return script.slice(start, offset).trim() === '' && !/[|`;&]|\$\(/.test(script.slice(offset, end < 0 ? undefined : end));
}

const basename = (path: string) => path.replace(/["']/g, '').split(/[/\\]/).pop() ?? path;

function mentions(line: string, t: Taint): boolean {
  for (const f of t.files) if (pattern(t, `f:${f}`, () => `(?:^|[\\s/\\\\'"<>=:])${escapeRegExp(f)}(?![\\w.-])`).test(line)) return true;
  for (const v of t.vars) if (pattern(t, `v:${v}`, () => `\\$\\{?${escapeRegExp(v)}\\b|\\b(?:env|outputs)\\.${escapeRegExp(v)}\\b`).test(line)) return true;
  return false;
}

/** A taint item's pattern, compiled once per search. */
function pattern(t: Taint, key: string, source: () => string): RegExp {
  let re = t.patterns.get(key);
  if (!re) t.patterns.set(key, (re = new RegExp(source())));
  return re;
}

/** What a line that reads tainted data passes on: the variables it sets, the files it writes, what it publishes. */
function spread(line: string, t: Taint): void {
  const inverted = invertedRead(line, t);
  if (MARKER.test(line) && ERRORS.test(line)) t.errorSearch = true;
  for (const m of line.matchAll(ASSIGN)) {
    t.vars.add(m[1]!);
    if (inverted) (t.unexpected ??= new Set()).add(m[1]!);
  }
  for (const m of line.matchAll(WRITTEN)) {
    const path = m[1] ?? m[2]!;
    if (/GITHUB_|^\/dev\/|^&/.test(path)) continue;
    const name = basename(path);
    if (name && !name.startsWith('$')) t.files.add(name);
  }
  if (PUBLISH.test(line)) {
    const named = /::set-output\s+name=([\w-]+)::/.exec(line)?.[1];
    if (named) t.vars.add(named);
    if (t.heredocName) t.vars.add(t.heredocName);
  }
}

/** Logical lines of a script (`\` continues a line), with their offsets; comments dropped. */
function logicalLines(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let offset = 0;
  let pending: { text: string; offset: number } | undefined;
  for (const raw of text.split('\n')) {
    const here = offset;
    offset += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    if (!pending && /^\s*#/.test(line)) continue;
    const cont = /\\$/.test(line);
    const part = cont ? line.slice(0, -1) : line;
    pending = pending ? { text: `${pending.text} ${part.trim()}`, offset: pending.offset } : { text: part, offset: here };
    if (!cont) {
      out.push(pending);
      pending = undefined;
    }
  }
  if (pending) out.push(pending);
  return out;
}

/**
 * Whether a condition that leads to a failing exit also fails when the output shows nothing: a lower
 * bound on a count (`-lt 36`, `-eq 0`), an emptiness test (`-z`, `! -s`), or a marker of success that
 * must be present (`! grep -q passed`, `grep -q OK … ||`). A check that only counts failures
 * (`-gt 0`, `grep -q FAIL`) passes when the run died before it reported any: it catches nothing then.
 */
function failsClosed(cond: string, via: 'if' | '&&' | '||'): boolean {
  if (/\s-(lt|le)\s|\s-eq\s+["']?0\b|\(\(.*(<|==\s*0\b)/.test(cond)) return true;
  if (/\s-z\s|!\s*-s\s/.test(cond)) return true;
  const grep = MARKER.test(cond);
  if (grep && via === '||') return true;
  if (grep && via === 'if' && /(^|[\s;(])!\s*\S*?grep\b|^\s*!/.test(cond)) return true;
  return false;
}

/**
 * A test of a variable that holds every unexpected line of the output (easybuild's `PRINTED_MSG=$(egrep
 * -v "$IGNORE_PATTERNS" log | grep …)`, then `test "x$PRINTED_MSG" = "x" || (… exit 1)`): any failure the
 * run prints, a failed test or a traceback, fails it. (A run that dies printing nothing passes it.)
 */
function printsUnexpected(cond: string, t: Taint): boolean {
  for (const v of t.unexpected ?? []) if (pattern(t, `u:${v}`, () => `\\$\\{?${escapeRegExp(v)}\\b`).test(cond)) return true;
  return false;
}

interface Found {
  offset: number;
  text: string;
  closed: boolean;
  /** The condition looks for words in the output (`grep -q "error:" log`). */
  marker: boolean;
  /** Those words are errors, which a failed compile or build prints. */
  errors?: boolean;
  /** Not an exit: an annotation on the run made of the output (`if [[ "$FAIL" -gt 0 ]]; then echo "::warning ::…"; fi`). */
  annotation?: boolean;
}

const ANNOTATION = /::(warning|error)\b/;

/** Walks one script, spreading the taint; returns every failing exit whose condition reads the output (and every annotation made of it). */
function scan(text: string, t: Taint): Found[] {
  const found: Found[] = [];
  /** Open `if` blocks: the condition when it reads the output, else undefined. */
  const frames: (string | undefined)[] = [];
  for (const { text: line, offset } of logicalLines(text)) {
    const heredoc = PUBLISH.test(line) ? /([A-Za-z_]\w*)<<\s*['"]?\w+/.exec(line)?.[1] : undefined;
    if (heredoc) t.heredocName = heredoc;
    const tainted = mentions(line, t);
    const opens = /^\s*(?:if|elif)\s+(.*?)(?:;\s*then\b(.*))?$/.exec(line);
    if (opens) {
      const cond = opens[1]!;
      const inline = opens[2] ?? '';
      const condTainted = mentions(cond, t) ? cond : undefined;
      if (condTainted && EXIT.test(inline))
        found.push({ offset, text: line.trim(), closed: failsClosed(cond, 'if') || printsUnexpected(cond, t), marker: MARKER.test(cond) });
      else if (condTainted && ANNOTATION.test(inline)) found.push({ offset, text: line.trim(), closed: false, marker: false, annotation: true });
      const closes = /(?:^|;)\s*fi\s*$/.test(inline);
      if (!closes) {
        if (/^\s*elif\b/.test(line) && frames.length) frames[frames.length - 1] = condTainted;
        else frames.push(condTainted);
      }
    } else if (/^\s*fi\b/.test(line)) frames.pop();
    // (A count or value taken from the output, not the file's name: `echo "::warning::see test.log"` reports nothing.)
    else if (
      ANNOTATION.test(line) &&
      !EXIT.test(line) &&
      (frames.some((f) => f !== undefined) || [...t.vars].some((v) => new RegExp(`\\$\\{?${v}\\b`).test(line)))
    )
      found.push({ offset, text: line.trim(), closed: false, marker: false, annotation: true });
    else if (EXIT.test(line)) {
      const exitAt = line.search(/\bexit\s/);
      const before = line.slice(0, exitAt);
      const list = /(&&|\|\|)\s*\{?\s*(?:[^;]*;\s*)*$/.exec(before);
      const cond = frames.filter((f): f is string => f !== undefined);
      if (list && mentions(before, t))
        found.push({
          offset,
          text: line.trim(),
          closed: failsClosed(before, list[1] as '&&' | '||') || printsUnexpected(before, t),
          marker: MARKER.test(before),
        });
      else if (cond.length) {
        const closed = cond.find((c) => failsClosed(c, 'if') || printsUnexpected(c, t));
        found.push({
          offset,
          text: `if ${closed ?? cond[cond.length - 1]} … ${line.trim()}`,
          closed: closed !== undefined,
          marker: cond.some((c) => MARKER.test(c)),
        });
      } else if (mentions(line.slice(exitAt), t))
        // `exit $(count of error lines)`: non-zero when the output holds errors.
        found.push({ offset, text: line.trim(), closed: false, marker: t.errorSearch === true, errors: t.errorSearch });
    }
    if (tainted) spread(line, t);
  }
  return found;
}

type ScriptStep = Step & { run: NonNullable<Step['run']> };
const maskedRuns = new WeakMap<ScriptStep, string>();

/** A step's script as the shell parser saw it (`${{ … }}` as a run of `_`), made once per step. */
function maskedRun(s: ScriptStep): string {
  let text = maskedRuns.get(s);
  if (text === undefined) maskedRuns.set(s, (text = maskExpressions(s.run.value)));
  return text;
}

const runsAfterSuccess = (s: Step) => !(s.if && FAILURE_ONLY.test(s.if.value));
const allowedToFail = (s: Step) => continueOnErrorValue(s.continueOnError) === 'true';

/**
 * The steps of a job that name each file-like word (`testout.txt`, `build.output`), in order: a
 * search starts at the first later step that names the output at all, so a job of thousands of
 * steps that each write their own log costs one lookup per failure, not a scan of every later step.
 */
const wordsOfJob = new WeakMap<Job, Map<string, number[]>>();

function stepsNaming(job: Job): Map<string, number[]> {
  let index = wordsOfJob.get(job);
  if (!index) {
    index = new Map();
    for (const s of job.steps) {
      if (!s.run) continue;
      for (const w of new Set(maskedRun(s as ScriptStep).split(/[^\w.-]+/))) {
        if (!w) continue;
        const list = index.get(w);
        if (list) list.push(s.index);
        else index.set(w, [s.index]);
      }
    }
    wordsOfJob.set(job, index);
  }
  return index;
}

/**
 * The first later place, in the same script or a later step of the job, where the file's content
 * decides a failing exit that also fails on an empty report; or a checker run on the file.
 */
export function resultCheckAfter(h: HiddenFailure, file: string, facts: JobFacts): ResultCheck | undefined {
  const t: Taint = { files: new Set([maskExpressions(file)]), vars: new Set(), patterns: new Map() };
  // A linter fails exactly when it prints diagnostics, so a search of its output for them (`grep -q
  // "error:" log && exit 1`) decides as it would; a test run that died prints no failure marker.
  // So does a build's log searched for errors: a failed compile or link prints them (`exit $(… | egrep
  // "Error:|error:" build.log | … | wc -l)`).
  const decides = (f: Found) => f.closed || (f.marker && h.role.role === 'lint') || (f.errors === true && h.role.role === 'build');
  const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  // Texts as the parser saw them: a file named with an expression (`tee log_${{ github.run_number }}`)
  // is a run of `_` in the command's words.
  const rest = maskExpressions(h.site.value.value).slice(h.commandRange.end);
  const hereFound = scan(rest, t);
  const here = hereFound.find(decides);
  if (here) return { line: facts.lineOf(h.site, h.commandRange.end + here.offset), text: short(here.text), how: 'exit' };
  // (Made by a later statement: `| sed "s/^FAILED/::error::FAILED/" | tee log` in the command's own pipe only marks up its output.
  // And only where nothing exits on the output: `echo "::error::Too many failures"; exit 1` is a verdict, judged as one.)
  const shown = hereFound.every((f) => f.annotation) ? hereFound.find((f) => f.annotation && h.commandRange.end + f.offset >= h.maskRange.end) : undefined;
  if (shown) return { line: facts.lineOf(h.site, h.commandRange.end + shown.offset), text: short(shown.text), how: 'annotation' };
  // The first search of the output for failure markers, in case nothing decides.
  const markerOnly = hereFound.find((f) => f.marker);
  let marker: ResultCheck | undefined = markerOnly
    ? { line: facts.lineOf(h.site, h.commandRange.end + markerOnly.offset), text: short(markerOnly.text), how: 'marker' }
    : undefined;
  // A reader of the saved results later in the same script that fails on failed results
  // (`tparse -format markdown -file output.json -all` after `go test -json | tee output.json | … || true`).
  const sameScript = facts.loudBySite
    .get(h.site)
    ?.find(
      (l) =>
        l.offset > h.commandRange.end &&
        l.words.slice(1).some((w) => t.files.has(basename(w))) &&
        (RESULT_READERS.test(basename(l.words[0] ?? '')) || CHECKER.test(basename(l.words[0] ?? '')) || searchesOwnLine(l)),
    );
  if (sameScript) return { line: facts.lineOf(sameScript.site, sameScript.offset), text: short(sameScript.words.join(' ')), how: 'reader' };
  const step = h.site.step;
  if (!step) return marker;
  const naming = stepsNaming(facts.job);
  // The first later step that names the output, or a variable or file the script made of it.
  const first = Math.min(...[...t.files, ...t.vars].map((w) => naming.get(w)?.find((i) => i > step.index) ?? Number.POSITIVE_INFINITY));
  if (first === Number.POSITIVE_INFINITY) return marker; // nothing later can read it
  // A later step that writes the file anew (`tee F`, `> F`) replaces this command's output: a search of
  // the file after that reports on the other command (`asv machine | tee log`, then `asv run | tee log`).
  const own = maskExpressions(file);
  const rewrites = new RegExp(`(?:\\btee\\s+(?!-a\\b|--append\\b)|(?:^|[^>&\\d])>\\s*)["']?(?:\\S*/)?${escapeRegExp(own)}(?![\\w.-])`, 'm');
  let replaced = false;
  // Steps allowed to fail still pass data on (a summary step with `|| true`), but their exits decide nothing.
  for (const s of facts.job.steps) {
    if (s.index < first || !s.run || !runsAfterSuccess(s)) continue;
    const text = maskedRun(s as ScriptStep);
    const all = scan(text, t);
    const found = all.find(decides);
    if (found && !allowedToFail(s)) return { line: facts.lineOf({ ...h.site, value: s.run }, found.offset), text: short(found.text), how: 'exit' };
    const m = allowedToFail(s) || replaced ? undefined : all.find((f) => f.marker);
    if (m && !marker) marker = { line: facts.lineOf({ ...h.site, value: s.run }, m.offset), text: short(m.text), how: 'marker' };
    // (A step with its own `if:` may not run: `if: github.event_name == 'push'` beside a pull-request twin.)
    if (!s.if && rewrites.test(text)) replaced = true;
  }
  // A checker run on the file whose failure fails its step (`./check_build_result.sh build.output`):
  // what it fails on is in a script the workflow does not show, so this only says where to look.
  const readers = new Set([...t.files].flatMap((f) => naming.get(f) ?? []).filter((i) => i > step.index));
  for (const l of facts.loud) {
    const s = l.site.step;
    if (!s || !readers.has(s.index) || allowedToFail(s) || !runsAfterSuccess(s)) continue;
    if (!l.words.slice(1).some((w) => t.files.has(basename(w)))) continue;
    if (!CHECKER.test(basename(l.words[0] ?? '')) && !CHECKER.test(s.name?.value ?? '') && !searchesOwnLine(l)) continue;
    return { line: facts.lineOf(l.site, l.offset), text: short(l.words.join(' ')), how: 'reader' };
  }
  return marker;
}
