import { severityRank, type Finding } from '../core/finding.js';
import type { Comparison } from './findings-file.js';
import { scoreAreas } from './score.js';
import { AREAS, type AuditData } from './types.js';

export const PACK_FILES = {
  readme: 'README.md',
  findings: 'findings.json',
  sarif: 'findings.sarif',
  cycloneDx: 'SBOM.cdx.json',
  thirdParty: 'THIRD_PARTY_VERSIONS.md',
  html: 'report.html',
} as const;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The pack's README.md: the baseline every milestone links to. */
export function renderPackReadme(data: AuditData, comparison?: { since: string; result: Comparison }): string {
  const all: Finding[] = data.capabilities.flatMap((c) => c.findings);
  const count = (s: string) => all.filter((f) => f.severity === s).length;
  const out = [
    `# Audit pack: ${data.meta.name}`,
    '',
    `Baseline for the refactoring programme. Commit \`${data.meta.commit?.slice(0, 12) ?? 'unknown (not a git repository)'}\`, ${data.meta.date}, groundwork ${data.meta.version}.`,
    '',
    `**${all.length} findings**: ${count('high')} high, ${count('medium')} medium, ${count('low')} low, ${count('info')} info. Open [report.html](${PACK_FILES.html}) for charts and a filterable table.`,
    '',
    '## Areas',
    '',
    '| Area | Score | Findings | High | What it covers |',
    '|---|---:|---:|---:|---|',
  ];
  for (const s of scoreAreas(
    data.capabilities,
    AREAS.map((a) => a.id),
  )) {
    const a = AREAS.find((x) => x.id === s.area)!;
    out.push(`| ${a.title} | ${s.score === undefined ? 'not run' : `${s.score} (${s.grade})`} | ${s.findings} | ${s.high} | ${a.about} |`);
  }
  out.push('', '## Capabilities', '', '| Capability | Status | Findings | Time | Note |', '|---|---|---:|---:|---|');
  for (const c of data.capabilities) out.push(`| ${c.title} | ${c.status} | ${c.findings.length} | ${Math.round(c.ms)} ms | ${cell(c.note ?? '')} |`);
  const top = [...all].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.file < b.file ? -1 : 1) || a.line - b.line).slice(0, 15);
  if (top.length) {
    out.push('', '## Top findings', '', '| Severity | Location | Rule | Finding |', '|---|---|---|---|');
    for (const f of top)
      out.push(
        `| ${f.severity} | \`${f.file}:${f.line}\` | [\`${f.ruleId}\`](https://github.com/groundwork-dev/groundwork/blob/main/docs/rules/${f.ruleId}.md) | ${cell(f.message)} |`,
      );
  }
  if (comparison) {
    out.push(
      '',
      `## Since ${comparison.since}`,
      '',
      `${comparison.result.fixed.length} fixed, ${comparison.result.introduced.length} new, ${comparison.result.unchanged} unchanged.`,
      '',
    );
    for (const f of comparison.result.introduced.slice(0, 20)) out.push(`- new: \`${f.file}:${f.line}\` \`${f.ruleId}\` ${cell(f.message)}`);
    for (const f of comparison.result.fixed.slice(0, 20)) out.push(`- fixed: \`${f.file}:${f.line}\` \`${f.ruleId}\` ${cell(f.message)}`);
  }
  out.push('', '## Artefacts', '');
  out.push(
    `- [${PACK_FILES.findings}](${PACK_FILES.findings}): every finding (format version ${data.meta.formatVersion}), for \`groundwork audit --since\` and \`groundwork merge\``,
  );
  out.push(`- [${PACK_FILES.sarif}](${PACK_FILES.sarif}): one SARIF run per capability, for GitHub code scanning`);
  if (data.artefacts.cycloneDx) out.push(`- [${PACK_FILES.cycloneDx}](${PACK_FILES.cycloneDx}): CycloneDX 1.6 SBOM of vendored code (M08)`);
  if (data.artefacts.thirdPartyVersions) out.push(`- [${PACK_FILES.thirdParty}](${PACK_FILES.thirdParty}): vendored components with versions and licences`);
  out.push(`- [${PACK_FILES.html}](${PACK_FILES.html}): the report, one self-contained file`);
  out.push('', `Regenerate with \`npx groundwork audit\`. Skipped online checks: \`groundwork pin --verify\`, \`groundwork deps --online\`.`, '');
  return out.join('\n');
}
