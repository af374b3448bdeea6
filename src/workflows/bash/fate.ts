import { commandName, descendants, listParts, pipelineStages, type ScriptNode } from '../../sources/shell-script.js';
import { STATUS_READ, savedStatusUsed } from './captured-use.js';
import { failsAlways, orRightKind } from './or-right.js';
import { conditionFailsWhenEmpty, failsOnMatch, negatedSearch, negatedWhole } from './negated-search.js';
import { isScope, type OptionTracker, regionsOf, scopeOf } from './options.js';
import { BLOCKS, bareWaitAfter, errexitIgnoredAt, exitStatus, isBackground, isCondition, nextStatement, statementOf, statementsOf } from './statements.js';

/** How a command's failure is lost. */
export type HideKind =
  /** `cmd || true`, `|| :`, `|| echo …`, `|| exit 0` */
  | 'or-mask'
  /** `cmd || other-cmd`: the other command's status replaces it */
  | 'or-fallback'
  /** `[ -d x ] || continue` */
  | 'or-skip'
  /** `a && b` that is not the script's last statement: bash -e does not fire on `a` */
  | 'and-left'
  /** `a | b` without pipefail */
  | 'pipe-left'
  /** errexit off (`set +e`, a shell without -e, `bash -c`), and a later statement runs */
  | 'errexit-off'
  /** errexit on but ignored here (inside a compound on the left of `||`) */
  | 'errexit-ignored'
  /** `export X=$(cmd)`, `local X=$(cmd)`: the declaration's status replaces the command's */
  | 'declaration'
  /** `$(cmd)` used as an argument or in a string: its status is never looked at */
  | 'substitution-arg'
  /** `<(cmd)`: never looked at */
  | 'process-substitution'
  /** `cmd &` that nobody waits for (a daemon, a server) */
  | 'background'
  /** `cmd &` followed by a bare `wait`, which returns 0 whatever the jobs did */
  | 'background-wait'
  /** run by `find … -exec CMD {} \;`, which uses the status as a test and exits 0 */
  | 'find-exec'
  /** run by `script -c` without `-e`, which exits 0 whatever the command did */
  | 'status-lost'
  /** `! cmd` on a statement that is not its block's last: bash ignores a negated status, even under -e */
  | 'negated'
  /** after an unconditional `exit 0` of the script: it never runs, and the step passes without it */
  | 'after-exit'
  /** `! (cmd | grep X)` under pipefail: cmd's failure fails the pipe, and `!` turns that into success */
  | 'negated-search'
  /** `cmd || rc=$?` whose only use is a write for later steps (`echo "rc=$rc" >> "$GITHUB_OUTPUT"`): lost unless one reads it (set by the collector, which knows the steps) */
  | 'unread-status';

export type Fate =
  | { kind: 'propagates' }
  /** A question, not a failure: an `if`/`while` condition or a `!` negation. */
  | { kind: 'probe'; why: 'condition' | 'negated' }
  /** Turned into a failure on purpose: `|| exit 1`, `|| { echo …; exit 1; }`. */
  | { kind: 'checked'; at: ScriptNode }
  /** The status is saved: `rc=$?` on the next line, `|| status=$?`. */
  | { kind: 'captured'; at: ScriptNode; variable?: string }
  /** `unusedSave`: the status was saved (`rc=$?`), but nothing after fails the script on it. */
  | { kind: 'hidden'; how: HideKind; at: ScriptNode; unusedSave?: ScriptNode };

/** How a nested script (`bash -c "…"`) reaches the command that runs it. */
export interface Host {
  /** The `bash -c …` command in the outer script. */
  command: ScriptNode;
  fates: FateEngine;
}

/** `|| echo "failed=true" >> "$GITHUB_OUTPUT"`, `|| touch failed.marker`: the failure is recorded for a later step, not saved in a variable. */
function captureWrites(right: ScriptNode): boolean {
  return !STATUS_READ.test(right.text);
}

function assignedVariable(node: ScriptNode): string | undefined {
  let n = node;
  while (n.type === 'compound_statement' || n.type === 'subshell') {
    const stmts = statementsOf(n);
    n = stmts[stmts.length - 1] ?? n;
    if (n === node) break;
  }
  if (n.type === 'variable_assignment') return n.children.find((c) => c.field === 'name')?.text;
  return undefined;
}

