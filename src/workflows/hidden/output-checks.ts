import { commandName, commandWords, descendants, findAncestor, listParts, pipelineStages, type ScriptNode } from '../../sources/shell-script.js';
import { continueOnErrorValue, type Job, type Step } from '../../sources/workflow.js';
import { toolRole } from '../roles/tools.js';
import type { JobFacts } from './job-facts.js';
import type { HiddenFailure } from './types.js';
import { escapeRegExp } from '../../core/regexp.js';

/** The command of a pipeline's last stage: the one that reads what the others print. */
export function lastStage(pipeline: ScriptNode): ScriptNode | undefined {
  const stages = pipelineStages(pipeline);
  const last = stages[stages.length - 1];
  if (!last) return undefined;
  return last.type === 'command' ? last : descendants(last).find((n) => n.type === 'command');
}

/** Whether a node sits in an `if`/`while` condition, within its statement. */
export function inCondition(node: ScriptNode): boolean {
  for (let n: ScriptNode | undefined = node; n?.parent; n = n.parent) {
    if (n.field === 'condition') return true;
    if (n.parent.type === 'program' || n.parent.type === 'compound_statement' || n.parent.type === 'do_group' || n.parent.type === 'subshell') return false;
  }
  return false;
}

/**
 * `status=$(sentry-cli releases list | grep -q X && echo released || echo unreleased)`: a search
 * pipe on the left of `&& a || b` is a question, like the condition of an `if`: a failed producer
 * answers "no" and the `||` branch runs (pipefail would change nothing).
 */
export function searchTernary(pipeline: ScriptNode): boolean {
  const last = lastStage(pipeline);
  const name = last ? commandName(last) : undefined;
  if (!name || !/^(grep|egrep|fgrep|rg)$/.test(name)) return false;
  const and = pipeline.parent;
  const andParts = and?.type === 'list' ? listParts(and) : undefined;
  if (!and || andParts?.op !== '&&' || andParts.left !== pipeline) return false;
  const or = and.parent;
  const orParts = or?.type === 'list' ? listParts(or) : undefined;
  // (Not `… | grep tests && (echo "found"; exit 1) || echo ok`: there the `&&` branch is a verdict, which the `||` swallows.)
  return orParts?.op === '||' && orParts.left === and && !/\b(exit|return)\s+[1-9]|\bfalse\b/.test(andParts.right.text);
}

