import { commandName, commandWords, descendants, listParts, type ScriptNode } from '../../sources/shell-script.js';
import type { ScriptCache, ScriptSite } from '../analysis.js';
import type { Fate } from '../bash/fate.js';
import { nestedScriptOf } from '../bash/nested.js';
import { setEffect } from '../bash/options.js';
import { statementsOf } from '../bash/statements.js';
import { cmdNatives } from '../natives-cmd.js';
import { pwshNatives } from '../natives-pwsh.js';
import { hiddenNatives, type NativeCommand } from '../natives.js';
import { CRITICAL_ROLES, QUIET_ROLES, rank, type RoleEvidence } from '../roles/role.js';
import { findExec } from '../roles/resolve-command.js';
import { resolveCommand, toolRole } from '../roles/tools.js';
import type { HiddenFailure, HiddenHow, ScriptView } from './types.js';
import { siteViews } from './views.js';

/** Commands whose own failure means nothing: messages, shell plumbing, probes run for their answer. */
const TRIVIAL = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'set',
  'shopt',
  'shift',
  'local',
  'declare',
  'typeset',
  'unset',
  'exit',
  'return',
  'break',
  'continue',
  'read',
  'wait',
  'sleep',
  'trap',
  'let',
  'alias',
  'test',
  '[',
  '[[',
  'eval',
  'exec',
  'export',
  'readonly',
  'hash',
  'type',
  'command',
  'builtin',
  'ulimit',
  'umask',
  'cd',
  'pushd',
  'popd',
]);

export interface Collected {
  views: ScriptView[];
  hidden: HiddenFailure[];
  /** Commands whose failure does fail the step, by text, for "runs again unmasked" checks. */
  loud: { text: string; words: string[]; site: ScriptSite; offset: number }[];
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
}

/** The role of a hidden command: the tool table's, else the step's (an unknown command is the step's main work). */
export function commandRole(
  words: readonly string[],
  site: ScriptSite,
  producer: boolean,
  mainWork?: MainWork,
  at?: number,
): { role: RoleEvidence; known: boolean } {
  const t = toolRole(words);
  // A command run for its output (`X=$(cmd)`, `export X=$(c++ -print-file-name=x)`) computes a value:
  // setup, unless it is a test or check run for its report, or the value decides something (values.ts).
  if (producer && (!t || !['test', 'lint', 'probe', 'report', 'cleanup'].includes(t.role)))
    return { role: { role: 'setup', because: `\`${short(words.join(' '))}\` runs for its output` }, known: Boolean(t) };
  // A role read from a script's file name is a guess; the step's own name outranks it (`upload.sh` vs "Build").
  if (
    t?.weak &&
    !site.role.inherited &&
    site.role.because.startsWith('step name') &&
    CRITICAL_ROLES.has(t.role) &&
    !CRITICAL_ROLES.has(site.role.role) &&
    site.role.role !== 'other'
  ) {
    return { role: { ...site.role, because: `${site.role.because}, over the name of \`${short(t.because)}\`` }, known: false };
  }
  // A critical role read only from a file name is less certain: like a role inherited from the job, it is medium at most.
  if (t)
    return {
      role: { role: t.role, because: `command \`${short(t.because)}\``, inherited: t.weak && CRITICAL_ROLES.has(t.role) ? true : undefined },
      known: true,
    };
  // The step's work is done by a command the table knows (`pytest` in a test step): an unknown command
  // before it prepares for it. One after it is more of the step's work (`python -m pkg.viz.cli --json
  // | jq empty` after the tests), known less surely than from its own name: medium at most.
  if (mainWork && at !== undefined && at > mainWork.start)
    return {
      role: { ...site.role, because: `${site.role.because}; \`${short(words.join(' '))}\` runs after \`${short(mainWork.text)}\``, inherited: true },
      known: false,
    };
  if (mainWork)
    return {
      role: { role: 'setup', because: `\`${short(words.join(' '))}\` runs beside \`${short(mainWork.text)}\`, the step's ${site.role.role} command` },
      known: false,
    };
  return { role: { ...site.role, because: `${site.role.because}; \`${short(words.join(' '))}\` is the step's main work` }, known: false };
}

/**
 * `! cmd` asserts that `cmd` fails: whatever `cmd` is (a `grep` for a forbidden pattern, a run that
 * must be refused), the line is a check, of the step's kind when the step tests, builds or lints.
 */
