// Discovery on the shared corpus: every gitlink and every vendored folder its listings name must be
// found, from the listings alone (the corpus has no source code, so this is a TreeSnapshot test).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { discover } from '../../src/sbom/discover.js';
import { DEFAULT_VENDOR_ROOTS } from '../../src/sbom/roots.js';
import type { Gitlink, TreeSnapshot } from '../../src/sbom/tree.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const present = existsSync(CORPUS);

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

interface Listed {
  snapshot: TreeSnapshot;
  gitlinks: string[];
  dirs: string[];
}

/** The listings of one corpus repository as a tree: gitlinks, listed files, and real vendored files. */
function load(repo: string): Listed {
  const base = join(CORPUS, repo);
  const rows = readFileSync(join(base, 'vendored-dirs.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const links = new Map<string, Gitlink>();
  for (const line of readFileSync(join(base, 'gitlinks.txt'), 'utf8').split('\n')) {
    const m = /^160000 commit (\S+)\t([^\t]+)/.exec(line);
    if (m) links.set(m[2]!, { path: m[2]!, sha: /^[0-9a-f]{40}$/.test(m[1]!) ? m[1] : undefined });
  }
  for (const r of rows)
    if (r[2] === 'submodule' && !links.has(`${r[0]}/${r[1]}`))
      links.set(`${r[0]}/${r[1]}`, { path: `${r[0]}/${r[1]}`, sha: /^[0-9a-f]{40}$/.test(r[5] ?? '') ? r[5] : undefined });
  const texts = new Map<string, string>();
  const vf = join(base, 'vendored-files');
  if (existsSync(vf)) for (const f of walk(vf)) texts.set(relative(vf, f).split('\\').join('/'), readFileSync(f, 'utf8'));
  const files = new Set(texts.keys());
  const dirs: string[] = [];
  for (const r of rows) {
    const path = `${r[0]}/${r[1]}`;
    if (r[2]!.startsWith('file')) files.add(path);
    else if (r[2]!.startsWith('dir') && !links.has(path)) {
      dirs.push(path);
      // the listing gives a count, not names: one stand-in file unless real files are known
      if (![...files].some((f) => f.startsWith(`${path}/`))) files.add(`${path}/listed-in-corpus`);
    }
  }
  const gitmodulesPath = join(base, '.gitmodules');
  return {
    snapshot: {
      gitlinks: [...links.values()],
      gitmodules: existsSync(gitmodulesPath) ? readFileSync(gitmodulesPath, 'utf8') : undefined,
      files: [...files].sort(),
      read: (p) => texts.get(p),
    },
    gitlinks: [...links.keys()],
    dirs,
  };
}

const repos = present ? readdirSync(CORPUS).filter((r) => existsSync(join(CORPUS, r, 'gitlinks.txt'))) : [];

describe('corpus discovery', { skip: present ? false : `no corpus at ${CORPUS}` }, () => {
  for (const repo of repos) {
    it(`${repo}: finds every gitlink and every vendored folder`, () => {
      const { snapshot, gitlinks, dirs } = load(repo);
      const d = discover(snapshot, { roots: DEFAULT_VENDOR_ROOTS });
      assert.deepEqual(d.submodules.map((s) => s.path).sort(), [...gitlinks].sort());
      // found as a component, or classified with a stated reason (meson packagefiles are patches)
      const foundDirs = new Set([...d.vendored.map((v) => v.path), ...d.skippedFolders.map((v) => v.path)]);
      const found = d.submodules.map((s) => s.path);
      const missing = dirs.filter((p) => !foundDirs.has(p) && !found.some((s) => s.startsWith(`${p}/`)));
      assert.deepEqual(missing, [], `${repo}: vendored folders not found`);
      // the .gitmodules URL is joined to every declared gitlink
      const declared = d.submodules.filter((s) => s.decl?.url).length;
      if (snapshot.gitmodules?.trim()) assert.ok(declared > 0);
    });
  }

  it('arrow: every meson wrap is read as fetched code with a version and a hash', { skip: repos.includes('apache+arrow') ? false : 'no arrow corpus' }, () => {
    const { snapshot } = load('apache+arrow');
    const wraps = snapshot.files.filter((f) => f.endsWith('.wrap'));
    const d = discover(snapshot, { roots: DEFAULT_VENDOR_ROOTS });
    const fromWraps = d.fetched.filter((f) => f.via === 'meson-wrap');
    assert.equal(fromWraps.length, wraps.length);
    const unversioned = fromWraps.filter((f) => !f.version).map((f) => f.name);
    assert.ok(unversioned.length <= 2, `wraps without a version: ${unversioned.join(', ')}`);
    assert.ok(fromWraps.filter((f) => f.sha256).length >= wraps.length - 2);
  });

  it('executorch: all 23 gitlinks are joined with their .gitmodules URL', {
    skip: repos.includes('pytorch+executorch') ? false : 'no executorch corpus',
  }, () => {
    const { snapshot } = load('pytorch+executorch');
    const d = discover(snapshot, { roots: DEFAULT_VENDOR_ROOTS });
    assert.equal(d.submodules.length, 23);
    assert.deepEqual(
      d.submodules.filter((s) => !s.decl?.url).map((s) => s.path),
      [],
    );
  });
});