/**
 * Follows a failing command's exit status up the script, the way bash does, to say whether it
 * fails the script, is a question (a condition), is turned into a failure on purpose, is saved for
 * later, or is lost, and where. One instance per parsed script; nested scripts (`bash -c "…"`) get
 * their own instance with a `host`, and a status that leaves them continues in the outer script.
 */
export class FateEngine {
  readonly options: OptionTracker;
  private readonly memo = new Map<ScriptNode, Fate>();

  constructor(
    readonly root: ScriptNode,
    options: OptionTracker,
    readonly host?: Host,
    /** The command that runs this script and drops its status (`script -c` without -e). */
    private readonly lostAt?: ScriptNode,
  ) {
    this.options = options;
  }

  /**
   * Whether pipefail is on for a pipeline. tree-sitter reads `set -o pipefail && a 2>&1 | b` as
   * `(set -o pipefail && a) 2>&1 | b`; bash binds the pipe tighter (`set … && (a 2>&1 | b)`), so
   * the `set` on the left of the list is in force for the pipeline.
   */
  private pipefailAt(pipeline: ScriptNode, head: ScriptNode | undefined): boolean {
    if (this.options.at(pipeline, 'start', this.ran).pipefail) return true;
    const body = head?.type === 'redirected_statement' ? head.children.find((c) => c.field === 'body') : undefined;
    const last = body?.type === 'list' ? body.children[body.children.length - 1] : undefined;
    return Boolean(last && this.options.at(last, 'start', this.ran).pipefail);
  }

  /** The script's own exit status: it fails the step, or the command that ran this script. */
  private scriptExit(): Fate {
    if (this.lostAt) return { kind: 'hidden', how: 'status-lost', at: this.lostAt };
    return this.host ? this.host.fates.fate(this.host.command) : { kind: 'propagates' };
  }

  /** The fate of a failure of `node` (usually a simple command). */
  fate(node: ScriptNode): Fate {
    let f = this.memo.get(node);
    if (!f) {
      f = this.walk(node, false);
      this.memo.set(node, f);
    }
    return f;
  }

  /** Branches known to have run: those of the command whose failure is being followed. */
  private ran: string[] = [];