/** A pipe whose last stage writes only to the step summary (`| tee -a "$GITHUB_STEP_SUMMARY"`, `| cat >> $GITHUB_STEP_SUMMARY`). */
export function intoSummary(node: ScriptNode): boolean {
  let pipeline = node.parent;
  while (pipeline && pipeline.type !== 'pipeline') pipeline = pipeline.type === 'redirected_statement' ? pipeline.parent : undefined;
  const last = pipeline?.children.filter((c) => c.type === 'command' || c.type === 'redirected_statement').pop();
  return last !== undefined && last !== node && /^(tee\s+(-a\s+)?|cat\s*>>?\s*)["']?\$\{?GITHUB_STEP_SUMMARY\}?["']?\s*$/.test(last.text.trim());
}

/** Whether a command's standard output goes somewhere (a later stage of a pipe, a file): it runs for what it prints. */
export function outputConsumed(node: ScriptNode): boolean {
  for (let n: ScriptNode | undefined = node; n?.parent; n = n.parent) {
    const p: ScriptNode = n.parent;
    if (p.type === 'pipeline' && p.children[p.children.length - 1] !== n) return true;
    if (
      p.type === 'redirected_statement' &&
      /(^|[^0-9&])>>?\s*[^&]/.test(
        p.children
          .filter((c: ScriptNode) => c.field === 'redirect')
          .map((c: ScriptNode) => c.text)
          .join(' '),
      )
    )
      return true;
    if (p.type === 'program') return false;
  }
  return false;
}

/** The file a command's output is written to (its name; its path as written with `whole`): `| tee F`, `> F`, `&> F`. */
export function outputFile(node: ScriptNode, whole = false): string | undefined {
  const pipeline = findAncestor(node, 'pipeline');
  if (pipeline) {
    // The first `tee` after the command, last stage or not (`go test -json | tee out.json | tparse`).
    const stages = pipelineStages(pipeline);
    const at = stages.findIndex((st) => st === node || descendants(st).includes(node));
    for (const st of stages.slice(at + 1)) {
      const cmd = st.type === 'command' ? st : descendants(st).find((n) => n.type === 'command');
      const words = cmd ? commandWords(cmd) : [];
      const file = words[0] === 'tee' ? words.slice(1).find((w) => !w.startsWith('-')) : undefined;
      if (file && !file.startsWith('/dev/')) return whole ? file : file.split('/').pop();
    }
  }
  for (let n: ScriptNode | undefined = node; n?.parent; n = n.parent) {
    if (n.parent.type === 'redirected_statement') {
      const file = redirectedTo(n.parent, whole);
      if (file) return file;
    }
    if (BLOCK_TYPES.has(n.parent.type)) break;
  }
  return undefined;
}

/** The file (its name; its path as written with `whole`) a statement's standard output is redirected to: `> F`, `1> F`, `&> F`; not `>&2`. */
export function redirectedTo(statement: ScriptNode, whole = false): string | undefined {
  const r = statement.children.find((c) => c.field === 'redirect' && /^(&>|>|1>)(?!&)/.test(c.text));
  const path = r?.text.replace(/^(&>>|&>|1>>|>>|1>|>)\s*/, '').replace(/^["']|["']$/g, '');
  // `> /dev/null` throws the output away: nothing can read it later.
  if (path === undefined || path.startsWith('/dev/')) return undefined;
  return whole ? path : path.split('/').pop();
}

const BLOCK_TYPES: ReadonlySet<string> = new Set(['program', 'compound_statement', 'do_group', 'subshell']);

/** The line of a later test of a file's size (`[ -s F ]`, `[ ! -s F ]`, `test -s F`), in the script or a later step of the job. */
type ScriptStep = Step & { run: NonNullable<Step['run']> };
const sizeTesting = new WeakMap<Job, ScriptStep[]>();

/** The job's steps whose script may test a file for content (`-s`): searched once per failure. */
function sizeTestingSteps(job: Job): ScriptStep[] {
  let steps = sizeTesting.get(job);
  if (!steps) sizeTesting.set(job, (steps = job.steps.filter((s): s is ScriptStep => Boolean(s.run && /-s|grep/.test(s.run.value)))));
  return steps;
}

export function sizeCheckAfter(h: HiddenFailure, file: string, facts: JobFacts): number | undefined {
  // (Also `! grep -q '[^[:space:]]' F` or `! grep -q . F`, a search for any character at all, as the
  // script's last line, where its status is the step's: on a line before, bash ignores a negated status.)
  const re = new RegExp(
    `(\\[\\[?|test)\\s+(!\\s+)?-s\\s+\\S*?${escapeRegExp(file)}|^[ \\t]*!\\s*grep\\s+(-[a-zA-Z]+\\s+)*(['"]?)(\\.|\\[\\^\\[:space:\\]\\])\\4\\s+["']?\\S*?${escapeRegExp(file)}["']?\\s*$(?![\\s\\S]*\\S)`,
    'm',
  );
  const here = h.site.value.value.slice(h.commandRange.end);
  const m = re.exec(here);
  if (m) return facts.lineOf(h.site, h.commandRange.end + m.index);
  const step = h.site.step;
  if (!step) return undefined;
  for (const later of sizeTestingSteps(facts.job)) {
    if (later.index <= step.index) continue;
    const mm = re.exec(later.run.value);
    if (mm) return facts.lineOf({ ...h.site, value: later.run }, mm.index);
  }
  return undefined;
}

export { findAncestor } from '../../sources/shell-script.js';

/**
 * A later search of the output file for a mark of success, where no match fails the script: `if grep
 * -q "INFO: Initializing raylib" /tmp/output; then …; else …; exit 1; fi`, `if ! grep -q X F; then
 * exit 1; fi`, `grep -q X F || exit 1`, or the search as the script's last line (raylib's smoke
 * test: a crash prints no such mark). A search for a failure mark (`if grep -q error F; then exit 1`)
 * does not count: a crash prints none either.
 */
export function markCheckAfter(h: HiddenFailure, file: string, facts: JobFacts, host?: ScriptNode): number | undefined {
  const whole = h.node ? outputFile(host ?? h.node, true) : undefined;
  if (!whole || whole.split('/').pop() !== file) return undefined;
  // A test runner prints "tests passed" beside the failures too (`50% tests passed, 1 tests failed`):
  // only a mark of complete success answers for its verdict.
  const runner = toolRole(h.words)?.role === 'test';
  const texts: { text: string; from: number; site: typeof h.site }[] = [{ text: h.site.value.value, from: h.commandRange.end, site: h.site }];
  for (const s of facts.job.steps) {
    // A later step that runs only after a failure, or may itself fail, decides nothing here.
    if (!h.site.step || s.index <= h.site.step.index || !s.run || /\b(failure|cancelled)\(\)/.test(s.if?.value ?? '')) continue;
    if (continueOnErrorValue(s.continueOnError) === 'true') continue;
    texts.push({ text: s.run.value, from: 0, site: { ...h.site, value: s.run } });
  }
  const path = `(?:\\./)?${escapeRegExp(whole.replace(/^\.\//, ''))}`;
  for (const t of texts) {
    const body = t.text.slice(t.from);
    const re = new RegExp(`^[ \\t]*(if\\s+(!\\s+)?)?grep\\b(?![^\\n]*\\s-[a-zA-Z]*[vc])[^\\n]*\\s["']?${path}["']?(?=[\\s;)|]|$)[^\\n]*$`, 'gm');
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const line = m[0];
      if (runner && !FULL_SUCCESS.test(line)) continue;
      const rest = body.slice(m.index + line.length);
      const fi = /^[ \t]*fi\b/m.exec(rest);
      const block = fi ? rest.slice(0, fi.index) : '';
      const elseAt = /^[ \t]*else\b/m.exec(block);
      const fails = (text: string) => /\bexit\s+[1-9]|(^|\s)false(\s|$)/m.test(text);
      const after = line.slice(line.indexOf(whole.split('/').pop()!) + 1);
      const decides =
        (m[2] !== undefined && fails(elseAt ? block.slice(0, elseAt.index) : block)) ||
        (m[1] !== undefined && m[2] === undefined && elseAt !== null && fails(block.slice(elseAt.index))) ||
        (m[1] === undefined && /\|\|\s*(exit\s+[1-9]|false\b)/.test(line)) ||
        // As the script's last line, the search alone: nothing after it on the line (`|| true`, `| head`).
        (m[1] === undefined && rest.trim() === '' && !/[|;&]/.test(after));
      if (decides) return facts.lineOf(t.site, t.from + m.index);
    }
    // `… | tee apt.log && tail -n 1 apt.log | grep "earthly version 1.2"` as the script's end: the
    // search reads the file through a pipe, and its no-match fails the step.
    const piped = new RegExp(
      `(^[ \\t]*|&&[ \\t]*)(?:tail|head|cat)\\b[^\\n|;&]*\\s["']?${path}["']?[ \\t]*\\|[ \\t]*grep\\b(?![^\\n]*\\s-[a-zA-Z]*[vc])[^\\n|;&]*$`,
      'gm',
    );
    for (let m = piped.exec(body); m; m = piped.exec(body)) {
      if (runner && !FULL_SUCCESS.test(m[0])) continue;
      // A search for a failure word (`tail -n 50 build.log | grep -i error`) finds the failure's own message and passes.
      if (FAILURE_WORD.test(m[0].slice(m[0].lastIndexOf('grep')))) continue;
      if (body.slice(m.index + m[0].length).trim() === '') return facts.lineOf(t.site, t.from + m.index + m[1]!.length);
    }
  }
  return undefined;
}

/** Words of a failure's message, which a search for success must not look for. */
const FAILURE_WORD = /error|fail|warn|exception|panic|fatal|traceback|denied|abort|crash/i;

/** A mark of complete success in a search pattern: `100%`, "all … passed", `0 failed`, a bare `OK`. */
const FULL_SUCCESS = /100%|\ball\b[^\n]*\b(pass|ok|succe)|\b0 (failed|failures|errors)\b|["'\s]OK["'\s]/i;
