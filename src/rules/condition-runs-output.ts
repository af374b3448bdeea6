import type { RuleMeta } from '../core/rule.js';
import { commandName, commandWords, descendants, type ScriptNode } from '../sources/shell-script.js';
import { roleNote } from '../workflows/roles/role.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'condition-runs-output',
  summary: "`if $(cmd); then … exit 1` runs cmd's output as a command: the condition is never true and the check never fails",
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "In `if $(grep '\\[WARN\\]' stderr.log); then echo …; exit 1; fi` the shell runs what grep printed as a command (shellcheck SC2091). When grep finds nothing the condition is grep's failure; when it finds a line, that line (`[WARN] …`) is not a program and fails with 127. Either way the condition is false, so the branch that fails the step never runs and the check passes whatever it found. Reported when the substitution's last command is a grep that prints what it finds (no `-q`) and the branch fails the step (`exit` with a non-zero status, `false`, `return 1`). Not reported: a quiet command (`if $(grep -q x f)`, `if $(git diff --quiet)`), which prints nothing, so the condition is its status and works; a printer that succeeds when it finds nothing (`find`, `ls`, `git diff --name-only`), which makes the branch run on an empty result (inverted, not dead); `jq`, which may print `true` or `false`, run as the builtins. The severity is the step's role.",
    fix: 'Test the command itself: `if grep -q \'\\[WARN\\]\' stderr.log; then …`, or test its output: `if [ -n "$(grep …)" ]; then …`.',
    bad: '- name: Check for warnings\n  run: |\n    if $(grep "\\[WARN\\]" stderr.log); then exit 1; fi',
    good: '- name: Check for warnings\n  run: |\n    if grep -q "\\[WARN\\]" stderr.log; then exit 1; fi',
  },
};

/** A branch that fails the script: `exit 2`, `exit 1`, `false`, `return 1` among its own statements. */
function failsInBranch(nodes: readonly ScriptNode[]): boolean {
  return nodes.some((n) => {
    if (n.type !== 'command') return false;
    const w = commandWords(n);
    return (w[0] === 'exit' || w[0] === 'return') && w[1] !== undefined && w[1] !== '0' ? true : w[0] === 'false' && w.length === 1;
  });
}

/**
 * Whether the command prints what it finds and fails when it finds nothing: grep and its kin. Then
 * the condition is false both ways (no match: grep's failure; a match: the line run as a command).
 * A quiet grep (`-q`) prints nothing, so the condition is its status and works; a printer that
 * succeeds on no output (`find`, `ls`, `git diff --name-only`) makes the branch run when nothing is
 * found, which is inverted rather than dead, and `jq` may print `true` or `false`, which run as the
 * builtins: those are not reported.
 */
function printsFindings(cmd: ScriptNode): boolean {
  const w = commandWords(cmd);
  if (
    cmd.parent?.type === 'redirected_statement' &&
    /(^|\s)(1?>|&>)/.test(
      cmd.parent.children
        .filter((c) => c.field === 'redirect')
        .map((c) => c.text)
        .join(' '),
    )
  )
    return false;
  if (!/^(grep|egrep|fgrep|rg|ag)$/.test(w[0] ?? '')) return false;
  // -q, --quiet, --silent print nothing (grep's -s only silences error messages); -c and -v still print.
  return !w.some((x) => (/^-[a-zA-Z]*q[a-zA-Z]*$/.test(x) && !x.startsWith('--')) || /^--(quiet|silent)$/.test(x));
}

export const conditionRunsOutput: WorkflowRule = {
  meta,
  *check(a) {
    const seen = new Set<number>();
    for (const site of a.scripts) {
      // Cheap text test first: parsing is the costly part, and the idiom is rare.
      if (!/\b(el)?if\s+\$\(/.test(site.value.value) || !site.parsed) continue;
      for (const n of site.parsed.nodes) {
        if (n.type !== 'if_statement' && n.type !== 'elif_clause') continue;
        const cond = n.children.find((c) => c.field === 'condition' && c.type === 'command');
        const name = cond?.children.find((c) => c.type === 'command_name');
        // The whole command name is one `$( … )`: its output is what runs.
        if (!cond || !name || name.children.length !== 1 || name.children[0]!.type !== 'command_substitution') continue;
        // The then-part: the statements after `then` up to the next elif/else/fi, at this level.
        const then = n.children.filter((c) => c.field !== 'condition' && !['elif_clause', 'else_clause'].includes(c.type));
        if (!failsInBranch(then.flatMap((c) => [c, ...descendants(c)]))) continue;
        const inner = descendants(name.children[0]!).find((d) => d.type === 'command');
        // The last command of the substitution prints what the condition runs (`grep … | head -1`).
        const printer = descendants(name.children[0]!)
          .filter((d) => d.type === 'command')
          .pop();
        if (!inner || !printer || !printsFindings(printer)) continue;
        const span = scriptSpan(site, cond.start, cond.end);
        if (seen.has(span.start)) continue;
        seen.add(span.start);
        yield {
          ruleId: meta.id,
          message: `\`if ${cond.text.slice(0, 50)}\` runs \`${commandName(inner)}\`'s output as a command in ${scriptLabel(site)}: the condition is false whatever it finds, so the branch that fails the step never runs ${roleNote(site.role)}`,
          span,
          scope: site.step?.span ?? site.job.idSpan,
          severity:
            site.role.role === 'verify' || site.role.role === 'test' || site.role.role === 'lint' || site.role.role === 'build'
              ? site.role.inherited
                ? 'medium'
                : 'high'
              : 'medium',
          confidence: 'high',
        };
      }
    }
  },
};