  private walk(start: ScriptNode, ignoredByList: boolean): Fate {
    if (start.type === 'command') this.ran = regionsOf(start);
    let cur = start;
    let viaList = ignoredByList;
    let negatedPipeline = false;
    for (let guard = 0; guard < 10_000; guard++) {
      const p = cur.parent;
      if (!p) return this.scriptExit();
      if (isCondition(cur)) return { kind: 'probe', why: 'condition' };
      switch (p.type) {
        case 'redirected_statement':
          cur = p;
          continue;
        case 'negated_command':
          // tree-sitter reads `! a | b` as `(! a) | b`; bash negates the whole pipeline.
          if (p.parent?.type === 'pipeline' && p.parent.children[0] === p) {
            negatedPipeline = true;
            cur = p;
            continue;
          }
          return negatedAssertion(p) ?? { kind: 'probe', why: 'negated' };
        case 'pipeline': {
          const stages = pipelineStages(p);
          // `! tool | grep X` asserts that X is not in the output: a tool that fails prints nothing, the
          // search finds nothing and `!` passes, with or without pipefail.
          const negated = negatedPipeline || p.children[0]?.type === 'negated_command';
          if ((negated || negatedWhole(p)) && negatedSearch(stages, cur)) {
            // `if ! objdump -d x.wasm | grep -q simd; then exit 1; fi`: a question whose branches decide
            // (here a failed producer takes the `exit 1` branch), like any condition.
            if (conditionFailsWhenEmpty(p)) return { kind: 'probe', why: 'condition' };
            return { kind: 'hidden', how: 'negated-search', at: p };
          }
          // `if tool | grep -q warning; then exit 1; fi`: the mirror of `! tool | grep X`.
          if (!negated && negatedSearch(stages, cur) && failsOnMatch(p)) return { kind: 'hidden', how: 'negated-search', at: p };
          // A pipe sent to the background (`vmstat 5 | tee log &`) is a daemon: its status is nobody's,
          // unless a `wait` after it reads it (then it is the last stage's, as in the foreground).
          if (stages[stages.length - 1] !== cur && !this.pipefailAt(p, stages[0]) && (!isBackground(statementOf(p)) || waitAfter(statementOf(p)))) {
            // `tool | tee log; exit ${PIPESTATUS[0]}`: the statement after the pipe reads each stage's status.
            const after = nextStatement(statementOf(p));
            const saved = after && /\bPIPESTATUS\b/.test(after.text) ? after : undefined;
            if (saved && savedStatusUsed(saved, assignedVariable(saved))) return { kind: 'captured', at: saved };
            return { kind: 'hidden', how: 'pipe-left', at: p, unusedSave: saved };
          }
          if (negated) return negatedAssertion(p) ?? { kind: 'probe', why: 'negated' };
          // A stage runs in a subshell of its own: a status it got while -e was ignored on the left of
          // `&&` (`for …; do a && b; done | cat`) is the pipe's plain status outside it.
          if (stages.length > 1) viaList = false;
          cur = p;
          continue;
        }
        case 'list': {
          const parts = listParts(p);
          if (parts && parts.left === cur) {
            if (parts.op === '&&') {
              // `cli test ./cases/missing-policy && exit 1`: a negative test, whose success is the
              // failure; its failure is what is expected, like `! cmd`.
              // (Not written `… && exit 1 || exit 0` inside a loop, an `if` or a function: the first case
              // ends the script there, and the ones after it never run; at the top, endsScript says so.)
              const outer = p.parent?.type === 'list' ? listParts(p.parent) : undefined;
              const endsHere = outer?.op === '||' && outer.left === p && exitStatus(outer.right) === 0 && p.parent?.parent?.type !== 'program';
              if (failsAlways(parts.right) && !endsHere) return { kind: 'probe', why: 'negated' };
              viaList = true;
              cur = p;
              continue;
            }
            const kind = orRightKind(parts.right);
            if (kind === 'noop') return { kind: 'hidden', how: 'or-mask', at: p };
            if (kind === 'exit-nonzero') {
              // `exit 1` leaves the (sub)shell it runs in; a subshell's failure travels on.
              const up = this.leaveScope(p);
              return up.kind === 'propagates' ? { kind: 'checked', at: p } : up;
            }
            if (kind === 'capture' && (captureWrites(parts.right) || savedStatusUsed(parts.right, assignedVariable(parts.right))))
              return { kind: 'captured', at: p, variable: assignedVariable(parts.right) };
            if (kind === 'capture') return { kind: 'hidden', how: 'or-fallback', at: p, unusedSave: parts.right };
            if (kind === 'skip') return { kind: 'hidden', how: 'or-skip', at: p };
            return { kind: 'hidden', how: 'or-fallback', at: p };
          }
          // The last element of a list: its status is the list's, and errexit applies to it.
          viaList = false;
          cur = p;
          continue;
        }
        case 'variable_assignment': {
          const owner = p.parent;
          if (owner?.type === 'declaration_command') return { kind: 'hidden', how: 'declaration', at: owner };
          if (owner?.type === 'command') return { kind: 'hidden', how: 'substitution-arg', at: owner };
          cur = owner?.type === 'variable_assignments' ? owner : p;
          // `X="$(a | b)" || { echo …; exit 1; }`: the list reads the assignment's status.
          if (cur !== p || owner?.type === 'list') continue;
          // `X=$(cmd)` as a statement: the assignment's status is the substitution's.
          return this.atStatement(cur, viaList);
        }
        case 'declaration_command':
          return { kind: 'hidden', how: 'declaration', at: p };
        case 'process_substitution':
          if (cur.type === 'process_substitution') break;
          return this.atStatementIn(cur, p, viaList) ?? { kind: 'hidden', how: 'process-substitution', at: p };
        case 'function_definition':
          // The body's status is the function's, at every call: taken as failing where it is called.
          return { kind: 'propagates' };
        default:
          break;
      }
      if (cur.type === 'command_substitution' || cur.type === 'process_substitution') {
        // A substitution's status reaches only an assignment statement (handled above).
        if (cur.type === 'process_substitution') return { kind: 'hidden', how: 'process-substitution', at: cur };
        if (
          p.type === 'command' ||
          p.type === 'test_command' ||
          p.type === 'binary_expression' ||
          p.type === 'unary_expression' ||
          p.type.endsWith('redirect') ||
          p.type === 'heredoc_body' ||
          p.type === 'for_statement' ||
          p.type === 'case_statement' ||
          p.type === 'expansion' ||
          p.type === 'arithmetic_expansion'
        ) {
          return { kind: 'hidden', how: 'substitution-arg', at: cur };
        }
        if (p.type === 'string' || p.type === 'concatenation' || p.type === 'array') {
          cur = p;
          continue;
        }
      }
      if (cur.type === 'string' || cur.type === 'concatenation' || cur.type === 'array') {
        if (p.type === 'string' || p.type === 'concatenation' || p.type === 'array') {
          cur = p;
          continue;
        }
        return { kind: 'hidden', how: 'substitution-arg', at: cur };
      }
      if (BLOCKS.has(p.type)) return this.atStatement(cur, viaList);
      cur = p;
    }
    return { kind: 'propagates' };
  }

