import { commandName, commandWords, descendants, listParts, type ScriptNode } from '../../sources/shell-script.js';
import type { ScriptCache, ScriptSite } from '../analysis.js';
import type { Fate } from '../bash/fate.js';
import { nestedScriptOf } from '../bash/nested.js';
import { withInputDefaults } from '../input-defaults.js';
import { setEffect } from '../bash/options.js';
import { endsScript, functionBodies, statementsOf } from '../bash/statements.js';
import { cmdNatives } from '../natives-cmd.js';
import { envPrefix, runKey } from './run-place.js';
import { pwshNatives } from '../natives-pwsh.js';
import { hiddenNatives, type NativeCommand } from '../natives.js';
import { CRITICAL_ROLES, QUIET_ROLES, rank, type RoleEvidence } from '../roles/role.js';
import { findExec } from '../roles/resolve-command.js';
import { toolRole } from '../roles/tools.js';
import { checkoutListing, downloadsBefore, integrityCheck } from '../roles/command-kinds.js';
import { intoSummary } from './output-checks.js';
import { dependencyBuilds } from '../dependency-builds.js';
import type { HiddenFailure, HiddenHow, ScriptView } from './types.js';
import { siteViews } from './views.js';
import { booleanExpression, earlyExit, TRIVIAL } from './trivial.js';
import { swallowedVerdict, verdictFailure } from './swallowed-verdict.js';
import { statusPublishedOnly } from './unread-status.js';
import { negatedChoice } from './negated-choice.js';
import { assertionRole, commandRole, expectedNonZero, type MainWork, mainWorkOf, probeIsCheck, short, teeAssertion } from './command-role.js';

export interface Collected {
  views: ScriptView[];
  hidden: HiddenFailure[];
  /** Commands whose failure does fail the step, by text, for "runs again unmasked" checks. */
  /**
   * Commands whose failure fails the step, with `text` the key of the run (`runKey`: pytest's output
   * options left out); `native` for a pwsh/cmd native, whose `if` branches it carries.
   */
  loud: { text: string; words: string[]; site: ScriptSite; offset: number; native?: NativeCommand }[];
}

/** Whether `name` is a function of the script whose last statement is a quiet command (a print, a probe). */
function quietFunction(view: ScriptView, name: string): boolean {
  if (!name) return false;
  const [body] = functionBodies(view.parsed.nodes, name);
  const stmts = body ? statementsOf(body) : [];
  const last = stmts[stmts.length - 1];
  const cmd = last && (last.type === 'command' ? last : descendants(last).find((d) => d.type === 'command'));
  const role = cmd ? toolRole(commandWords(cmd))?.role : undefined;
  return role !== undefined && QUIET_ROLES.has(role);
}

function insideSubstitution(node: ScriptNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'command_substitution' || p.type === 'process_substitution') return true;
  return false;
}

/**
 * `exit 0` (or a bare `exit`) as a statement of the script itself, not of a block, a function or a
 * subshell: nothing after it runs ("temporarily get the job green"), and the step passes.
 */
const exits = new WeakMap<ScriptView, ScriptNode | null>();
function exitAt(view: ScriptView): ScriptNode | undefined {
  let found = exits.get(view);
  if (found === undefined) {
    found = view.parsed.root.children.find(endsScript) ?? null;
    exits.set(view, found);
  }
  return found ?? undefined;
}

/**
 * `eval "$(./uv generate-shell-completion bash)"`: the output is code that eval runs, not a value. A
 * failed generator leaves eval an empty string, which succeeds, so the command is judged as itself.
 */
function evalCode(node: ScriptNode): boolean {
  let p = node.parent;
  // `eval $(size x.elf | awk '{printf "TEXT=%d", $1}')` assigns values the script computes: a producer.
  while (p && p.type !== 'command_substitution') p = p.type === 'pipeline' ? undefined : p.parent;
  while (p && p.type !== 'command') p = p.parent;
  return Boolean(p && commandName(p) === 'eval' && p.children[0]?.type === 'command_name');
}

