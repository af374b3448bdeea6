import type { FindingDraft } from '../core/finding.js';
import type { RuleMeta } from '../core/rule.js';
import { commandName, commandsIn, commandText, descendants, hasAncestor, isStatement, listParts, type ScriptNode } from '../sources/shell-script.js';
import type { ScriptSite, WorkflowAnalysis } from '../workflows/analysis.js';
import { criticalCommandRole, roleNote, severityForCommand } from '../workflows/step-role.js';
import { scriptLabel, scriptSpan } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'masked-exit-status',
  summary: '`|| true`, `|| :`, `|| exit 0` or `|| echo` throws away a command\'s failure',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'sometimes',
  docs: {
    why: 'A command followed by `|| true` (or `|| :`, `|| echo …`, `|| exit 0`) always succeeds, so the step is green even when the command fails. On a test, build or lint command this lets breakage through CI silently; `|| exit 0` also skips the rest of the script.',
    fix: 'Drop the `|| true` from checked commands (`groundwork fix` does it for `|| true` and `|| :`). If failure is expected, test for the expected condition instead (`grep -q`, `command -v`), or keep it with `# groundwork: allow-failure <reason>`.',
    bad: '- name: Run tests\n  run: pytest test/ || true',
    good: '- name: Run tests\n  run: pytest test/',
  },
};

/** Right-hand sides that always succeed. */
function noOp(node: ScriptNode): 'true' | ':' | 'exit 0' | 'echo' | undefined {
  let n = node;
  while ((n.type === 'compound_statement' || n.type === 'subshell') && n.children.filter((c) => c.type === 'command' || c.type === 'list').length === 1) {
    n = n.children.find((c) => c.type === 'command' || c.type === 'list')!;
  }
  if (n.type !== 'command') return undefined;
  const name = commandName(n);
  const text = commandText(n);
  if (name === 'true') return 'true';
  if (name === ':') return ':';
  if (name === 'exit' && /^exit(\s+0)?$/.test(text)) return 'exit 0';
  if (name === 'return' && /^return(\s+0)?$/.test(text)) return 'exit 0';
  if (name === 'echo' || name === 'printf') return 'echo';
  return undefined;
}

/**
 * Left-hand commands whose failure is information, not an error: probes (`command -v`, `grep`,
 * `git diff --quiet`, `test`) and idempotent cleanup (`rm`, `pkill`, `docker rm`).
 */
const PROBE = /^(command -v|command|which|type|hash|test|\[|\[\[|grep|egrep|fgrep|rg|git diff --quiet|git diff --exit-code|git diff|git ls-files|git rev-parse|git show-ref|git describe|diff|cmp|pgrep|pidof|id|getent|ls|stat|readlink|find|jq|yq|pip show|pip freeze|conda list|dpkg -s|rpm -q|docker inspect|docker images|kubectl get)\b/;
const CLEANUP = /^(rm|rmdir|unlink|pkill|kill|killall|umount|docker (rm|rmi|stop|kill|network rm|volume rm)|docker-compose down|docker compose down|pip3? uninstall|conda (remove|env remove)|apt-get (remove|purge)|git (branch -D|remote remove|worktree remove|submodule deinit|stash drop|tag -d)|mkdir|ln|chmod|chown|cp|mv|deactivate|conda deactivate|popd|pushd|wait|cat|tail|head|sleep|mount|sync)\b/;

const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);

/** Commands run on the left of `||`, without those inside `$( … )` (their status is not the list's). */
function leftCommands(node: ScriptNode): string[] {
  const inner = new Set(descendants(node).filter((n) => SUBSTITUTIONS.has(n.type)).flatMap((n) => commandsIn(n)));
  return commandsIn(node).filter((c) => !inner.has(c)).map(commandText);
}


function* findingsIn(a: WorkflowAnalysis, site: ScriptSite): Generator<FindingDraft> {
  // Cheap text test first, so scripts without `||` are never parsed.
  if (!site.value.value.includes('||') || !site.parsed) return;
  for (const node of site.parsed.nodes) {
    const parts = listParts(node);
    if (!parts || parts.op !== '||') continue;
    const kind = noOp(parts.right);
    if (!kind) continue;
    const left = leftCommands(parts.left);
    if (left.length === 0 || left.every((c) => PROBE.test(c) || CLEANUP.test(c))) continue;
    const inSubstitution = hasAncestor(node, SUBSTITUTIONS);
    if (inSubstitution && kind !== 'exit 0') continue; // output is captured and used; the status is not the point
    const commandRole = criticalCommandRole(left);
    const role = commandRole ?? site.role.role;
    const severity = severityForCommand(commandRole, site.role);
    const first = left[0]!.length > 50 ? `${left[0]!.slice(0, 50)}…` : left[0]!;
    const span = scriptSpan(site, parts.left.start, node.end);
    let fix: FindingDraft['fix'];
    if ((kind === 'true' || kind === ':') && severity !== 'low' && isStatement(node) && site.value.map.exact) {
      const from = site.value.map.toFile(parts.left.end);
      const to = site.value.map.toFile(node.end);
      const sameLine = !a.model.file.text.slice(from, to).includes('\n');
      if (sameLine) fix = { title: `remove \`|| ${kind}\` after \`${first}\``, safety: 'safe', edits: [{ start: from, end: to, text: '' }] };
    }
    yield {
      ruleId: meta.id,
      message: `\`${first}\` is followed by \`|| ${parts.right.text.length > 30 ? `${parts.right.text.slice(0, 30)}…` : parts.right.text}\`, so its failure ${kind === 'exit 0' ? 'ends the script with success' : 'is ignored'} in ${scriptLabel(site)} ${roleNote(role, commandRole ? 'the command' : site.role.because)}`,
      span,
      scope: site.step?.span ?? site.job.idSpan,
      severity,
      confidence: role === 'other' ? 'medium' : 'high',
      fix,
    };
  }
}

export const maskedExitStatus: WorkflowRule = {
  meta,
  *check(a) {
    for (const site of a.scripts) yield* findingsIn(a, site);
  },
};