  /** A failing statement in a block: errexit stops the (sub)shell, or the script goes on. */
  private atStatement(stmt: ScriptNode, viaList: boolean): Fate {
    if (isBackground(stmt)) return { kind: 'hidden', how: bareWaitAfter(stmt) ? 'background-wait' : 'background', at: stmt };
    const block = stmt.parent!;
    const opts = this.options.at(stmt, 'end', this.ran);
    const ignored = viaList || errexitIgnoredAt(stmt);
    if (opts.errexit && !ignored) return this.leaveScope(stmt);
    const next = nextStatement(stmt);
    if (next) {
      const saved = STATUS_READ.test(next.text) ? next : undefined;
      if (saved && savedStatusUsed(saved, assignedVariable(saved))) return { kind: 'captured', at: saved, variable: assignedVariable(saved) };
      if (exitStatus(next) === 'last') return this.leaveScope(next);
      return { kind: 'hidden', how: viaList ? 'and-left' : opts.errexit ? 'errexit-ignored' : 'errexit-off', at: stmt, unusedSave: saved };
    }
    // The last statement of its block: the block's status is this one's.
    if (block.type === 'program') return this.walk(block, viaList);
    if (isScope(block)) return this.walk(block, false);
    const construct =
      block.type === 'do_group' || block.type === 'elif_clause' || block.type === 'else_clause'
        ? block.type === 'do_group'
          ? block.parent!
          : this.ifOf(block)
        : block.type === 'case_item'
          ? block.parent!
          : block;
    // A failure on the left of `&&` in a loop that may run again (`for d in core cli; do pytest "$d" &&
    // echo ok; done | tee log`) is lost in every pass but the last, whatever the loop's status does.
    if (viaList && block.type === 'do_group' && mayRunAgain(construct)) return { kind: 'hidden', how: 'and-left', at: stmt };
    return this.walk(construct, viaList);
  }

  private atStatementIn(cur: ScriptNode, block: ScriptNode, viaList: boolean): Fate | undefined {
    return BLOCKS.has(block.type) ? this.atStatement(cur, viaList) : undefined;
  }

  private ifOf(clause: ScriptNode): ScriptNode {
    let n = clause;
    while (n.parent && n.type !== 'if_statement') n = n.parent;
    return n;
  }

  /** errexit fired: the enclosing (sub)shell exits with the failure. */
  private leaveScope(stmt: ScriptNode): Fate {
    const scope = scopeOf(stmt);
    if (scope === this.root || !scope.parent) return this.scriptExit();
    if (scope.type === 'command_substitution' || scope.type === 'process_substitution') return this.walk(scope, false);
    return this.walk(scope, false);
  }
}

/**
 * `! cmd` as a statement of its own, followed by another: an assertion that `cmd` fails, whose result
 * bash throws away (errexit ignores a status inverted with `!`, and the next statement runs). When
 * `cmd` succeeds, nothing fails. The last statement of a block, a condition or an operand of a list
 * keeps its status: those are probes.
 */
function negatedAssertion(node: ScriptNode): Fate | undefined {
  let stmt = node;
  while (stmt.parent?.type === 'redirected_statement') stmt = stmt.parent;
  if (!stmt.parent || !BLOCKS.has(stmt.parent.type) || isCondition(stmt)) return undefined;
  const next = nextStatement(stmt);
  if (!next || STATUS_READ.test(next.text)) return undefined;
  return { kind: 'hidden', how: 'negated', at: stmt };
}

/** A loop that may run its body more than once: any but `for x in ONE_WORD` (no expansion, no glob). */
function mayRunAgain(loop: ScriptNode): boolean {
  if (loop.type !== 'for_statement') return true;
  const values = loop.children.filter((c) => c.field === 'value');
  return values.length !== 1 || /[$*?[`]/.test(values[0]!.text);
}

/** A `wait` (bare, or for a job) after a background statement, which reads the job's status. */
function waitAfter(stmt: ScriptNode): boolean {
  let root = stmt;
  while (root.parent) root = root.parent;
  return descendants(root).some((n) => n.start >= stmt.end && n.type === 'command' && commandName(n) === 'wait');
}