/** What turned errexit off for a failure that errexit did not stop: a `set +e`, or the shell itself. */
function errexitCause(view: ScriptView, node: ScriptNode): ScriptNode | undefined {
  let cause: ScriptNode | undefined;
  for (const n of view.parsed.nodes) {
    if (n.start >= node.start) break;
    const e = setEffect(n);
    if (e?.errexit === false) cause = n;
    if (e?.errexit === true) cause = undefined;
  }
  return cause;
}

function maskOf(view: ScriptView, node: ScriptNode, fate: Extract<Fate, { kind: 'hidden' }>, viewIndex: number): { at: ScriptNode | undefined; key: string } {
  if (fate.how === 'errexit-off') {
    const cause = errexitCause(view, node);
    if (cause) return { at: cause, key: `v${viewIndex}:set:${cause.start}` };
    if (view.nested) return { at: view.nested.host, key: `v${viewIndex}:shell` };
    return { at: undefined, key: 'shell' };
  }
  if (fate.how === 'errexit-ignored') {
    for (let p = node.parent; p; p = p.parent) {
      const parts = p.parent ? listParts(p.parent) : undefined;
      if (parts && parts.left === p) return { at: p.parent!, key: `v${viewIndex}:${p.parent!.start}` };
    }
  }
  return { at: fate.at, key: `v${viewIndex}:${fate.at.start}:${fate.how}` };
}

/** Where a mask is in the step's script: the `bash -c` host of a nested script is a node of the script around it. */
function rangeOf(view: ScriptView, node: ScriptNode): { start: number; end: number } {
  const map = node === view.nested?.host && view.hostToSite ? view.hostToSite : view.toSite;
  return { start: map(node.start), end: map(node.end) };
}

