import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { copyTree, SHARED, tempDir } from './tmp-repo.js';

export const CORPUS = join(SHARED, 'corpus');

export function corpusAbsent(): string | false {
  return existsSync(CORPUS) ? false : `../shared/corpus is absent (${CORPUS}); corpus tests need it`;
}

/** The corpus repositories that have a .github folder. */
export function corpusRepos(): string[] {
  return readdirSync(CORPUS)
    .filter((n) => existsSync(join(CORPUS, n, '.github')))
    .sort();
}

/** Copies a corpus repository's CI files into a fresh temporary directory (the corpus is read-only). */
export function corpusCopy(name: string): { dir: string; cleanup: () => void } {
  const t = tempDir(`gw-${name}-`);
  copyTree(join(CORPUS, name), t.dir);
  spawnSync('chmod', ['-R', 'u+w', t.dir]);
  return t;
}

/** Unpacks actionlint's 1,503 real-world workflows into .github/workflows/ of a fresh directory. */
export function realworldDataset(): { dir: string; cleanup: () => void } {
  const t = tempDir('gw-realworld-');
  const target = join(t.dir, '.github', 'workflows');
  mkdirSync(target, { recursive: true });
  const r = spawnSync('python3', [
    '-c',
    'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
    join(CORPUS, 'actionlint-realworld', 'dataset.zip'),
    target,
  ]);
  if (r.status !== 0) throw new Error(`could not unpack dataset.zip: ${r.stderr}`);
  return t;
}
