import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScanResult } from '../../src/smoke/records.js';

export const AST_EXTRACTOR = fileURLToPath(new URL('./ast_imports.py', import.meta.url));

/** Whether a usable python3 is on PATH; the reason when not. */
export function python3(): { ok: true } | { ok: false; reason: string } {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 8))'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return { ok: false, reason: 'python3 is not installed' };
  return r.stdout.trim() === 'True' ? { ok: true } : { ok: false, reason: 'python3 is older than 3.8' };
}

function flags(c: number): string {
  return (
    (
      [
        [1, 'F'],
        [2, 'T'],
        [4, 'G'],
        [8, 'C'],
      ] as const
    )
      .filter(([b]) => c & b)
      .map(([, l]) => l)
      .join('') || '-'
  );
}

/** The scanner's records in the reference extractor's format (test/smoke/ast_imports.py). */
export function canonicalImports(s: ScanResult): string[] {
  return s.imports
    .map((r) => {
      if (r.kind === 'import') return `${r.at.line} import ${r.module} as ${r.asname ?? '-'} ${flags(r.context)}`;
      if (r.kind === 'from')
        return `${r.at.line} from ${'.'.repeat(r.level)}${r.module} [${r.names.map((n) => (n.asname ? `${n.name} as ${n.asname}` : n.name)).join(',')}] ${flags(r.context)}`;
      return `${r.at.line} dynamic ${'.'.repeat(r.level)}${r.module} ${flags(r.context)}`;
    })
    .sort();
}

export interface AstRecord {
  path: string;
  imports?: string[];
  bindings?: string[];
  error?: string;
}

/** Runs Python's ast over the files (one process) and returns its records per file. */
export function astRecords(files: readonly string[]): AstRecord[] {
  const out = execFileSync('python3', [AST_EXTRACTOR], { input: files.join('\n'), maxBuffer: 1 << 30 }).toString('utf8');
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AstRecord);
}