/** Collects every command of a site whose failure does not fail the step, before asking whether something else catches it. */
export function collect(site: ScriptSite, cache: ScriptCache): Collected {
  const out: Collected = { views: [], hidden: [], loud: [] };
  if (site.shell.program === 'pwsh' || site.shell.program === 'powershell' || site.shell.program === 'cmd') {
    const natives = site.shell.program === 'cmd' ? cmdNatives(site.value.value) : pwshNatives(site.value.value, site.shell.program as 'pwsh' | 'powershell');
    addNatives(
      out,
      site,
      natives,
      (o) => o,
      { start: 0, end: 0 },
      'shell',
      mainWorkOf(
        site,
        natives.map((n) => ({ words: n.words, start: n.start })),
      ),
    );
    return out;
  }
  const { views, pwsh } = siteViews(site, cache);
  out.views = views;
  const mainWork = mainWorkOf(
    site,
    views.flatMap((v) =>
      v.parsed.nodes
        .filter((n) => n.type === 'command')
        .map((n) => ({ words: withInputDefaults(commandWords(n), site.inputDefaults), start: v.toSite(n.start) })),
    ),
  );
  views.forEach((view, viewIndex) => {
    // A script the grammar could not read is not judged: a wrong tree would make wrong claims.
    if (view.parsed.hasError) return;
    for (const node of view.parsed.nodes) {
      if (node.type !== 'command') continue;
      const name = commandName(node) ?? '';
      // `test -d $PREFIX/share/x` alone on a line is an assertion, whose failure only a shell without
      // -e loses (bqplot's "Test installation files" under `bash -l {0}`); elsewhere `test` asks.
      const asked = name === 'test' ? view.fates.fate(node) : undefined;
      // (`! test -f lib/lark.py` on a line that is not the last: bash ignores a negated status, even under -e.)
      const assertion = asked?.kind === 'hidden' && (asked.how === 'errexit-off' || asked.how === 'negated');
      const verdict = TRIVIAL.has(name) ? swallowedVerdict(node, view.fates.fate(node)) : undefined;
      if (verdict) out.hidden.push(verdictFailure(site, view, verdict, viewIndex));
      const written = commandWords(node);
      if ((TRIVIAL.has(name) && !assertion) || nestedScriptOf(node, view.parsed.source) || booleanExpression(written)) continue;
      const words = withInputDefaults(written, site.inputDefaults);
      // `find … -exec CMD {} \;` exits 0 whatever CMD did: its status only filters the file list. That
      // is what loses CMD's failure, whatever the shell does with find's (-e would not bring it back).
      const shellFate = view.fates.fate(node);
      const exited = exitAt(view);
      const saved = shellFate.kind === 'captured' ? shellFate : undefined;
      const published = saved ? statusPublishedOnly(saved.at, saved.variable) : undefined;
      const fate: Fate =
        saved && published
          ? { kind: 'hidden', how: 'unread-status', at: saved.at }
          : exited && node.start > exited.end
            ? { kind: 'hidden', how: 'after-exit', at: exited }
            : shellFate.kind !== 'probe' && shellFate.kind !== 'captured' && commandName(node) === 'find' && findExec(words)?.statusLost
              ? { kind: 'hidden', how: 'find-exec', at: node }
              : shellFate;
      // A call of a function the script defines returns its body's last command's status: when that
      // is a print or a probe (`echo "$name-changed=$?" >> "$GITHUB_OUTPUT"`), the call cannot fail in
      // a way that matters, and the body's commands are judged where they are written.
      if (fate.kind === 'hidden' && quietFunction(view, name)) continue;
      if (fate.kind === 'propagates' || fate.kind === 'checked') {
        out.loud.push({ text: runKey(words, envPrefix(node)), words, site, offset: view.toSite(node.start) });
        continue;
      }
      if (fate.kind !== 'hidden') continue;
      if (fate.how === 'or-skip' || fate.how === 'background' || (fate.how === 'and-left' && earlyExit(fate.at))) continue;
      if (fate.how === 'negated-search' && negatedChoice(node)) continue;
      const producer = (fate.how === 'declaration' || fate.how === 'substitution-arg' || insideSubstitution(node)) && !evalCode(node);
      const { role, known } =
        fate.how === 'negated'
          ? assertionRole(words, site)
          : assertion
            ? assertionRole(words, site, `\`${short(words.join(' '))}\` asserts what the step made`)
            : fate.how === 'negated-search' && checkoutListing(words, site.job)
              ? // `if git status --porcelain -- fixtures | grep -q .; then exit 1; fi`: a read of the job's own
                // checkout on the runner has no ordinary way to fail (in a container, git may refuse a
                // checkout it does not own), and the search of what it prints is the check.
                {
                  role: { role: 'report' as const, because: `\`${short(words.join(' '))}\` reads the job's checkout, which it has no ordinary way to fail` },
                  known: true,
                }
              : fate.how === 'pipe-left' && intoSummary(node) && !CRITICAL_ROLES.has(toolRole(words)?.role ?? 'other')
                ? // `/tmp/qsv stats … | qsv select … | tee -a "$GITHUB_STEP_SUMMARY"`: a table for the run's page, which nothing checks.
                  { role: { role: 'report' as const, because: `\`${short(words.join(' '))}\` feeds the step summary, which nothing checks` }, known: true }
                : fate.how === 'negated-search' && searchedOutput(words)
                  ? assertionRole(words, site, `\`${short(words.join(' '))} | grep …\` asserts that its output holds no match`)
                  : fate.how === 'process-substitution' && teeAssertion(node, fate.at)
                    ? assertionRole(words, site, `\`${short(words.join(' '))}\` in \`>( … )\` asserts what the output holds`)
                    : ((fate.how === 'or-mask' ? expectedNonZero(words, site, fate.at.text, mainWork) : undefined) ??
                      commandRole(words, site, producer, mainWork, view.toSite(node.start)));
      const mask = maskOf(view, node, fate, viewIndex);
      const maskNode = mask.at;
      const skipped =
        fate.how === 'and-left' && maskNode
          ? (skippedCheck(maskNode, node, role, (c) => inDependencyBuild(site, view.toSite(c.start))) ?? probeThenMessage(maskNode, node, role, site))
          : fate.how === 'errexit-off'
            ? probeStatement(node, role, site)
            : undefined;
      out.hidden.push({
        site,
        words,
        text: short(node.text),
        how: fate.how,
        commandRange: { start: view.toSite(node.start), end: view.toSite(node.end) },
        maskRange: maskNode ? rangeOf(view, maskNode) : { start: 0, end: 0 },
        maskKey: mask.key,
        node,
        mask: maskNode,
        view,
        role: skipped ?? role,
        known: known || Boolean(skipped),
        unusedSave: fate.unusedSave ? short(fate.unusedSave.text) : undefined,
        published,
        severity: 'low',
        confidence: 'high',
        deliberate:
          fate.how === 'or-mask' ||
          fate.how === 'or-fallback' ||
          (fate.how === 'errexit-off' && maskNode !== undefined && maskNode.type === 'command' && setEffect(maskNode) !== undefined) ||
          (fate.how === 'pipe-left' && pipeHasFallback(fate.at)),
      });
    }
  });
  for (const p of pwsh) {
    const natives = pwshNatives(p.text, p.edition);
    const toSite = (o: number) => p.view.toSite(p.offsets[Math.min(o, p.offsets.length - 1)]!);
    addNatives(out, site, natives, toSite, { start: p.view.toSite(p.host.start), end: p.view.toSite(p.host.end) }, `pwsh:${p.host.start}`, mainWork);
  }
  return out;
}

