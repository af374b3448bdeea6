import { commandName, descendants, type ScriptNode } from '../../sources/shell-script.js';
import { mayContinueOnError, type Job, type Step } from '../../sources/workflow.js';
import { setEffect } from '../bash/options.js';
import { BLOCKS, exitStatus, statementsOf } from '../bash/statements.js';
import { resolveCommand } from '../roles/tools.js';
import type { HiddenFailure } from './types.js';
import { escapeRegExp } from '../../core/regexp.js';

export const FAILURE_ONLY = /^\s*(\$\{\{\s*)?failure\(\)\s*(\}\})?\s*$/;

/**
 * The id of an earlier step whose failure the step's `if:` requires (`!cancelled() && steps.lint.outcome
 * == 'failure'`), when that step is not allowed to fail: the job has then already failed, and what the
 * step does (annotate, upload a diff) cannot hide anything. An `||` in the condition may run it otherwise.
 */
export function afterStepFailure(job: Job, step: Step): string | undefined {
  const cond = step.if?.value;
  if (!cond || cond.includes('||')) return undefined;
  const id = /steps\.([\w-]+)\.(outcome|conclusion)\s*==\s*'failure'/.exec(cond)?.[1];
  const earlier = id ? job.steps.find((s) => s.id?.value === id && s.index < step.index) : undefined;
  if (!earlier) return undefined;
  return mayContinueOnError(earlier.continueOnError) ? undefined : id;
}

/** A later step that reads this step's outcome and fails when it failed: the author made its failure fail the job. */
export function outcomeCheck(job: Job, step: Step): Step | undefined {
  const id = step.id?.value;
  if (!id) return undefined;
  const re = new RegExp(`steps\\.${id.replace(/[-]/g, '\\-')}\\.(outcome|conclusion)\\s*==\\s*'failure'`);
  return job.steps.find(
    (s) =>
      s.index > step.index &&
      s.if &&
      re.test(s.if.value) &&
      /\bexit\s+[1-9]|\bexit\s+1\b|core\.setFailed|\bfalse\b/.test(s.run?.value ?? s.with.get('script')?.value ?? ''),
  );
}

/** The script's last top-level statement is `exit N` with N > 0: it always fails, whatever failed before. */
export function alwaysFails(h: HiddenFailure): ScriptNode | undefined {
  const root = h.view?.parsed.root;
  if (!root || h.view?.nested) return undefined;
  const stmts = statementsOf(root);
  const last = stmts[stmts.length - 1];
  const e = last ? exitStatus(last) : undefined;
  return typeof e === 'number' && e > 0 ? last : undefined;
}

/** After `set +e`, a statement that decides the step itself: `exit $status`, `if …; then exit 1`, `[ -s f ] && exit 1`. */
export function verdictAfter(h: HiddenFailure): ScriptNode | undefined {
  if (!h.view || !h.node) return undefined;
  const after = h.node.end;
  for (const n of h.view.parsed.nodes) {
    if (n.start < after) continue;
    const e = exitStatus(n);
    if (e === 'var') return n;
    if (
      (n.type === 'if_statement' || n.type === 'list') &&
      descendants(n).some((d) => {
        const x = exitStatus(d);
        return typeof x === 'number' ? x > 0 : x === 'var';
      })
    )
      return n;
  }
  return undefined;
}

/** The `set -e` that turns errexit back on after the command, if any. */
export function restoredAfter(h: HiddenFailure): ScriptNode | undefined {
  if (!h.view || !h.node) return undefined;
  return h.view.parsed.nodes.find((n) => n.start > h.node!.end && n.type === 'command' && setEffect(n)?.errexit === true);
}

/** `pip install "numpy<2.0"` in a step named "… with numpy<2.0": a version the step is about, which a failure silently replaces. */
export function stepIsAbout(h: HiddenFailure): string | undefined {
  const name = h.site.step?.name?.value ?? '';
  if (!name) return undefined;
  const r = resolveCommand(h.words);
  if (!r || !['pip', 'uv', 'conda', 'mamba', 'python'].includes(r.program) || !h.words.includes('install')) return undefined;
  return h.words.find((w) => /^[A-Za-z][\w.-]*\s*(<|>|==|~=|!=)=?\s*[\w.*]+/.test(w) && name.includes(w.replace(/\s+/g, '')));
}

