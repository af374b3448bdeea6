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
    why: "In `if $(grep '\\[WARN\\]' stderr.log); then echo …; exit 1; fi` the shell runs what grep printed as a command (shellcheck SC2091). When grep finds nothing the condition is grep's failure; when it finds a line, that line (`[WARN] …`) is not a program and fails with 127. Either way the condition is false, so the branch that fails the step never runs and the check passes whatever it found. Reported when the substitution's last command prints what it finds (`grep` without `-q`, `find`, `ls`, `cat`, `jq`, `git diff --name-only`, `git status --porcelain`) and the branch fails the step (`exit` with a non-zero status, `false`, `return 1`). Not reported: a quiet command (`if $(grep -q x f)`, `if $(git diff --quiet)`), which prints nothing, so the condition is its status and works. The severity is the step's role.",
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
 * Whether the command prints what it finds: then the condition runs that text. A quiet command
 * (`grep -q`, `git diff --quiet`, `[ -f x ]`) prints nothing, `$( … )` expands to nothing and the
 * condition is the command's own status, which works; so only known printers count.
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
  const quiet = w.some((x) => /^-[a-zA-Z]*[qs][a-zA-Z]*$/.test(x) && !x.startsWith('--')) || w.some((x) => /^--(quiet|silent|exit-code)$/.test(x));
  if (/^(grep|egrep|fgrep|rg|ag)$/.test(w[0] ?? '')) return !quiet;
  if (/^(find|ls|cat|jq|awk|sed|head|tail|wc)$/.test(w[0] ?? '')) return true;
  if (w[0] === 'git')
    return (w[1] === 'diff' && w.some((x) => /^--(name-only|name-status|stat)$/.test(x)) && !quiet) || (w[1] === 'status' && w.includes('--porcelain'));
  return false;
}

export const conditionRunsOutput: WorkflowRule = {
  meta,
  *check(a) {
    const seen = new Set<number>();
    for (const site of a.scripts) {
      if (!site.parsed) continue;
      for (const n of descendants(site.parsed.root)) {
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