function addNatives(
  out: Collected,
  site: ScriptSite,
  natives: NativeCommand[],
  toSite: (o: number) => number,
  maskRange: { start: number; end: number },
  maskKey: string,
  mainWork?: MainWork,
): void {
  for (const { command, next } of hiddenNatives(natives)) {
    const { role, known } = commandRole(command.words, site, false, mainWork, toSite(command.start));
    out.hidden.push({
      site,
      words: command.words,
      text: short(command.words.join(' ')),
      how: 'native' satisfies HiddenHow,
      commandRange: { start: toSite(command.start), end: toSite(command.end) },
      maskRange,
      maskKey,
      native: command,
      nextNative: next,
      role,
      known,
      severity: 'low',
      confidence: 'high',
      deliberate: false,
    });
  }
  const last = natives[natives.length - 1];
  for (const n of natives)
    if (n === last || n.checked || n.throws) out.loud.push({ text: runKey(n.words), words: n.words, site, offset: toSite(n.start), native: n });
}

/** Whether an offset of the site's script lies where the script builds a dependency it cloned or downloaded. */
function inDependencyBuild(site: ScriptSite, offset: number): boolean {
  return dependencyBuilds(site.value.value).some((d) => offset >= d.start && offset < d.end);
}

/**
 * `make -C lib libzstd && ./tests/check_size.py lib/libzstd.so 1100000` that is not the script's last
 * statement: when the build fails, the check after it in the list is skipped, and the step goes on.
 * What is hidden is then also that check: the list's strongest test, build, lint, verify or release
 * command after the failed one, when it outranks the failed command's own role (`pip install -r
 * requirements.txt && pytest`: a failed install skips the tests).
 */
function skippedCheck(list: ScriptNode, failed: ScriptNode, own: RoleEvidence, dependency: (c: ScriptNode) => boolean): RoleEvidence | undefined {
  // A guard (`[ -f x ] && ./check`) skips on purpose; a cleanup or a print at the head hardly fails.
  if (QUIET_ROLES.has(own.role)) return undefined;
  let best: RoleEvidence | undefined;
  for (const c of ownCommands(list)) {
    if (c.start < failed.end) continue;
    const words = commandWords(c);
    // `curl -o helm.tgz URL && sha256sum -c … && tar x … && mv helm /usr/bin`: the checksum guards the
    // install after it, so skipping both hides an install, not a check of the project.
    if (integrityCheck(words) && downloadsBefore(c)) continue;
    // `wget URL/nasm.tar.gz && tar xzf … && cd nasm-nasm-2.15.04 && ./configure && make`: building a
    // dependency it downloaded sets the job up.
    if (dependency(c)) continue;
    const t = toolRole(words);
    if (!t || !CRITICAL_ROLES.has(t.role) || rank(t.role) <= rank((best ?? own).role)) continue;
    if (CRITICAL_ROLES.has(own.role) && !own.inherited && rank(t.role) <= rank(own.role)) continue;
    best = { role: t.role, because: `\`${short(words.join(' '))}\` after it in the list is skipped`, inherited: t.weak ? true : undefined };
  }
  return best;
}