function assertionRole(
  words: readonly string[],
  site: ScriptSite,
  because = `\`! ${short(words.join(' '))}\` asserts that it fails`,
): { role: RoleEvidence; known: boolean } {
  if (CRITICAL_ROLES.has(site.role.role)) return { role: { ...site.role, because: `${site.role.because}; ${because}` }, known: true };
  return { role: { role: 'verify', because }, known: true };
}

/**
 * `… | tee >(grep "Hello there")`: a search of the output whose only effect is its status, the test's
 * check; in an output process substitution nobody reads that status, so the check can never fail.
 * (`<(grep …)` feeds its output to the command instead, and `>(grep … > file)` keeps what it found.)
 */
function teeAssertion(node: ScriptNode, substitution: ScriptNode): boolean {
  if (!/^(grep|egrep|fgrep|rg)$/.test(commandName(node) ?? '') || !substitution.text.startsWith('>(')) return false;
  const words = commandWords(node);
  if (words.some((w) => w === '-v' || w === '--invert-match' || w === '-c' || w === '--count')) return false;
  return (
    node.parent === substitution || (node.parent?.parent === substitution && node.parent.type !== 'pipeline' && node.parent.type !== 'redirected_statement')
  );
}

/**
 * A command masked with `|| true` because it exits non-zero by design, so the mask shows output
 * rather than hiding a failure:
 * - `diff -y old new || true`: a comparer exits 1 when the files differ. Only a step whose own name
 *   says it checks ("Check generated files") makes the masked comparison a disabled check.
 * - `./gltfpack || true`: a program run without arguments prints its usage and exits 1 (not a script,
 *   `tools/ci/run_tests.sh`, which reads its settings from the environment).
 */
function expectedNonZero(words: readonly string[], site: ScriptSite): { role: RoleEvidence; known: boolean } | undefined {
  const r = resolveCommand(words);
  if (!r) return undefined;
  if (['diff', 'cmp', 'comm', 'colordiff', 'difft'].includes(r.program)) {
    // "Diff constraint file" names the comparison; "Check …", "Verify …", "… up to date" name a check.
    const checks =
      site.role.because.startsWith('step name') &&
      /\b(check|verif|validat|ensur|assert|lint|test|fail|up[- ]to[- ]date|stale|sanity|consisten|conform)/i.test(site.role.because);
    if (!checks)
      return { role: { role: 'report', because: `\`${short(words.join(' '))} || …\` shows the differences (it exits 1 when there are some)` }, known: true };
  }
  // (A script of the repository, `tools/ci/run_tests.sh`, reads its settings from the environment: no usage print.)
  if (words.length === 1 && r.local && !/\.(sh|bash|py|bat|cmd|ps1|pl|rb)$/i.test(words[0]!))
    return { role: { role: 'report', because: `\`${words[0]} || …\` runs it without arguments: a usage print, which exits non-zero by design` }, known: true };
  return undefined;
}