/** `… || V=…` where V is later read by an exit or a check. */
export function countedIn(list: ScriptNode, nodes: readonly ScriptNode[]): { variable: string; at: ScriptNode } | undefined {
  const right = list.children[list.children.length - 1];
  const assignment = right && (right.type === 'variable_assignment' ? right : descendants(right).find((n) => n.type === 'variable_assignment'));
  const variable = assignment?.children.find((c) => c.field === 'name')?.text;
  if (!variable) return undefined;
  const ref = new RegExp(`\\$\\{?${variable}\\b|\\(\\(\\s*${variable}\\b`);
  const at = nodes.find(
    (n) =>
      n.start > list.end &&
      ((exitStatus(n) === 'var' && ref.test(n.text)) ||
        ((n.type === 'if_statement' || n.type === 'list') &&
          ref.test(n.text) &&
          descendants(n).some((d) => exitStatus(d) !== undefined && exitStatus(d) !== 0))),
  );
  return at ? { variable, at } : undefined;
}

/**
 * cmd or pwsh: the script ends by exiting with a status it computed (`EXIT /B %error_occured%`,
 * `exit $failed`), and sets that variable after the hidden command, in its own checks of what the
 * command should have done (`if exist "%shortcut%" (…) else (set error_occured=1)`). The script
 * decides for itself, like `set +e` … `exit $status` in bash. Returns the offset of the exit.
 */
export function nativeVerdict(h: HiddenFailure): { text: string; offset: number } | undefined {
  if (h.how !== 'native') return undefined;
  const script = h.site.value.value;
  const cmd = h.site.shell.program === 'cmd';
  const lines = script.split('\n');
  let offset = script.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const raw = lines[i]!;
    offset -= raw.length + (i < lines.length - 1 ? 1 : 0);
    const text = raw.replace(/\r$/, '').trim();
    if (!text || (cmd ? /^(rem\b|::|@?echo\b)/i : /^(#|write-(host|output)\b)/i).test(text)) continue;
    const variable = (cmd ? /^@?exit(?:\s+\/b)?\s+%(\w+)%$/i : /^exit\s+\$(\w+)\s*;?$/i).exec(text)?.[1];
    if (!variable || /^(errorlevel|lastexitcode)$/i.test(variable)) return undefined;
    const escaped = escapeRegExp(variable);
    const set = cmd ? new RegExp(`\\bset\\s+"?${escaped}=`, 'i') : new RegExp(`\\$${escaped}\\s*[+-]?=`, 'i');
    return set.test(script.slice(h.commandRange.end, offset)) ? { text, offset: offset + raw.indexOf(text) } : undefined;
  }
  return undefined;
}

/**
 * Later steps of the job that read the step's `outcome` in their `if:`, `env:`, `run:` or `with:`.
 * (Its `conclusion` is `success` when `continue-on-error` let a failure pass: reading it learns
 * nothing.) A step's `name:` only shows the outcome ("tests outcome: ${{ steps.t.outcome }}" with
 * `run: ""`, sinatra's way of showing allowed failures): that decides nothing.
 */
export function outcomeReaders(fileText: string, job: Job, step: Step): Step[] {
  const id = step.id?.value;
  if (!id) return [];
  const re = new RegExp(`steps\\.${escapeRegExp(id)}\\.outcome\\b`);
  return job.steps.filter((s) => {
    if (s.index <= step.index) return false;
    let text = fileText.slice(s.span.start, s.span.end);
    if (s.name) text = text.slice(0, s.name.span.start - s.span.start) + text.slice(s.name.span.end - s.span.start);
    return re.test(text);
  });
}

/**
 * A statement after the hidden command, in the same block, that always fails it: the report-then-fail
 * idiom (`for f in $(grep -l ERROR logs/*); do (echo "$f"; symbolize "$f") | tee "$f.txt"; false; done`).
 * Whenever the command runs, the block fails anyway, so its own failure cannot make the step pass.
 * `exit N` counts anywhere; `false` only where errexit stops the script. A `break`, `continue`,
 * `return` or `exit 0` in between ends the search.
 */
export function failsAfter(h: HiddenFailure): ScriptNode | undefined {
  if (!h.node || !h.view || h.how === 'background' || h.how === 'background-wait') return undefined;
  const errexit = h.site.shell.errexit && h.how !== 'errexit-off';
  for (let n: ScriptNode = h.node; n.parent; n = n.parent) {
    // A condition's body runs only on its answer (`if ! a | tee log; then exit 1; fi`): no verdict after it.
    if (n.field === 'condition') return undefined;
    if (!BLOCKS.has(n.parent.type)) continue;
    const siblings = statementsOf(n.parent);
    for (const s of siblings.slice(siblings.indexOf(n) + 1)) {
      const e = exitStatus(s);
      const name = s.type === 'command' ? commandName(s) : undefined;
      if (typeof e === 'number' && e > 0 && (name === 'exit' || errexit)) return s;
      if (e !== undefined || (name && /^(break|continue|return)$/.test(name))) return undefined;
    }
  }
  return undefined;
}
