// Component counts on the shared corpus (issue 13): each repository's listings (gitlinks, .gitmodules,
// vendored folders, vendored-files) are laid out as a small git repository and inventoried.
// node --import tsx bench/sbom-corpus.mts [SRC_DIR]   (SRC_DIR: another checkout's src/, for a before/after)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const src = resolve(process.argv[2] ?? fileURLToPath(new URL('../src/', import.meta.url)));
const { buildInventory } = await import(join(src, 'sbom/inventory.ts'));
const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'b',
      GIT_AUTHOR_EMAIL: 'b@x',
      GIT_COMMITTER_NAME: 'b',
      GIT_COMMITTER_EMAIL: 'b@x',
      GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
    },
  }).toString();
const walk = (d: string, out: string[] = []) => {
  for (const n of readdirSync(d)) statSync(join(d, n)).isDirectory() ? walk(join(d, n), out) : out.push(join(d, n));
  return out;
};
if (!existsSync(CORPUS)) {
  console.log(`no corpus at ${CORPUS}`);
  process.exit(0);
}
for (const repo of readdirSync(CORPUS)
  .filter((r) => existsSync(join(CORPUS, r, 'gitlinks.txt')))
  .sort()) {
  const base = join(CORPUS, repo);
  const dir = mkdtempSync(join(tmpdir(), 'gw-corpus-'));
  git(dir, ['init', '-q']);
  git(dir, ['remote', 'add', 'origin', `https://github.com/${repo.replace('+', '/')}`]);
  const vf = join(base, 'vendored-files');
  if (existsSync(vf))
    for (const f of walk(vf)) {
      const to = join(dir, relative(vf, f));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(f, to);
    }
  if (existsSync(join(base, '.gitmodules'))) copyFileSync(join(base, '.gitmodules'), join(dir, '.gitmodules'));
  const links = new Map<string, string>();
  for (const line of readFileSync(join(base, 'gitlinks.txt'), 'utf8').split('\n')) {
    const m = /^160000 commit ([0-9a-f]{40})\t(.+)$/.exec(line);
    if (m) links.set(m[2]!, m[1]!);
  }
  for (const row of readFileSync(join(base, 'vendored-dirs.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'))) {
    const path = `${row[0]}/${row[1]}`;
    if (row[2] === 'submodule' && /^[0-9a-f]{40}$/.test(row[5] ?? '')) links.set(path, row[5]!);
    else if (row[2] === 'dir' && !links.has(path) && !existsSync(join(dir, path))) {
      mkdirSync(join(dir, path), { recursive: true });
      writeFileSync(join(dir, path, 'listed-in-corpus'), '');
    }
  }
  git(dir, ['add', '-A']);
  for (const [p, sha] of links) git(dir, ['update-index', '--add', '--cacheinfo', `160000,${sha},${p}`]);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'corpus']);
  const inv = await buildInventory(dir);
  const kinds = (k: string) => inv.components.filter((c: { kind: string }) => c.kind === k).length;
  const versioned = inv.components.filter((c: { version: { value?: string }; commit?: string }) => c.version.value).length;
  console.log(`${repo}\t${inv.components.length}\t${kinds('submodule')}\t${kinds('vendored')}\t${kinds('fetched')}\t${versioned}`);
  rmSync(dir, { recursive: true, force: true });
}