/** Whether `name` is a function of the script whose last statement is a quiet command (a print, a probe). */
function quietFunction(view: ScriptView, name: string): boolean {
  if (!name) return false;
  const def = view.parsed.nodes.find((n) => n.type === 'function_definition' && n.children.find((c) => c.field === 'name')?.text === name);
  const body = def?.children.find((c) => c.field === 'body');
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
    views.flatMap((v) => v.parsed.nodes.filter((n) => n.type === 'command').map((n) => ({ words: commandWords(n), start: v.toSite(n.start) }))),
  );
  views.forEach((view, viewIndex) => {
    // A script the grammar could not read is not judged: a wrong tree would make wrong claims.
    if (view.parsed.hasError) return;
    for (const node of view.parsed.nodes) {
      if (node.type !== 'command') continue;
      const name = commandName(node) ?? '';
      if (TRIVIAL.has(name) || nestedScriptOf(node, view.parsed.source)) continue;
      const words = commandWords(node);
      // `find … -exec CMD {} \;` exits 0 whatever CMD did: its status only filters the file list.
      const shellFate = view.fates.fate(node);
      const fate: Fate =
        (shellFate.kind === 'propagates' || shellFate.kind === 'checked') && commandName(node) === 'find' && findExec(words)?.statusLost
          ? { kind: 'hidden', how: 'find-exec', at: node }
          : shellFate;
      // A call of a function the script defines returns its body's last command's status: when that
      // is a print or a probe (`echo "$name-changed=$?" >> "$GITHUB_OUTPUT"`), the call cannot fail in
      // a way that matters, and the body's commands are judged where they are written.
      if (fate.kind === 'hidden' && quietFunction(view, name)) continue;
      if (fate.kind === 'propagates' || fate.kind === 'checked') {
        out.loud.push({ text: words.join(' '), words, site, offset: view.toSite(node.start) });
        continue;
      }
      if (fate.kind !== 'hidden') continue;
      if (fate.how === 'or-skip' || fate.how === 'background') continue;
      const producer = fate.how === 'declaration' || fate.how === 'substitution-arg' || insideSubstitution(node);
      const { role, known } =
        fate.how === 'negated'
          ? assertionRole(words, site)
          : fate.how === 'process-substitution' && teeAssertion(node, fate.at)
            ? assertionRole(words, site, `\`${short(words.join(' '))}\` in \`>( … )\` asserts what the output holds`)
            : ((fate.how === 'or-mask' ? expectedNonZero(words, site) : undefined) ?? commandRole(words, site, producer, mainWork, view.toSite(node.start)));
      const mask = maskOf(view, node, fate, viewIndex);
      const maskNode = mask.at;
      const skipped = fate.how === 'and-left' && maskNode ? (skippedCheck(maskNode, node, role) ?? probeThenMessage(maskNode, node, role, site)) : undefined;
      out.hidden.push({
        site,
        words,
        text: short(node.text),
        how: fate.how,
        commandRange: { start: view.toSite(node.start), end: view.toSite(node.end) },
        maskRange: maskNode ? { start: view.toSite(maskNode.start), end: view.toSite(maskNode.end) } : { start: 0, end: 0 },
        maskKey: mask.key,
        node,
        mask: maskNode,
        view,
        role: skipped ?? role,
        known: known || Boolean(skipped),
        unusedSave: fate.unusedSave ? short(fate.unusedSave.text) : undefined,
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
  for (const n of natives) if (n === last || n.checked || n.throws) out.loud.push({ text: n.words.join(' '), words: n.words, site, offset: toSite(n.start) });
}

/** A command the table knows to do what the step is for (a `pytest` in a test step), if the step's role is critical and its own. */
interface MainWork {
  text: string;
  /** Where the first such command starts, in the site. */
  start: number;
}

function mainWorkOf(site: ScriptSite, commands: readonly { words: readonly string[]; start: number }[]): MainWork | undefined {
  const role = site.role;
  if (role.inherited || !CRITICAL_ROLES.has(role.role)) return undefined;
  // The step's own kind of work first ("Run tests": pytest); else another check or build the table
  // knows ("Check the build": `make local build`): an unknown script before it prepares for it.
  const main =
    commands.find((c) => toolRole(c.words)?.role === role.role) ??
    commands.find((c) => {
      const t = toolRole(c.words);
      return t !== undefined && !t.weak && CRITICAL_ROLES.has(t.role);
    });
  return main && { text: main.words.join(' '), start: main.start };
}

/**
 * `make -C lib libzstd && ./tests/check_size.py lib/libzstd.so 1100000` that is not the script's last
 * statement: when the build fails, the check after it in the list is skipped, and the step goes on.
 * What is hidden is then also that check: the list's strongest test, build, lint, verify or release
 * command after the failed one, when it outranks the failed command's own role (`pip install -r
 * requirements.txt && pytest`: a failed install skips the tests).
 */
function skippedCheck(list: ScriptNode, failed: ScriptNode, own: RoleEvidence): RoleEvidence | undefined {
  // A guard (`[ -f x ] && ./check`) skips on purpose; a cleanup or a print at the head hardly fails.
  if (QUIET_ROLES.has(own.role)) return undefined;
  let best: RoleEvidence | undefined;
  for (const c of ownCommands(list)) {
    if (c.start < failed.end) continue;
    const words = commandWords(c);
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
  if (own.role !== 'probe' || site.role.inherited || !site.role.because.startsWith('step name') || !CRITICAL_ROLES.has(site.role.role)) return undefined;
  const after = ownCommands(list).filter((c) => c.start > failed.end);
  if (after.length === 0 || !after.every((c) => /^(echo|printf)$/.test(commandName(c) ?? ''))) return undefined;
  return { role: site.role.role, because: `${site.role.because}; \`${short(commandWords(failed).join(' '))} && echo …\` is its check` };
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
