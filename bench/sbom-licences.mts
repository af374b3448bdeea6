// Licence identification accuracy on real licence files (bench/sbom-licence-labels.json plus every
// package in node_modules and bench/node_modules): exact, partial (the label is one of several ids found), wrong, none.
// Run: node --import tsx bench/sbom-licences.mts
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identifyLicenceText } from '../src/sbom/licence-match.js';
import { isLicenceFile } from '../src/sbom/roots.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const MIRRORS = process.env.GW_MIRRORS ?? '/work/.mirror';
const labels = JSON.parse(readFileSync(join(ROOT, 'bench', 'sbom-licence-labels.json'), 'utf8')) as {
  mirror: { repo: string; file: string; label: string }[];
  corpus: { file: string; label: string }[];
};

type Sample = { source: string; name: string; label: string; text: string };
const samples: Sample[] = [];
for (const m of labels.mirror) {
  const gitDir = join(MIRRORS, m.repo, 'repo');
  if (!existsSync(gitDir)) continue;
  try {
    samples.push({
      source: 'mirror',
      name: `${m.repo}/${m.file}`,
      label: m.label,
      text: execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:${m.file}`], { encoding: 'utf8' }),
    });
  } catch {
    /* file not in this snapshot */
  }
}
for (const c of labels.corpus)
  if (existsSync(join(CORPUS, c.file))) samples.push({ source: 'corpus', name: c.file, label: c.label, text: readFileSync(join(CORPUS, c.file), 'utf8') });
// the tool's own dependencies and the bench peers' (cdxgen brings ~180 packages); each package once
const seen = new Set<string>();
for (const modules of [join(ROOT, 'node_modules'), join(ROOT, 'bench', 'node_modules')]) {
  if (!existsSync(modules)) continue;
  const packages = readdirSync(modules).flatMap((n) =>
    n.startsWith('@') ? readdirSync(join(modules, n)).map((m) => `${n}/${m}`) : n.startsWith('.') ? [] : [n],
  );
  for (const p of packages.sort()) {
    const dir = join(modules, p);
    if (seen.has(p) || !existsSync(join(dir, 'package.json'))) continue;
    seen.add(p);
    const license = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { license?: unknown }).license;
    const file = readdirSync(dir).find((f) => isLicenceFile(f) && !/^notice/i.test(f));
    if (typeof license !== 'string' || !file) continue;
    samples.push({ source: 'node_modules', name: `${p}/${file}`, label: license.replace(/^\((.*)\)$/, '$1'), text: readFileSync(join(dir, file), 'utf8') });
  }
}

const t0 = performance.now();
const results = samples.map((s) => {
  const m = identifyLicenceText(s.text);
  const got = m.expression;
  const ids = got?.split(/\s+(?:AND|OR|WITH)\s+/) ?? [];
  const verdict =
    got === s.label ? 'exact' : !got ? 'none' : ids.includes(s.label) || s.label.split(/\s+OR\s+/).every((l) => ids.includes(l)) ? 'partial' : 'wrong';
  return { ...s, got, confidence: m.confidence, verdict };
});
const ms = performance.now() - t0;

const by = (src?: string) => {
  const r = results.filter((x) => !src || x.source === src);
  const n = (v: string) => r.filter((x) => x.verdict === v).length;
  return `| ${src ?? 'all'} | ${r.length} | ${n('exact')} (${((100 * n('exact')) / Math.max(1, r.length)).toFixed(0)}%) | ${n('partial')} | ${n('wrong')} | ${n('none')} |`;
};
const misses = results
  .filter((r) => r.verdict !== 'exact')
  .map((r) => `- ${r.name}: labelled ${r.label}, found ${r.got ?? 'nothing'} (${r.verdict}, ${r.confidence} confidence)`);
const text = `# Licence identification bench (M08)

${results.length} real licence files; ${ms.toFixed(0)} ms for all of them (including loading the SPDX texts).

| source | files | exact | partial | wrong | none |
|---|---|---|---|---|---|
${by('mirror')}
${by('corpus')}
${by('node_modules')}
${by()}

Not exact:

${misses.join('\n') || '- none'}
`;
writeFileSync(join(ROOT, 'bench', 'sbom-licences-results.md'), text);
console.log(text);
