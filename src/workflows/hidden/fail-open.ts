import { escapeRegExp } from '../../core/regexp.js';
import { branchOf, commandName, commandWords, descendants, findAncestor, pipelineStages, type ScriptNode } from '../../sources/shell-script.js';
import { assignedFrom, branchesOf, exitsNonZero, publishedDirectly } from '../bash/values.js';
import { againstRef, localListing, textFilter } from '../roles/command-kinds.js';
import { callsRemote } from '../roles/remote.js';
import { CRITICAL_ROLES, QUIET_ROLES, type Role } from '../roles/role.js';
import { toolRole } from '../roles/tools.js';
import type { JobFacts } from './job-facts.js';
import { envConditionGate, matrixReader, outputGate } from './output-gates.js';
import { emptyRefOnSomeEvents } from './pr-only-ref.js';
import { shippedLater } from './shipped.js';
import type { HiddenFailure } from './types.js';

// Failures whose consequence is a quiet success later on: a check fed nothing, a value that skips
// work, a broken file shipped. Each returns the escalation's words, or undefined.

/**
 * What a pipe's reader checks: a lint or verification tool, or a text program that fails on what it
 * reads (`awk '/^-/ { bad = 1 } END { exit bad }'`, `perl -ne '… exit 1'`).
 */
export function readerCheck(words: string[]): ReturnType<typeof toolRole> {
  const t = toolRole(words);
  if (t && (t.role === 'lint' || t.role === 'verify')) return t;
  if (/^(awk|gawk|mawk|perl)$/.test(words[0] ?? '') && words.slice(1).some((w) => /\bexit\s*\(?\s*([1-9]|\$?[A-Za-z_]\w*)/.test(w)))
    return { role: 'verify', because: `${words[0]} … exit`, weak: false };
  return t;
}

/**
 * The checker a loop runs on each item it gets (`git diff --name-only … | while read -r f; do
 * clang-format --dry-run -Werror "$f"; done`, `done < <(git diff …)`, or `for f in $(git diff …); do
 * shellcheck "$f"; done`): with no input, the loop checks nothing and passes. `stage` is the loop,
 * possibly with its redirections.
 */
export function loopChecker(stage: ScriptNode | undefined): { node: ScriptNode; because: string } | undefined {
  const loop = stage?.type === 'redirected_statement' ? stage.children.find((c) => c.field === 'body') : stage;
  if (loop?.type !== 'while_statement' && loop?.type !== 'for_statement') return undefined;
  const body = loop.children.find((c) => c.type === 'do_group');
  return checkerIn(body ? [body] : [], LOOP_CHECKS);
}

const LOOP_CHECKS: ReadonlySet<Role> = new Set(['lint', 'verify', 'test', 'build']);

/** The first command among these statements (theirs included) that the tool table knows, not weakly, to do one of `roles`. */
export function checkerIn(stmts: readonly ScriptNode[], roles: ReadonlySet<Role>): { node: ScriptNode; words: string[]; because: string } | undefined {
  for (const n of stmts.flatMap((s) => [s, ...descendants(s)])) {
    if (n.type !== 'command') continue;
    const words = commandWords(n);
    const t = toolRole(words);
    if (t && !t.weak && roles.has(t.role)) return { node: n, words, because: t.because };
  }
  return undefined;
}

/** The first `for` loop after `after` whose list reads `variable` (`for id in ${ids}`, `for f in $FILES`). */
function loopOver(parsed: { nodes: readonly ScriptNode[] }, variable: string, after: ScriptNode): ScriptNode | undefined {
  const ref = new RegExp(`\\$\\{?${escapeRegExp(variable)}\\b`);
  return parsed.nodes.find((n) => n.type === 'for_statement' && n.start > after.end && n.children.some((c) => c.field === 'value' && ref.test(c.text)));
}

/**
 * The loop a command's output reaches down a pipe: the pipe's last stage, or one further on past text
 * filters, out of a loop whose body prints into a pipe of its own (`for t in $tags; do buildah manifest
 * inspect "$img:$t" | jq …; done | jq -rs … | while read …; do buildah bud …; done`).
 */
function loopDownstream(node: ScriptNode): ScriptNode | undefined {
  let from = node;
  for (let pipeline = findAncestor(node, 'pipeline'); pipeline; ) {
    const stages = pipelineStages(pipeline);
    const at = stages.findIndex((s) => s.start <= from.start && from.end <= s.end);
    for (const stage of stages.slice(at + 1)) {
      const body = stage.type === 'redirected_statement' ? stage.children.find((c) => c.field === 'body') : stage;
      if (body?.type === 'while_statement' || body?.type === 'for_statement') return stage;
      if (stage.type !== 'command' || !textFilter(commandWords(stage))) return undefined;
    }
    // Printed into the body of a loop that is itself a stage of a pipe: follow that pipe.
    const group = pipeline.parent?.type === 'do_group' ? pipeline.parent : undefined;
    const loop = group?.parent;
    const stage = loop?.parent?.type === 'redirected_statement' ? loop.parent : loop;
    if (!loop || stage?.parent?.type !== 'pipeline') return undefined;
    from = stage;
    pipeline = stage.parent;
  }
  return undefined;
}

/**
 * A list that a loop checks item by item (`done < <(git diff --name-only HEAD^1)`, `git diff … |
 * while read f; do clang-format --dry-run "$f"; done`, `for f in $(git diff --name-only origin/main);
 * do …`): when the producer fails, the loop checks nothing and passes (fail-open); bash ignores the
 * status of a substitution in a `for` list. Only for a producer that fails for ordinary reasons: a
 * service call, or git against a ref a shallow or fork checkout may not have.
 */
export function loopFeed(h: HiddenFailure, line: (offset: number) => number): string | undefined {
  const kinds = ['process-substitution', 'pipe-left', 'substitution-arg'];
  if (!h.node || !h.view || !kinds.includes(h.how) || !(callsRemote(h.words) || againstRef(h.words))) return undefined;
  let loop: ScriptNode | undefined;
  if (h.how === 'substitution-arg') {
    // The substitution is a word of the list itself (`for f in $(…)` or `for f in "$(…)"`), not one inside a body command.
    const sub = findAncestor(h.node, 'command_substitution');
    let word: ScriptNode | undefined = sub;
    while (word?.parent && (word.parent.type === 'string' || word.parent.type === 'concatenation')) word = word.parent;
    loop = word?.parent?.type === 'for_statement' && word.field === 'value' ? word.parent : undefined;
  } else if (h.how === 'process-substitution') {
    const sub = findAncestor(h.node, 'process_substitution');
    loop = sub?.parent?.type === 'file_redirect' ? sub.parent.parent : undefined;
  } else loop = loopDownstream(h.node);
  // Or through a variable: `ids="$(… | jq …)"` … `for id in ${ids}; do buildah bud …; done`.
  const value = loopChecker(loop) ? undefined : assignedFrom(h.node);
  const checker = loopChecker(value ? loopOver(h.view.parsed, value.variable, value.assignment) : loop);
  if (!checker || h.view.fates.fate(checker.node).kind === 'hidden') return undefined;
  return `its output is the list that the loop checks with \`${checker.because}\` at line ${line(h.view.toSite(checker.node.start))}, and with no input that loop passes`;
}

/**
 * A value printed straight into an output (`echo "files=$(gh api … | jq …)" >> "$GITHUB_OUTPUT"`)
 * that decides whether later work runs: an empty value skips it, as with a variable between. A
 * diagnostic (`date`, `uname`, `jq`) or a probe is not what such a value's failure means.
 */
export function publishedGate(h: HiddenFailure, facts: JobFacts, line: (offset: number) => number): string | undefined {
  if (!h.node || !h.view || !h.site.step || assignedFrom(h.node) || textFilter(h.words) || localListing(h.words)) return undefined;
  // A listing or report (`git diff --name-only origin/$BASE_REF | grep … | wc -l`) fails only by
  // accident, except where the ref it reads is empty on some of the workflow's events.
  const empty = QUIET_ROLES.has(h.role.role) ? emptyRefOnSomeEvents(h, facts) : undefined;
  const direct = publishedDirectly(h.node);
  if (direct?.env) {
    // An environment variable gates only the job's later steps, through their `if:`.
    const gate = QUIET_ROLES.has(h.role.role) && !empty ? undefined : envConditionGate(facts.job, h.site.step, direct.name);
    return gate
      ? `${empty ? `${empty}, so it fails there; ` : ''}its output is written to $GITHUB_ENV as ${direct.name} at line ${line(h.view.toSite(direct.statement.start))}, and an empty value skips ${gate.what} (\`if: ${gate.cond.slice(0, 80)}\`), so the run stays green`
      : undefined;
  }
  // A listing that is part of a matrix's legs matters whatever its role.
  if (QUIET_ROLES.has(h.role.role) && !empty) return direct ? matrixFeed(h, facts, direct.name, direct.statement, line) : undefined;
  const gate = direct ? outputGate(facts.fileText, facts.jobs, h.site.job, h.site.step, direct.name) : undefined;
  if (direct && !gate) return matrixFeed(h, facts, direct.name, direct.statement, line);
  if (!direct || !gate) return undefined;
  return `${empty ? `${empty}, so it fails there; ` : ''}its output is published as ${direct.name} at line ${line(h.view.toSite(direct.statement.start))}, and an empty value skips ${gate.what} (\`if: ${gate.cond.slice(0, 80)}\`), so the run stays green`;
}

/**
 * A file it writes that a later step publishes (`scdoc < x.scd | gzip -c > x.1.gz`, then
 * `upload_asset.sh ./x.1.gz`): a failure ships an empty or broken file with a green run.
 */
export function shippedFile(h: HiddenFailure, facts: JobFacts): string | undefined {
  if (!h.node || !h.site.step || QUIET_ROLES.has(h.role.role) || CRITICAL_ROLES.has(h.role.role)) return undefined;
  const shipped = shippedLater(h.node, h.words, facts.job, h.site.step, facts.fileText, facts.events);
  if (!shipped) return undefined;
  const label = shipped.step.name ? `step "${shipped.step.name.value}"` : `step ${shipped.step.index + 1}`;
  return `it writes ${shipped.file}, which ${label} publishes, so a failure ships a broken file with a green run`;
}

/**
 * `[ -z "$(gofmt -l .)" ]`, `test -z $(gofmt -l .)`: the check is that the command prints nothing, and
 * a command that fails (a parse error on stderr, a missing program) prints nothing too: the test
 * passes (fail-open). Medium: the check holds whenever the command works.
 */
export function emptyTestFeed(h: HiddenFailure): string | undefined {
  // Only a check's own program: a listing or a search (`ls -A dir`, `git status --porcelain`, `grep`) asks a question.
  if (h.how !== 'substitution-arg' || !h.node || !CRITICAL_ROLES.has(h.role.role) || h.role.inherited || localListing(h.words) || textFilter(h.words))
    return undefined;
  const sub = findAncestor(h.node, 'command_substitution');
  const test = sub ? enclosingTest(sub) : undefined;
  if (!sub || !test || !new RegExp(`-[zn]\\s+["']?${escapeRegExp(sub.text)}`).test(test.text)) return undefined;
  return `its output is tested for emptiness (\`${test.text.trim().slice(0, 50)}\`): when it fails and prints nothing, the test passes`;
}

/** The `test`/`[ … ]`/`[[ … ]]` a command substitution is an operand of, within its statement. */
function enclosingTest(sub: ScriptNode): ScriptNode | undefined {
  let test: ScriptNode | undefined = sub.parent;
  while (test && test.type !== 'test_command' && !(test.type === 'command' && /^(test|\[)$/.test(commandName(test) ?? ''))) {
    if (test.type === 'program' || test.type === 'compound_statement' || test.type === 'do_group') return undefined;
    test = test.parent;
  }
  return test;
}

/**
 * Whether the command's output, through the rest of its pipe (`| wc -l`), is an operand of a test
 * that decides a failure: `if [ $(find . -name '*.go' -exec gofmt -s -d {} \; | wc -l) -gt 0 ]; then
 * … exit 1` (lazygit). A test whose branches only warn decides nothing.
 */
export function outputTested(h: HiddenFailure): boolean {
  const sub = h.node ? findAncestor(h.node, 'command_substitution') : undefined;
  const test = sub ? enclosingTest(sub) : undefined;
  for (let n = test?.parent; n && n.type !== 'program'; n = n.parent) {
    const b = branchesOf(n);
    if (b && (b.cond === test || descendants(b.cond).includes(test!))) return exitsNonZero(b.whenTrue) || exitsNonZero(b.whenFalse);
  }
  return false;
}

/**
 * A linter or verifier whose findings are what it prints (`gofmt -l`, `shellcheck` under `find -exec`):
 * a test of its output for emptiness fails on what it finds. A run that fails and prints nothing (a
 * file that does not parse, a bad option, a timeout) passes it: low, and say so.
 */
export const FINDINGS_PRINTED = 'what it finds is what it prints, and the test of its output fails on that; a run that fails and prints nothing passes it';

export function printsFindings(h: HiddenFailure): boolean {
  return (h.role.role === 'lint' || h.role.role === 'verify') && !h.role.inherited && !h.role.because.startsWith('step name');
}

/** Commands that print the script's own values, list the checkout or set the shell up: no part of a value that fails for ordinary reasons. */
const INERT = new Set([
  // (`read` takes what a pipe gives a loop: `… | while read -r p; do …; done`.)
  'read',
  'mapfile',
  'readarray',
  'echo',
  'printf',
  'cat',
  'true',
  'ls',
  'find',
  'seq',
  'date',
  'basename',
  'dirname',
  'realpath',
  'cd',
  'pushd',
  'popd',
  'set',
  'export',
  'source',
  '.',
]);

/**
 * Whether a command reads an earlier stage of a pipe inside `within` (`go list ./... | grep x`: grep).
 * Such a stage only passes on what its producer gives: it is not a part of the value on its own.
 */
function fedByPipe(n: ScriptNode, within: ScriptNode): boolean {
  // Only a stage itself (with its redirections) reads the pipe: the commands in a loop or group that a
  // pipe feeds (`… | while read -r ini; do tox -c "$ini" -l; done`) run on their own, once per item.
  const stage = n.parent?.type === 'redirected_statement' ? n.parent : n;
  const p = stage.parent;
  return p !== undefined && p !== within && p.type === 'pipeline' && pipelineStages(p).indexOf(stage) > 0;
}

/**
 * Whether the producers are alternatives, only one of which runs: every two of them sit in different
 * branches of the `if` or `case` that holds both (`if …; then go list A; else go list B; fi`, nested
 * ones, `case` arms).
 */
function alternatives(producers: readonly ScriptNode[], within: ScriptNode): boolean {
  const ancestors = (n: ScriptNode) => {
    const out: ScriptNode[] = [];
    for (let p = n.parent; p && p !== within; p = p.parent) out.push(p);
    return out;
  };
  for (let i = 0; i < producers.length; i++)
    for (let j = i + 1; j < producers.length; j++) {
      const [x, y] = [producers[i]!, producers[j]!];
      const theirs = new Set(ancestors(y));
      const common = ancestors(x).find((p) => theirs.has(p));
      if (!common || (common.type !== 'if_statement' && common.type !== 'case_statement') || branchOf(common, x) === branchOf(common, y)) return false;
    }
  return true;
}

/**
 * A value put together from several commands (`$( { cibuildwheel --print-build-identifiers --platform
 * linux | jq -nRc …; cibuildwheel … --platform macos | jq -nRc …; } | jq -sc )`) and published as the
 * output a later job's `strategy.matrix` is built from: one producer's hidden failure drops its legs
 * from the matrix, and the run stays green. (A value from one producer fails loudly when it is lost
 * whole: `fromJSON('')` and an empty matrix both fail the job.)
 */
export function matrixFeed(h: HiddenFailure, facts: JobFacts, name: string, published: ScriptNode, line: (offset: number) => number): string | undefined {
  if (!h.node || !h.view || !h.site.step) return undefined;
  const sub = findAncestor(h.node, 'command_substitution');
  const producers = sub
    ? descendants(sub).filter((n) => {
        if (n.type !== 'command' || fedByPipe(n, sub)) return false;
        const words = commandWords(n);
        return !textFilter(words) && !localListing(words) && !INERT.has(commandName(n) ?? '');
      })
    : [];
  // Producers in the branches of one `if` are alternatives (`$(if …; then go list A; else go list B; fi | jq …)`): one runs.
  if (producers.length < 2 || alternatives(producers, sub!)) return undefined;
  const reader = matrixReader(facts.fileText, facts.jobs, h.site.job, h.site.step, name);
  return reader
    ? `its output is one of ${producers.length} parts of the value published as ${name} at line ${line(h.view.toSite(published.start))}, from which job ${reader}'s matrix is built: a failure drops its legs, and the run stays green`
    : undefined;
}
