// M08 bench: `groundwork sbom` beside cdxgen (`-t c`) on pytorch/executorch with the submodules
// whose upstreams are mirrored locally checked out (bench/sbom-setup.mjs). Reports wall time
// (median), components, components with a real version (a commit alone does not count), with a
// licence, and how many of the 23 submodules each tool names. Writes bench/sbom-results.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, timeCommand } from './lib.mjs';

const repo = process.argv[2] ?? join(tmpdir(), 'gw-bench-executorch');
if (!existsSync(repo)) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'sbom-setup.mjs'), repo], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 2);
}
const cdxgen = join(ROOT, 'bench', 'node_modules', '.bin', 'cdxgen');
if (!existsSync(cdxgen)) {
  console.error('cdxgen is not installed: cd bench && npm install (it is a peer of the bench only)');
  process.exit(2);
}
const gwOut = join(tmpdir(), 'gw-bench-sbom.json');
const cdxOut = join(tmpdir(), 'gw-bench-cdxgen.json');
const load = loadavg()[0].toFixed(1);

const gw = timeCommand(process.execPath, [join(ROOT, 'bin', 'groundwork.js'), 'sbom', repo, '--out', gwOut, '--quiet'], { runs: 5 });
const cd = timeCommand(cdxgen, ['-t', 'c', '-o', cdxOut, repo], { runs: 3, cwd: repo, okCodes: [0] });

const submodules = spawnSync('git', ['ls-tree', '-r', 'HEAD'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 })
  .stdout.split('\n')
  .filter((l) => l.startsWith('160000'))
  .map((l) => l.split('\t')[1]);

function count(bom, { realVersion }) {
  const cs = bom.components ?? [];
  const named = new Set(
    cs.flatMap((c) => [
      c.name?.toLowerCase(),
      ...(c.purl ? [decodeURIComponent(c.purl).toLowerCase()] : []),
      ...(c.evidence?.occurrences ?? []).map((o) => o.location),
    ]),
  );
  const base = (p) => p.split('/').pop().toLowerCase();
  return {
    components: cs.length,
    withVersion: cs.filter(realVersion).length,
    withLicence: cs.filter((c) => (c.licenses ?? []).length > 0).length,
    submodulesNamed: submodules.filter((s) => named.has(s) || [...named].some((n) => n === base(s) || n.includes(`/${base(s)}@`))).length,
  };
}
const prop = (c, name) => (c.properties ?? []).find((p) => p.name === name)?.value;
const ours = count(JSON.parse(readFileSync(gwOut, 'utf8')), { realVersion: (c) => Boolean(prop(c, 'groundwork:version-confidence')) });
const theirs = count(JSON.parse(readFileSync(cdxOut, 'utf8')), { realVersion: (c) => Boolean(c.version) && /\d/.test(c.version) });
const cdxVersion = JSON.parse(readFileSync(join(ROOT, 'bench', 'node_modules', '@cyclonedx', 'cdxgen', 'package.json'), 'utf8')).version;

const rows = [
  ['wall time (median)', `${(gw.ms / 1000).toFixed(2)} s (5 runs)`, `${(cd.ms / 1000).toFixed(2)} s (3 runs)`],
  ['components', ours.components, theirs.components],
  ['with a version', ours.withVersion, theirs.withVersion],
  ['with a licence', ours.withLicence, theirs.withLicence],
  [`submodules named (of ${submodules.length})`, ours.submodulesNamed, theirs.submodulesNamed],
];
const table = ['| | groundwork sbom | cdxgen -t c |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const ratio = cd.ms / gw.ms;
const text = `# SBOM bench (M08)

Repository: pytorch/executorch at \`${spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim()}\`, ${submodules.length} submodules, those mirrored locally checked out at their pins (\`node bench/sbom-setup.mjs\`). cdxgen ${cdxVersion}. Machine load average at start: ${load} (shared 2-vCPU machine).

${table}

Time ratio: cdxgen / groundwork = **${ratio.toFixed(1)}×**. "With a version" counts only real versions (a tag, a probe, a declaration); a pinned commit alone is not counted for groundwork, and any value with a digit is counted for cdxgen.
`;
writeFileSync(join(ROOT, 'bench', 'sbom-results.md'), text);
console.log(text);
