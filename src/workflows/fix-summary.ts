import { atOrAbove } from '../core/engine.js';
import type { Severity } from '../core/finding.js';
import type { FixResult } from './fix.js';

/** M04's deliverable: what `fix` changed, file by file, and what is left for a person. */
export function renderFixSummary(result: FixResult, failOn: Severity): string {
  const fixed = result.changes.reduce((n, c) => n + c.applied.length, 0);
  const remaining = atOrAbove(result.after.findings, failOn);
  const out = [
    '# M04 summary: silent failures fixed',
    '',
    `${fixed} finding(s) fixed in ${result.changes.length} file(s) by \`groundwork fix\`; ${remaining.length} finding(s) at or above ${failOn} remain.`,
    '',
  ];
  for (const c of result.changes) {
    out.push(`## \`${c.path}\``, '', '| Line | Rule | Change |', '|---:|---|---|');
    for (const f of c.applied)
      out.push(
        `| ${f.line} | [\`${f.ruleId}\`](https://github.com/groundwork-dev/groundwork/blob/main/docs/rules/${f.ruleId}.md) | ${f.fix!.title.replace(/\|/g, '\\|')} |`,
      );
    out.push('');
  }
  if (result.rejected.length) {
    out.push('## Fixes dropped because the result would not parse', '');
    for (const r of result.rejected) out.push(`- \`${r.path}\`: ${r.fix.title} (${r.reason})`);
    out.push('');
  }
  if (remaining.length) {
    out.push('## Left for review', '', 'These need a person: an intended failure gets `# groundwork: allow-failure <reason>`, the rest a real fix.', '');
    for (const f of remaining) out.push(`- \`${f.file}:${f.line}\` \`${f.ruleId}\` (${f.severity}): ${f.message.replace(/\n/g, ' ')}`);
    out.push('');
  }
  out.push(
    'Verification: `groundwork check --fail-on high` exits 0 once nothing high remains; the tests of groundwork run each fixed step in real bash to show the failure now fails the step.',
    '',
  );
  return out.join('\n');
}
