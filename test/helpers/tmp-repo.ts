import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/** The read-only shared folder beside the project; may be absent (then corpus tests skip). */
export const SHARED = join(ROOT, '..', 'shared');

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'gw-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes files (path → content) under a new temporary directory. */
export function repoWith(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const t = tempDir();
  for (const [path, content] of Object.entries(files)) {
    const abs = join(t.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return t;
}

/** Runs `fn` in a new temporary directory holding `files`, and removes the directory after, whatever happens. */
export async function withRepo<T>(files: Record<string, string | Buffer>, fn: (dir: string) => Promise<T>): Promise<T> {
  const t = repoWith(files);
  try {
    return await fn(t.dir);
  } finally {
    t.cleanup();
  }
}

export function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}