/**
 * `dpkg -I x.deb | grep amd64 && echo "Found correct architecture"` in a step named "Verify Debian
 * release": a probe whose only consequence is a message is the step's check, written as if `&&`
 * stopped the script. On a line that is not the script's last, its failure skips the message and the
 * step goes on. Only in a step whose own name says it checks, tests or lints: elsewhere `grep -q x
 * && echo found` is a print.
 */
function probeThenMessage(list: ScriptNode, failed: ScriptNode, own: RoleEvidence, site: ScriptSite): RoleEvidence | undefined {
  if (!probeIsCheck(own, site)) return undefined;
  const after = ownCommands(list).filter((c) => c.start > failed.end);
  if (after.length === 0 || !after.every((c) => /^(echo|printf)$/.test(commandName(c) ?? ''))) return undefined;
  return { role: site.role.role, because: `${site.role.because}; \`${short(commandWords(failed).join(' '))} && echo …\` is its check` };
}

/**
 * `which curl; which tar` in a step named "Check for curl and tar", run without -e: a probe standing
 * alone as a statement has no use but its status, so there it is the step's check, and only the last
 * one's status counts. Only in a step whose own name says it checks, tests or lints: elsewhere a bare
 * `which cmake` prints where the program is.
 */
function probeStatement(node: ScriptNode, own: RoleEvidence, site: ScriptSite): RoleEvidence | undefined {
  if (!probeIsCheck(own, site)) return undefined;
  let stmt = node;
  while (stmt.parent?.type === 'redirected_statement') stmt = stmt.parent;
  if (!stmt.parent || !['program', 'compound_statement', 'do_group', 'else_clause'].includes(stmt.parent.type)) return undefined;
  return { role: site.role.role, because: `${site.role.because}; \`${short(commandWords(node).join(' '))}\` is its check` };
}

/** `a | b || echo ""`: the author wrote a fallback for the pipe, so its failure was considered. */
function pipeHasFallback(pipeline: ScriptNode): boolean {
  let n = pipeline;
  while (n.parent?.type === 'redirected_statement') n = n.parent;
  const parts = n.parent ? listParts(n.parent) : undefined;
  return Boolean(parts && parts.left === n && parts.op === '||');
}

/** Commands of a node that are not inside a substitution (their status is the node's). */
export function ownCommands(node: ScriptNode): ScriptNode[] {
  const inner = new Set(
    descendants(node)
      .filter((n) => n.type === 'command_substitution' || n.type === 'process_substitution')
      .flatMap((n) => descendants(n)),
  );
  return descendants(node).filter((n) => n.type === 'command' && !inner.has(n));
}

/**
 * A command whose output a negated search judges is that check's input: the step's own program, or a
 * reader of a file the job made (`objdump -p build/x.so`, `wasm-tools print target/…/x.wasm`, `cat
 * log.txt`), which prints nothing when the file is missing. Not a listing with no file named
 * (`pip freeze`, `git ls-files`), nor a setup or a download.
 */

function searchedOutput(words: readonly string[]): boolean {
  const t = toolRole(words);
  if (!t) return true;
  return (t.role === 'report' || t.role === 'stats' || t.role === 'other') && words.slice(1).some((w) => !w.startsWith('-') && /[/*]|\.\w+$/.test(w));
}
