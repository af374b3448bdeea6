import type { RuleMeta } from '../core/rule.js';
import { swallowedByComments, swallowedByJoin } from '../workflows/folded.js';
import { CRITICAL_ROLES, roleNote, severityOf, type RoleEvidence } from '../workflows/roles/role.js';
import { toolRole } from '../workflows/roles/tools.js';
import { scriptLabel } from '../workflows/script-location.js';
import type { WorkflowRule } from './workflow-rule.js';

const meta: RuleMeta = {
  id: 'folded-script-comment',
  summary: 'a `#` in a folded script (`run: >`) comments out the lines YAML joins after it',
  capability: 'workflows',
  milestone: 'M03',
  defaultSeverity: 'high',
  defaultConfidence: 'high',
  fixable: 'never',
  docs: {
    why: "A `>` block scalar joins its lines with spaces, so the shell receives one long line: a `#` comment on one line swallows every line folded after it, and those commands never run (a test that never runs passes). Arguments swallowed this way silently change the command they belonged to. An action that joins a script's lines with `;` before the shell reads it (addnab/docker-run-action runs `sh -c \"${INPUT_RUN//$'\\n'/;}\"`) does the same to any `#` comment line, whatever the YAML style: every line after it is swallowed. Severity follows what is swallowed: a test, build, lint or verification command is high; options or setup commands are low. addnab/docker-run-action joins the lines only on its default branch (`@main`); its released tags (v1 to v3) keep the newlines, so a `#` there comments out its own line only.",
    fix: 'Use a literal block (`run: |`), where each line stays a line, or move the comment to its own paragraph (a blank line before and after) or out of the script.',
    bad: '- name: Test\n  run: >\n    make  # build first\n    make test',
    good: '- name: Test\n  run: |\n    make  # build first\n    make test',
  },
};

export const foldedScriptComment: WorkflowRule = {
  meta,
  *check(a) {
    for (const site of a.scripts) {
      if (site.windows || (site.value.node.type !== 'BLOCK_FOLDED' && !site.joinsLines)) continue;
      const joined = site.joinsLines ? swallowedByJoin(site.value) : undefined;
      for (const s of joined ?? swallowedByComments(site.value, a.model.file.text)) {
        // Each swallowed line that starts a command has the role of that command; option lines belong to the command before the comment.
        let worst: { role: RoleEvidence; text: string } | undefined;
        for (const line of s.swallowed) {
          if (line.text.startsWith('-') || line.text.startsWith('#')) continue;
          const t = toolRole(line.text.split(/\s+/));
          const role: RoleEvidence = t
            ? { role: t.role, because: `command \`${t.because}\`` }
            : { ...site.role, because: `${site.role.because}; \`${line.text.slice(0, 40)}\` is the step's main work` };
          if (!worst || (CRITICAL_ROLES.has(role.role) && !CRITICAL_ROLES.has(worst.role.role))) worst = { role, text: line.text };
        }
        const n = s.swallowed.length;
        const what = worst
          ? `\`${worst.text.slice(0, 60)}\` never runs`
          : `${n === 1 ? 'its options are' : 'the options on them are'} dropped from \`${s.command.slice(0, 40)}\``;
        yield {
          ruleId: meta.id,
          message: `the \`#\` in the ${joined ? '' : 'folded '}script of ${scriptLabel(site)} comments out the ${n} line${n === 1 ? '' : 's'} ${joined ? `${site.action} joins after it with \`${site.joinsLines}\`` : 'YAML joins after it'}: ${what}${worst ? ` ${roleNote(worst.role)}` : ''}`,
          span: { start: s.hash, end: s.hash + 1 },
          scope: site.step?.span ?? site.job.idSpan,
          severity: worst ? severityOf(worst.role) : 'low',
          confidence: 'high',
        };
      }
    }
  },
};
